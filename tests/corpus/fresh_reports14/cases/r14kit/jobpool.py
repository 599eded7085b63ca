"""A processpool-like job pool: one worker object per process, jobs call its run() method.
As first released, a failing job's exception is sent back to the caller as it is."""
from concurrent.futures import Future, ProcessPoolExecutor

_worker = None


def _init_worker(worker_class):
    global _worker
    _worker = worker_class()


def _run_job(args, kwargs):
    return _worker.run(*args, **kwargs)


class ProcessPool:
    def __init__(self, worker_class: type, pool_size: int = 1):
        self.worker_class = worker_class
        self.pool_size = pool_size
        self._executor = ProcessPoolExecutor(max_workers=pool_size, initializer=_init_worker,
                                             initargs=(worker_class,))

    def submit_job(self, *args, **kwargs) -> Future:
        """Submits job asynchronously; the worker's run() gets the arguments."""
        return self._executor.submit(_run_job, args, kwargs)

    def run_job(self, *args, **kwargs):
        return self.submit_job(*args, **kwargs).result()

    def join(self):
        self._executor.shutdown(wait=True)
