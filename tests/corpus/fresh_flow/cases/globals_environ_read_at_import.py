# family: globals
# hazard: parent-state-not-inherited
# line: 21 11
# expect: fork=wrong_result spawn=ok forkserver=ok
# note: Modelled on https://github.com/cs50/check50/pull/396 and the asv forkserver report in reports/ (state captured at import time differs between the parent and children that import afresh): the module reads LOG_LEVEL from os.environ into a global at import, and main() sets os.environ before the pool starts. Spawned and forkserver children import the module again with the new environment; forked children keep the parent's stale global.
"""Process records at the log level the launcher chose."""
import multiprocessing
import os
import sys

LOG_LEVEL = os.environ.get("FLOW_LOG_LEVEL", "warning")


def handle(record):
    if LOG_LEVEL == "debug":
        return "%s (traced)" % record
    return record


def main():
    os.environ["FLOW_LOG_LEVEL"] = "debug"
    records = ["r%d" % i for i in range(6)]
    with multiprocessing.Pool(2) as pool:
        handled = pool.map(handle, records)
    traced = sum(1 for h in handled if h.endswith("(traced)"))
    print("RESULT=%d" % traced)
    return 0 if traced == len(records) else 3


if __name__ == "__main__":
    sys.exit(main())
