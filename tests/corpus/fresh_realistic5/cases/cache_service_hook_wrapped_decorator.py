# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/rajatkb/Conference-Notify/pull/26 -- the same hook registry, with the decorator using functools.wraps so the wrapper pickles by its module name.
"""Cache service: runs its maintenance hooks in separate processes."""
import functools
import multiprocessing as mp
import os
import sys
import tempfile
import time

HOOKS = {}


def hook(name):
    def decorate(fn):
        @functools.wraps(fn)
        def timed(*args, **kwargs):
            started = time.monotonic()
            try:
                return fn(*args, **kwargs)
            finally:
                elapsed = time.monotonic() - started
                print(f"hook {name} took {elapsed:.3f}s")
        HOOKS[name] = timed
        return timed
    return decorate


@hook("flush")
def flush_cache(directory):
    marker = os.path.join(directory, "flushed")
    with open(marker, "w") as fh:
        fh.write(str(os.getpid()))


class CacheService:
    def __init__(self, directory):
        self.directory = directory
        self.jobs = []

    def trigger(self, name):
        job = mp.Process(target=HOOKS[name], args=(self.directory,), name=f"hook-{name}")
        job.start()
        self.jobs.append(job)

    def wait(self):
        for job in self.jobs:
            job.join()
        return [job.exitcode for job in self.jobs]


if __name__ == "__main__":
    svc = CacheService(tempfile.mkdtemp(prefix="cache"))
    svc.trigger("flush")
    codes = svc.wait()
    ok = codes == [0] and os.path.exists(os.path.join(svc.directory, "flushed"))
    print("RESULT=" + ("flushed" if ok else "missing"))
    sys.exit(0 if ok else 3)
