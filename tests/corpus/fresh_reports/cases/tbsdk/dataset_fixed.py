"""The fix: no lock is kept on the objects; a per-process pool of locks is looked up by name when needed."""
import threading
from collections import defaultdict

_LOCKS = defaultdict(threading.Lock)


def _lock_for(key):
    return _LOCKS[key]


class Segment:
    def __init__(self, name, files):
        self.name = name
        self._files = list(files)
        self._cache = None

    def list_files(self):
        with _lock_for(("segment", self.name)):
            if self._cache is None:
                self._cache = sorted(self._files)
            return self._cache


class Dataset:
    def __init__(self, name):
        self.name = name
        self.segments = []

    def add_segment(self, name, files):
        with _lock_for(("dataset", self.name)):
            segment = Segment(name, files)
            self.segments.append(segment)
            return segment
