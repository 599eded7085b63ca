# family: state
# hazard: context-mismatch
# line: 32
# expect: fork=semlock_context_mismatch spawn=ok forkserver=ok
# timeout: 8
# note: https://github.com/python/cpython/issues/119413 -- a Lock from the default context (fork on Linux) is passed in initargs to a Pool of a spawn context; on 3.10/3.11 the child rebuilt the raw semaphore handle and segfaulted while the pool kept replacing workers, on 3.12 the same line raises "A SemLock created in a fork context is being shared with a process in a spawn context"; the fix is ctx.Lock()
import multiprocessing
import os
import sys

_lock = None


def _init(lock):
    global _lock
    _lock = lock


def record(item):
    with _lock:
        return (os.getpid() > 0, item * item)


class SquareJob:
    def __init__(self, items, workers=1):
        self.items = items
        self.workers = workers

    def run(self):
        ctx = multiprocessing.get_context(method="spawn")
        lock = multiprocessing.Lock()
        with ctx.Pool(self.workers, initializer=_init, initargs=(lock,)) as pool:
            return [sq for _, sq in pool.map(record, self.items)]


def main():
    out = SquareJob([1, 2, 3]).run()
    print("RESULT=", out)
    return 0 if out == [1, 4, 9] else 3


if __name__ == "__main__":
    sys.exit(main())
