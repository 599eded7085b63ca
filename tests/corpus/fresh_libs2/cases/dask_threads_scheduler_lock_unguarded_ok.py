# family: dask
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 30
# note: pydata/xarray#1128 (lock objects in a dask graph are fine with the threaded scheduler and break with processes): a flat script, no main guard, scheduler="threads" from a settings dict, tasks sharing a threading.Lock.
"""Flat script: fill an in-memory cache from several tasks on the threaded scheduler."""
import sys
import threading

import dask

SETTINGS = {"scheduler": "threads", "num_workers": 4}
CACHE = {}
CACHE_LOCK = threading.Lock()


@dask.delayed
def compute_tile(x, y):
    value = (x * 31 + y * 17) % 97
    with CACHE_LOCK:
        CACHE[(x, y)] = value
    return value


tiles = [compute_tile(x, y) for x in range(3) for y in range(3)]
values = dask.compute(*tiles, scheduler=SETTINGS["scheduler"], num_workers=SETTINGS["num_workers"])
print(f"tiles cached: {len(CACHE)}")
print(f"RESULT={len(CACHE)}")
if len(CACHE) != 9 or len(values) != 9:
    sys.exit(3)
