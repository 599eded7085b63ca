# family: pandarallel
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: pandarallel sends the user's function with dill (core.py: dill.dumps(user_defined_function)), so a lambda over rows works; it forks its workers wherever fork exists (core.py: CONTEXT = get_context("spawn" if ON_WINDOWS else "fork")). Modelled on https://github.com/nalepae/pandarallel/issues/22 (lambda support since 1.3.0) and https://github.com/nalepae/pandarallel/issues/98 (df.parallel_apply(lambda x: ..., axis=1)).
import pandas as pd
from pandarallel import pandarallel


def label(row):
    return "big" if row.a + row.b > 20 else "small"


if __name__ == "__main__":
    pandarallel.initialize(nb_workers=2, progress_bar=False, verbose=0)
    df = pd.DataFrame({"a": range(20), "b": range(20)})
    labels = df.parallel_apply(lambda row: label(row), axis=1)
    print("RESULT=" + str(labels.value_counts().to_dict()))
