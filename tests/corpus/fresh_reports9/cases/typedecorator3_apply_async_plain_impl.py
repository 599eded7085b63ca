# family: callable
# hazard: none
# line: none
# files: r9kit/typedeco.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/dobarkod/typedecorator/issues/3 -- the reporter's working variant: without the type decorations the pool can pickle the function; here the plain module-level functions go to the pool and the decorated versions are kept under other names for local callers
import sys
from multiprocessing import Pool

from r9kit.typedeco import params, returns


def _f(a, b):
    return a + b


def _total(values):
    return sum(values)


# the checked versions stay available to in-process callers
f = returns(int)(params(a=int, b=int)(_f))
total = returns(int)(params(values=list)(_total))


def main():
    pool = Pool(processes=2)
    try:
        pending = [pool.apply_async(_f, [1, 2]), pool.apply_async(_total, [[3, 4, 5]])]
        results = [r.get(timeout=10) for r in pending]
    finally:
        pool.close()
        pool.join()
    return results


if __name__ == "__main__":
    results = main()
    print(f"RESULT={results}")
    sys.exit(0 if results == [3, 12] else 3)
