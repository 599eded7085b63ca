"""A network-inventory API client (requests-session-like): one lock guards its connection pool."""
import threading
from dataclasses import dataclass, field


@dataclass
class DeviceRecord:
    dns: str
    state: str


@dataclass
class DeviceClient:
    base_url: str
    token: str = "demo"
    _pool_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _cache: dict = field(default_factory=dict, repr=False)

    def devices(self, dns):
        with self._pool_lock:
            if dns not in self._cache:
                state = "up" if sum(map(ord, dns)) % 3 else "down"
                self._cache[dns] = DeviceRecord(dns, state)
            return self._cache[dns]


def connect(base_url):
    return DeviceClient(base_url=base_url)
