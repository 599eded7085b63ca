# family: object
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss of object_lock_set_by_later_method: the cache holds a threading.Lock but defines __getstate__/__setstate__ that drop it and recreate it, so the object pickles for spawn/forkserver and also for Pool tasks. Modelled on https://github.com/mailpile/moggie/issues/14 (suggested fix: create the lock on the other side of the process boundary).
"""Look up keys in a thread-safe cache from pool workers."""
import multiprocessing
import threading


class TTLCache:
    def __init__(self, entries):
        self._data = dict(entries)
        self._lock = threading.Lock()

    def __getstate__(self):
        state = self.__dict__.copy()
        del state["_lock"]
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def get(self, key, default=None):
        with self._lock:
            return self._data.get(key, default)


def lookup(args):
    cache, key = args
    return key, cache.get(key, "-")


def main():
    cache = TTLCache({"a": 1, "b": 2, "c": 3})
    keys = ["a", "c", "z"]
    with multiprocessing.Pool(2) as pool:
        print(pool.map(lookup, [(cache, key) for key in keys]))
    proc = multiprocessing.Process(target=lookup, args=((cache, "b"),))
    proc.start()
    proc.join()
    print("exit", proc.exitcode)


if __name__ == "__main__":
    main()
