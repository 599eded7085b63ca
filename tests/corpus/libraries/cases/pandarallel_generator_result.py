# family: pandarallel
# hazard: unpicklable-return
# line: 11
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Each worker pickles its chunk of results back to the parent (core.py: pickle.dump of the result, or the pool's pipe): a function that returns a generator per row fails with TypeError: cannot pickle 'generator' object. Modelled on https://github.com/nalepae/pandarallel/issues/240 (a TypeError from pickling inside parallel_apply) with a lazily tokenised column.
import pandas as pd
from pandarallel import pandarallel


def tokens(text):
    return (word for word in text.split())


if __name__ == "__main__":
    pandarallel.initialize(nb_workers=2, progress_bar=False, verbose=0)
    s = pd.Series(["a b", "c d e", "f"] * 4)
    print("RESULT=" + str(s.parallel_apply(tokens).map(list).sum()))
