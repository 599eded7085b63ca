"""Datasets and segments; a segment caches the remote file list behind a lock (as the SDK did)."""
import threading


class Segment:
    def __init__(self, name, files):
        self.name = name
        self._files = list(files)
        self._lock = threading.Lock()
        self._cache = None

    def list_files(self):
        with self._lock:
            if self._cache is None:
                self._cache = sorted(self._files)
            return self._cache


class Dataset:
    def __init__(self, name):
        self.name = name
        self.segments = []
        self._lock = threading.Lock()

    def add_segment(self, name, files):
        with self._lock:
            segment = Segment(name, files)
            self.segments.append(segment)
            return segment
