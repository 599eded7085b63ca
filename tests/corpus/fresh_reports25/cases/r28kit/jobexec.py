"""APScheduler-like process pool executor: one ProcessPoolExecutor for the scheduler's whole life."""
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

MEMORY_LIMIT = 1000


def null_op(n):
    return n


def render_report(rows):
    if rows > MEMORY_LIMIT:
        os._exit(137)  # what the OOM killer (or a segfault, or Kubernetes) does to the worker
    return rows


class ProcessPoolJobExecutor:
    def __init__(self, max_workers=2, recreate_broken=False):
        self.max_workers = max_workers
        self.recreate_broken = recreate_broken
        self._pool = None

    def start(self):
        self._pool = ProcessPoolExecutor(self.max_workers)

    def run_job(self, func, *args):
        """Returns (value, error); the scheduler turns errors into EVENT_JOB_ERROR and goes on."""
        try:
            return self._pool.submit(func, *args).result(timeout=60), None
        except BrokenProcessPool as exc:
            if self.recreate_broken:
                self._pool.shutdown(wait=False)
                self._pool = ProcessPoolExecutor(self.max_workers)
            return None, exc

    def shutdown(self):
        self._pool.shutdown()
