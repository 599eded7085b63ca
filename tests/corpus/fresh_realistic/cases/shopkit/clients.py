"""Client for the inventory service, with a small in-memory TTL cache."""
import threading
import time


class TTLCache:
    def __init__(self, ttl=30.0):
        self.ttl = ttl
        self._data = {}
        self._lock = threading.RLock()

    def get(self, key):
        with self._lock:
            value, stamp = self._data.get(key, (None, 0.0))
            return value if time.monotonic() - stamp < self.ttl else None

    def put(self, key, value):
        with self._lock:
            self._data[key] = (value, time.monotonic())


class InventoryClient:
    def __init__(self, base_url, cache):
        self.base_url = base_url
        self.cache = cache

    def stock(self, sku):
        cached = self.cache.get(sku)
        if cached is None:
            cached = (len(sku) * 7) % 40  # stands in for an HTTP call
            self.cache.put(sku, cached)
        return cached


def make_inventory_client(base_url="https://inventory.example.invalid", ttl=30.0):
    return InventoryClient(base_url, TTLCache(ttl))
