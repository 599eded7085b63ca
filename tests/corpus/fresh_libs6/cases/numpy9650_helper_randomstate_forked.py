# family: fork_only
# hazard: fork-duplicated-rng
# line: l6kit/noise.py:8
# files: l6kit/noise.py
# expect: fork=wrong_result spawn=ok forkserver=ok
# note: https://github.com/numpy/numpy/issues/9650 -- random state replicated across child processes: a helper module keeps one unseeded np.random.RandomState and every forked child draws its jitter from the same copied state
import sys
from multiprocessing import Process, Queue

from l6kit import noise


def run_replica(replica, out):
    out.put((replica, tuple(int(x) for x in noise.jitter(4))))


def main():
    out = Queue()
    procs = [Process(target=run_replica, args=(r, out)) for r in range(3)]
    for p in procs:
        p.start()
    draws = dict(out.get() for _ in procs)
    for p in procs:
        p.join()
    distinct = len(set(draws.values()))
    print(f"RESULT={distinct}")
    return 0 if distinct == 3 else 3


if __name__ == "__main__":
    sys.exit(main())
