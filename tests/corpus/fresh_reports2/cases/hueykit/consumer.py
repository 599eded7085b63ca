"""The consumer: runs queued tasks in worker processes."""
import multiprocessing


def _execute(task):
    name, args = task
    return name, sum(args)


class Consumer:
    def __init__(self, workers=2, worker_type="process"):
        self.workers = workers
        self.worker_type = worker_type

    def run(self, tasks):
        with multiprocessing.Pool(self.workers) as pool:
            return pool.map(_execute, tasks)
