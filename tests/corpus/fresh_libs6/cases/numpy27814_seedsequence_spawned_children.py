# family: fork_only
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/numpy/numpy/issues/27814 -- the advice in the thread: do not rely on inherited global state; the parent spawns one SeedSequence child per process and each process builds its own Generator from it
import sys
from multiprocessing import Process, Queue

import numpy as np


def simulate(worker_id, seed, out):
    rng = np.random.default_rng(seed)
    out.put((worker_id, tuple(int(x) for x in rng.integers(0, 10**9, size=3))))


def main():
    out = Queue()
    seeds = np.random.SeedSequence().spawn(3)
    procs = [Process(target=simulate, args=(i, s, out)) for i, s in enumerate(seeds)]
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
