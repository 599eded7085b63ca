"""A zarr-like chunk store: writes go through a module lock, which a background sync thread also takes."""
import threading
import time
import zlib

_LOCK = threading.Lock()
_STATE = {"synced": 0, "sync_thread": None}


def _sync_loop(interval):
    # flush the store's metadata to object storage; the upload happens with the lock held
    while True:
        with _LOCK:
            time.sleep(interval)          # a slow PUT of the consolidated metadata
            _STATE["synced"] += 1
        time.sleep(0.005)


def open_store(path, sync_interval=0.3):
    """Open the store and start its metadata sync thread (once per process)."""
    if _STATE["sync_thread"] is None:
        t = threading.Thread(target=_sync_loop, args=(sync_interval,), daemon=True, name="store-sync")
        t.start()
        _STATE["sync_thread"] = t
        time.sleep(0.05)                  # the first sync starts right away
    return path


def encode_chunk(values):
    with _LOCK:                           # the codec registry is shared with the sync thread
        return zlib.compress(",".join(f"{v:.3f}" for v in values).encode())


def region_values(region, size=50):
    start = region * size
    return [((start + i) % 17) * 0.25 for i in range(size)]
