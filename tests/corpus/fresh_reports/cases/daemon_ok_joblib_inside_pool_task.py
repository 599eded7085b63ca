# family: daemon
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Shape of https://github.com/joblib/joblib/issues/405 (`def calc(_): print Parallel(n_jobs=1)(delayed(sqrt)(i**2) ...)` run by `pool.imap_unordered(calc, ...)`; joblib checks `mp.current_process().daemon` and falls back to a sequential loop with a UserWarning), here with n_jobs=2: the inner joblib loop runs sequentially in the daemonic Pool worker instead of starting children.
"""Score several data sets; each data set's rows are scored with joblib too."""
import multiprocessing as mp
import warnings
from math import sqrt

from joblib import Parallel, delayed


def score_row(row):
    return sqrt(sum(v * v for v in row))


def calc(dataset):
    name, rows = dataset
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        scores = Parallel(n_jobs=2)(delayed(score_row)(row) for row in rows)
    return name, round(sum(scores), 3)


def main():
    datasets = [("a", [(1, 2), (3, 4)]), ("b", [(5, 12)])]
    pool = mp.Pool(processes=2)
    results = pool.map(calc, datasets)
    pool.close()
    pool.join()
    print("RESULT=%s" % sorted(results))


if __name__ == "__main__":
    main()
