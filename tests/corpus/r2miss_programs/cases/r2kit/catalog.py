"""A catalog of data shards; each shard caches its row count behind a lock."""
import threading


class Shard:
    def __init__(self, path, rows):
        self.path = path
        self.rows = rows
        self._cache_lock = threading.RLock()

    def count(self):
        with self._cache_lock:
            return self.rows


class Catalog:
    def __init__(self, name):
        self.name = name
        self.shards = []

    def add_shard(self, path, rows):
        shard = Shard(path, rows)
        self.shards.append(shard)
        return shard
