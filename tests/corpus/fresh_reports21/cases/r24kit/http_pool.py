"""An urllib3-like connection pool manager shared by the whole process (one module-level instance)."""
import threading
import time


class PoolManager:
    def __init__(self, maxsize=4):
        self.maxsize = maxsize
        self.lock = threading.Lock()      # guards the connection pools, as urllib3's RecentlyUsedContainer does
        self.pools = {}
        self.requests_made = 0

    def connection_from_host(self, host):
        with self.lock:
            pool = self.pools.setdefault(host, [])
            # a slow DNS / TLS set-up happens while the container is locked
            time.sleep(0.05)
            self.requests_made += 1
            return pool

    def request(self, url):
        host = url.split("/")[2]
        self.connection_from_host(host)
        return f"<html><a href='{url}/a'></a><a href='{url}/b'></a><img src='{host}/logo.png'></html>"


DEFAULT_POOL = PoolManager()
