# family: state
# hazard: none
# line: none
# files: r10kit/tq_progress.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/seung-lab/python-task-queue/pull/47 -- the working shape: the Manager queue proxy (picklable) is handed to every worker through the pool initializer, which sets the module global in each child, so spawned workers report progress to the parent too
import multiprocessing
import sys

from r10kit import tq_progress
from r10kit.tq_progress import SquareTask


class LocalTaskQueue:
    def __init__(self, parallel=2):
        self.parallel = parallel
        self.manager = multiprocessing.Manager()

    def execute_all(self, tasks):
        progress = self.manager.Queue()
        tq_progress.init_progress(progress)  # the parent reports through it too
        with multiprocessing.Pool(self.parallel, initializer=tq_progress.init_progress, initargs=(progress,)) as pool:
            results = pool.map(tq_progress.execute, tasks)
        done = 0
        while not progress.empty():
            done += progress.get()
        return results, done

    def close(self):
        self.manager.shutdown()


def main():
    tq = LocalTaskQueue()
    try:
        results, done = tq.execute_all([SquareTask(n) for n in range(6)])
    finally:
        tq.close()
    print("results", results, "progress", done)
    return 0


if __name__ == "__main__":
    sys.exit(main())
