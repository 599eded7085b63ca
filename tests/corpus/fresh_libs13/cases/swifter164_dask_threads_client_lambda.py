# family: args
# hazard: none
# line: none
# files: l25kit/__init__.py l25kit/devices.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/jmcarpenter2/swifter/issues/164 -- near miss: swifter's own switch for such applies, set_dask_scheduler(scheduler="threads") (added in swifter PR #41): the same lambda over the same client runs in dask's threaded scheduler, so nothing is pickled
"""Look up the state of every device in an inventory export with a dask-backed apply."""
import argparse

import dask.bag as db
import pandas as pd

from l25kit.devices import connect


class SwiftApply:
    """A swifter-like accessor: string columns are partitioned and mapped by dask."""

    def __init__(self, series, npartitions=2, scheduler="processes"):
        self.series = series
        self.npartitions = npartitions
        self.scheduler = scheduler

    def set_dask_scheduler(self, scheduler):
        self.scheduler = scheduler
        return self

    def apply(self, func, name):
        bag = db.from_sequence(self.series.tolist(), npartitions=self.npartitions)
        values = bag.map(func).compute(scheduler=self.scheduler)
        return pd.Series(values, index=self.series.index, name=name)


def load_inventory():
    return pd.DataFrame({"Forward Dns": ["db1.lan", "web2.lan", "cache3.lan", "mail4.lan"]})


def device_states(df, client):
    column = df[df["Forward Dns"].notna()]["Forward Dns"]
    records = SwiftApply(column).set_dask_scheduler("threads").apply(lambda x: client.devices(x), "deviceState")
    return records.map(lambda r: r.state)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--api", default="https://inventory.example")
    args = parser.parse_args()
    client = connect(args.api)
    states = device_states(load_inventory(), client)
    print(f"RESULT={int((states == 'up').sum())}")


if __name__ == "__main__":
    main()
