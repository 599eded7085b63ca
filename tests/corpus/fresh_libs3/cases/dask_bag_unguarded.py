# family: guard
# hazard: missing-main-guard
# line: 22
# expect: fork=bootstrap_error spawn=bootstrap_error forkserver=bootstrap_error
# timeout: 20
# note: shape of https://github.com/TopEFT/topeft/issues/30 (a futures executor crashing from a script's module level, run.py line 79) with dask.bag, whose processes scheduler always spawns
import dask.bag as db

SAMPLES = {"ttH": [1, 2, 3], "ttW": [4, 5]}


def weight(event):
    return event * 0.5


def build(samples):
    flat = [e for events in samples.values() for e in events]
    return db.from_sequence(flat, npartitions=2).map(weight)


bag = build(SAMPLES)
total = bag.sum().compute()
print("RESULT=" + str(total))
