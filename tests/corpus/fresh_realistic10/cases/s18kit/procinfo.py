"""A small psutil-like process handle used for progress reporting."""
import os
import threading
import time


class ProcessInfo:
    """Handle on one OS process, like psutil.Process: it caches what it reads under a lock."""

    def __init__(self, pid=None):
        self.pid = os.getpid() if pid is None else pid
        self._lock = threading.RLock()
        self._cache = {}
        self._created = time.time()

    def name(self):
        with self._lock:
            return self._cache.setdefault("name", "python-%d" % self.pid)

    def memory_mb(self):
        with self._lock:
            return self._cache.setdefault("rss", 1.0)

    def __repr__(self):
        return "ProcessInfo(pid=%d, name=%r)" % (self.pid, self.name())


def describe(infos):
    """One progress line per worker handle."""
    return ["%s %.1fMB" % (info.name(), info.memory_mb()) for info in infos]
