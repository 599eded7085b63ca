"""Catalogue client: safe to hand to worker processes (drops its lock when pickled)."""
import threading


class CatalogClient:
    def __init__(self, region):
        self.region = region
        self._lock = threading.Lock()
        self._seen = {}

    def __getstate__(self):
        state = self.__dict__.copy()
        del state["_lock"]
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def title(self, sku):
        with self._lock:
            self._seen[sku] = self._seen.get(sku, 0) + 1
        return f"{sku.replace('-', ' ').title()} ({self.region})"
