"""A small multicore map helper, in the shape of a utilities package's multicore module."""
import multiprocessing
import os

_STATE = {}


def _init_worker(tag):
    _STATE["tag"] = tag
    _STATE["pid"] = os.getpid()


class MultiProcessing:
    """Collects tasks and runs them on a pool whose workers are initialised first."""

    def __init__(self, maxcpu=2, initializer=None, initargs=()):
        self.maxcpu = maxcpu
        self.initializer = initializer
        self.initargs = initargs
        self.tasks = []

    def add_job(self, func, *args):
        self.tasks.append((func, args))

    def run(self):
        with multiprocessing.Pool(self.maxcpu, self.initializer, self.initargs) as pool:
            futures = [pool.apply_async(f, a) for f, a in self.tasks]
            return [fut.get(timeout=10) for fut in futures]


def tagged_pool(tag, maxcpu=2):
    return MultiProcessing(maxcpu, _init_worker, (tag,))


def worker_tag():
    return _STATE.get("tag")
