# family: start_method
# hazard: set-start-method-twice
# line: 28 16
# expect: fork=context_already_set spawn=context_already_set forkserver=context_already_set
# note: Modelled on https://github.com/djgroen/FabSim3/issues/201 (RuntimeError('context has already been set') on set_start_method("fork"); the maintainer notes that get_start_method() itself fixes the start method, so calling it first makes the later set_start_method fail). Here the start method is logged by a startup banner before the ensemble runner asks for fork.
"""Run an ensemble of simulation replicas in parallel."""
import logging
import multiprocessing
import sys
from multiprocessing import set_start_method

log = logging.getLogger("ensemble")


def banner():
    log.info("python %s, start method %s", sys.version.split()[0], multiprocessing.get_start_method())


def simulate(replica):
    state = replica
    for _ in range(1000):
        state = (state * 1103515245 + 12345) % 2 ** 31
    return state % 1000


class MultiProcessingPool:
    def __init__(self, processes):
        set_start_method("fork")
        self.pool = multiprocessing.Pool(processes)

    def run(self, replicas):
        try:
            return self.pool.map(simulate, replicas)
        finally:
            self.pool.close()
            self.pool.join()


def main():
    logging.basicConfig(level=logging.INFO)
    banner()
    runner = MultiProcessingPool(2)
    results = runner.run(range(8))
    print("RESULT=%d" % len(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
