# family: pebble
# hazard: process-started-at-import
# line: 14
# expect: fork=ok spawn=bootstrap_error forkserver=bootstrap_error
# timeout: 15
# note: A module-level pebble ProcessPool with a task scheduled at import time; under spawn each worker re-imports the script, starts its own pool and dies: BrokenProcessPool. Modelled on https://github.com/python/cpython/issues/109124 (a process pool's workers re-import the script on Windows).
from pebble import ProcessPool


def fetch(n):
    return n * 2


pool = ProcessPool(max_workers=2)
future = pool.schedule(fetch, args=(21,))
print("RESULT=" + str(future.result(timeout=10)))
pool.close()
pool.join()
