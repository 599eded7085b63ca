"""The process stage queue of pypeln after PR #74: the pickled state keeps the namespace and the
exception queue, so a child process started by spawn sees the same queue object."""
from .plqueue import IterableQueue as _OldIterableQueue


class IterableQueue(_OldIterableQueue):
    def __getstate__(self):
        return {"queue": self.queue, "namespace": self.namespace,
                "exception_queue": self.exception_queue}

    def __setstate__(self, state):
        self.queue = state["queue"]
        self.namespace = state["namespace"]
        self.exception_queue = state["exception_queue"]
