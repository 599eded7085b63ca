"""The process stage queue of pypeln 0.4.x (pypeln/process/queue.py), before PR #74.

Its __getstate__ exports only the underlying queue, so a copy that was pickled for a child
process has no `namespace` (the count of producers still running) and no `exception_queue`."""
import multiprocessing as mp


class IterableQueue:
    def __init__(self, maxsize=0, total_sources=1):
        self.queue = mp.Queue(maxsize=maxsize)
        self.namespace = mp.Value("i", total_sources)
        self.exception_queue = mp.Queue()

    def __getstate__(self):
        return {"queue": self.queue}

    def __setstate__(self, state):
        self.queue = state["queue"]

    def put(self, item):
        self.queue.put(("item", item))

    def done(self):
        with self.namespace.get_lock():
            self.namespace.value -= 1
        self.queue.put(("done", None))

    def raise_exception(self, exc):
        self.exception_queue.put(repr(exc))

    def drain(self, timeout=5):
        items, finished = [], 0
        while finished < 1:
            kind, item = self.queue.get(timeout=timeout)
            if kind == "done":
                finished += 1
            else:
                items.append(item)
        return items
