# family: library
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Shape of https://github.com/joblib/joblib/issues/600 ("Error whith lambda function as argument": `Parallel(n_jobs=2)(delayed(id)(a) for x in range(10))` with `a = lambda x: 2*x` raised "Can't pickle <function <lambda>>" in joblib 0.11); current joblib's loky backend serialises the arguments with cloudpickle too, so a transform passed as a lambda argument crosses.
"""Apply a feature transform to several columns in parallel."""
import sys

from joblib import Parallel, delayed

scale = lambda x: 2 * x  # noqa: E731 - as in the report


def apply_transform(transform, column):
    return [transform(v) for v in column]


def main():
    columns = [[1, 2, 3], [4, 5], [6]]
    out = Parallel(n_jobs=2)(delayed(apply_transform)(scale, column) for column in columns)
    print("RESULT=%s" % out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
