"""A stand-in for a database driver's options object (turbodbc-like): it keeps
a lock for its lazily built connection string."""
import threading


class Options:
    def __init__(self, **settings):
        self.settings = dict(settings)
        self._lock = threading.Lock()
        self._cached = None

    def connection_string(self):
        with self._lock:
            if self._cached is None:
                self._cached = ";".join(f"{k}={v}" for k, v in sorted(self.settings.items()))
            return self._cached


def make_options(**settings):
    return Options(**settings)
