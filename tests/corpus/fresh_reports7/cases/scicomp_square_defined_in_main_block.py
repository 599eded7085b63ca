# family: mainblock
# hazard: target-in-main-block
# line: 30
# timeout: 8
# expect: fork=ok spawn=attribute_error_mp_main+hang forkserver=attribute_error_mp_main+hang
# note: https://github.com/AaltoSciComp/python-for-scicomp/issues/314 -- the course's Pool example failed on macOS (SpawnPoolWorker tracebacks) when the worker function lived where the spawned children cannot import it; here it is defined under the main guard
import multiprocessing
import sys


def chunked(seq, size):
    return [seq[i:i + size] for i in range(0, len(seq), size)]


def run_parallel(func, numbers, processes=2):
    with multiprocessing.Pool(processes) as pool:
        results = pool.map(func, numbers)
    return results


if __name__ == "__main__":
    import random

    def square(x):
        return x * x

    numbers = list(range(10))
    random.shuffle(numbers)
    with multiprocessing.Pool(2) as pool:
        results = pool.map(square, numbers)
    total = sum(results)
    print(f"RESULT={total}")
    sys.exit(0 if total == 285 else 3)
