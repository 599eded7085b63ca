"""Clients for the upstream inventory API (simulated: no network in the report jobs)."""
import threading


class InventoryClient:
    def __init__(self, base_url, retries=3):
        self.base_url = base_url
        self.retries = retries
        self._lock = threading.Lock()   # guards the token refresh
        self._token = None

    def token(self):
        with self._lock:
            if self._token is None:
                self._token = "tok-" + self.base_url.rsplit("/", 1)[-1]
            return self._token

    def stock(self, sku):
        return sum(ord(c) for c in sku) % 50


class SharedClient(InventoryClient):
    """Same client, safe to send to a worker process: the lock is recreated there."""

    def __getstate__(self):
        state = self.__dict__.copy()
        del state["_lock"]
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._lock = threading.Lock()


def make_client(base_url, shared=False):
    cls = SharedClient if shared else InventoryClient
    return cls(base_url)
