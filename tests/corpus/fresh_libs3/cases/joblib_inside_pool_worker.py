# family: daemon
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: near miss of https://github.com/joblib/joblib/issues/405 (joblib Parallel called inside a multiprocessing Pool worker): joblib notices the daemonic worker and falls back to n_jobs=1 with a warning instead of failing
import multiprocessing as mp
import warnings
from math import sqrt

from joblib import Parallel, delayed


def calc(n):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        vals = Parallel(n_jobs=2)(delayed(sqrt)(i ** 2) for i in range(n))
    return sum(vals)


def main():
    pool = mp.Pool(processes=2)
    out = list(pool.imap_unordered(calc, [3, 4]))
    pool.close()
    pool.join()
    print("RESULT=" + str(int(sum(out))))


if __name__ == "__main__":
    main()
