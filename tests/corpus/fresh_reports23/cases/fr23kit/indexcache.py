"""conda-index-like stat cache: a JSON file guarded by a module lock; a writer thread flushes it."""
import json
import os
import threading
import time

_DB_LOCK = threading.Lock()


def write_cache(path, entries):
    with _DB_LOCK:
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(entries, fh)


def stat_cached(path, name):
    """Worker side: look a package up in the cache (takes the cache lock)."""
    with _DB_LOCK:
        with open(path, encoding="utf-8") as fh:
            entries = json.load(fh)
    return name, entries.get(name, {}).get("size", 0)


class CacheWriter(threading.Thread):
    """Flushes extracted metadata in the background; holds the lock for the whole flush."""

    def __init__(self, path, entries, flush_seconds):
        super().__init__(daemon=True, name="cache-writer")
        self.path = path
        self.entries = entries
        self.flush_seconds = flush_seconds
        self.flushing = threading.Event()

    def run(self):
        with _DB_LOCK:
            self.flushing.set()
            tmp = self.path + ".tmp"
            with open(tmp, "w", encoding="utf-8") as fh:
                json.dump(self.entries, fh)
            time.sleep(self.flush_seconds)   # a slow disk / large channel
            os.replace(tmp, self.path)
