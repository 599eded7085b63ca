# family: pebble
# hazard: process-started-at-import
# line: 15
# expect: fork=ok spawn=bootstrap_error forkserver=bootstrap_error
# timeout: 20
# note: pebble's @concurrent.process runs each call in a new process; called at module level, a spawned child re-imports the script and calls it again during bootstrap. Modelled on https://pebble.readthedocs.io (concurrent.process decorator) and https://github.com/noxdafox/pebble/issues/60.
from pebble import concurrent


@concurrent.process(timeout=10)
def checksum(data):
    return sum(data) % 256


future = checksum(list(range(100)))
print("RESULT=" + str(future.result()))
