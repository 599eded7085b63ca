# family: state
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/python/cpython/issues/119413 -- the change the reporter gives for future readers: the lock comes from the same spawn context as the pool (ctx.Lock()), so its semaphore is named and a spawned worker can open it
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
        lock = ctx.Lock()
        with ctx.Pool(self.workers, initializer=_init, initargs=(lock,)) as pool:
            return [sq for _, sq in pool.map(record, self.items)]


def main():
    out = SquareJob([1, 2, 3]).run()
    print("RESULT=", out)
    return 0 if out == [1, 4, 9] else 3


if __name__ == "__main__":
    sys.exit(main())
