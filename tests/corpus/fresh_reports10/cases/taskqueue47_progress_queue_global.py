# family: state
# hazard: state-not-inherited
# line: 22 23
# files: r10kit/tq_progress.py
# expect: fork=ok spawn=error:AttributeError forkserver=error:AttributeError
# note: https://github.com/seung-lab/python-task-queue/pull/47 -- moving the parallel insert/execute path off fork: the progress queue the parent creates from a Manager lived in a module global, and spawned children re-import the module and see their own (unset) global instead of the parent's queue; the PR hands the queue to the workers explicitly
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
        tq_progress.init_progress(progress)
        with multiprocessing.Pool(self.parallel) as pool:
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
