# family: mainblock
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/AaltoSciComp/python-for-scicomp/issues/314 -- the version that works under spawn: the worker function is defined at module level of the script, so each spawned child finds it when it re-imports the script; only the driving code is under the guard
import multiprocessing
import random
import sys


def square(x):
    return x * x


def run_parallel(func, numbers, processes=2):
    with multiprocessing.Pool(processes) as pool:
        return pool.map(func, numbers)


if __name__ == "__main__":
    numbers = list(range(10))
    random.shuffle(numbers)
    results = run_parallel(square, numbers)
    total = sum(results)
    print(f"RESULT={total}")
    sys.exit(0 if total == 285 else 3)
