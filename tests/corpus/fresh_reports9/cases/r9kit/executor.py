"""Reduced from orion/executor/multiprocess_backend.py: a PoolExecutor over multiprocessing.Pool,
optionally built from non-daemonic worker processes (what orion PR 1067 adds)."""
import multiprocessing
import multiprocessing.pool


class _Process(multiprocessing.Process):
    """A worker process that never reports itself as a daemon, so it may have children."""

    @property
    def daemon(self):
        return False

    @daemon.setter
    def daemon(self, value):
        pass


class _NonDaemonPool(multiprocessing.pool.Pool):
    @staticmethod
    def Process(ctx, *args, **kwds):
        return _Process(*args, **kwds)


class Future:
    def __init__(self, async_result):
        self._result = async_result

    def get(self, timeout=None):
        return self._result.get(timeout)


class PoolExecutor:
    def __init__(self, n_workers=2, allow_nesting=False):
        pool_cls = _NonDaemonPool if allow_nesting else multiprocessing.pool.Pool
        self.pool = pool_cls(n_workers)

    def submit(self, function, *args, **kwargs):
        return Future(self.pool.apply_async(function, args, kwargs))

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.pool.close()
        self.pool.join()
