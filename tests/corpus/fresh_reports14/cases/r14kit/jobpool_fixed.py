"""The processpool-like job pool after "be more robust to exceptions which don't pickle well": a
failing job is reported as JobFailedException(message, original type name), which always pickles."""
from concurrent.futures import Future, ProcessPoolExecutor

_worker = None


class JobFailedException(Exception):
    """Raised when a job fails with a normal exception."""

    def __init__(self, message, original_exception_type=None):
        self.original_exception_type = original_exception_type
        self.message = message
        super().__init__(message)

    def __str__(self):
        return f"{self.__class__.__name__}: {self.original_exception_type}({self.message})"

    def __reduce__(self):
        return (JobFailedException, (self.message, self.original_exception_type))


def _init_worker(worker_class):
    global _worker
    _worker = worker_class()


def _run_job(args, kwargs):
    try:
        return _worker.run(*args, **kwargs)
    except Exception as e:
        # don't pickle problematic exception classes
        raise JobFailedException(str(e), e.__class__.__name__) from None


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
