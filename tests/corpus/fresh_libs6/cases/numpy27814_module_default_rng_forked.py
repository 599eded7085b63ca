# family: fork_only
# hazard: fork-duplicated-rng
# line: 15
# expect: fork=wrong_result spawn=ok forkserver=ok
# note: https://github.com/numpy/numpy/issues/27814 -- the outcome depends on the system: a module-level Generator (np.random.default_rng()) drawn from in each child; forked children inherit the same state and draw the same numbers, spawned children re-import and seed fresh
import sys
from multiprocessing import Process, Queue

import numpy as np

RNG = np.random.default_rng()


def simulate(worker_id, out):
    noise = RNG.integers(0, 10**9, size=3)
    out.put((worker_id, tuple(int(x) for x in noise)))


def main():
    out = Queue()
    procs = [Process(target=simulate, args=(i, out)) for i in range(3)]
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
