# family: pebble
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: False friend: the same unguarded module-level pool, but built with context=multiprocessing.get_context('fork'): workers are forked, nothing re-imports the script on Linux. Modelled on https://github.com/noxdafox/pebble/issues/103 (the context= argument).
import multiprocessing

from pebble import ProcessPool


def fetch(n):
    return n * 2


pool = ProcessPool(max_workers=2, context=multiprocessing.get_context("fork"))
future = pool.schedule(fetch, args=(21,))
print("RESULT=" + str(future.result(timeout=10)))
pool.close()
pool.join()
