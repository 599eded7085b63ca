# family: pebble
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 30
# note: noxdafox/pebble#146 (pickling failures only concern ProcessPool): the same checks-in-a-pool pattern with pebble's ThreadPool and @concurrent.thread, lambdas and a closure, at module level without a guard.
"""Flat script: limit checks in pebble threads."""
import sys
import threading

from pebble import ThreadPool, concurrent

lock = threading.Lock()
counts = {"done": 0}


def make_check(limit):
    def check(value):
        with lock:
            counts["done"] += 1
        return value <= limit
    return check


@concurrent.thread
def warm_up():
    return "warm"


print(warm_up().result())
with ThreadPool(max_workers=2) as pool:
    futures = [pool.schedule(make_check(10), args=(v,)) for v in (3, 30, 9)]
    doubled = pool.schedule(lambda xs: [x * 2 for x in xs], args=([1, 2, 3],))
    flags = [f.result() for f in futures]
    print(doubled.result())

print(f"RESULT={flags}")
if flags != [True, False, True] or counts["done"] != 3:
    sys.exit(3)
