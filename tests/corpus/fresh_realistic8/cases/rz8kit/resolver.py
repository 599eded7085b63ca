"""A tiny DNS cache shared by the scanners of a process (shape of a scan tool's resolver)."""
import threading
import time

_cache_lock = threading.Lock()
_cache = {}


def warm_cache(hosts, seconds_per_host=0.6):
    """Resolve hosts ahead of time; holds the cache lock while it works (slow lookups)."""
    with _cache_lock:
        for host in hosts:
            time.sleep(seconds_per_host)
            _cache[host] = "10.0.0.%d" % (len(_cache) + 1)


def lookup(host):
    with _cache_lock:
        if host not in _cache:
            _cache[host] = "10.0.1.%d" % (len(_cache) + 1)
        return _cache[host]
