# family: guard
# hazard: missing-main-guard
# line: 22
# expect: fork=ok spawn=bootstrap_error forkserver=bootstrap_error
# timeout: 10
# note: shape of https://github.com/alex-sherman/unsync/issues/50 (BrokenProcessPool / "An attempt has been made to start a new process before the current process has finished its bootstrapping phase" from a script without the main idiom), with tqdm's process_map at module level
import os

from tqdm.contrib.concurrent import process_map

SETTINGS = {"workers": 2, "chunks": [3, 4, 5]}


def cube(n):
    return n ** 3


def total(values):
    return sum(values)


results = process_map(cube, SETTINGS["chunks"], max_workers=SETTINGS["workers"], disable=True)
print("RESULT=" + str(total(results)))
