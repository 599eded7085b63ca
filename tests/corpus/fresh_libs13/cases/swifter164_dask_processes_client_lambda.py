# family: args
# hazard: closure-over-locked-client-to-dask-processes
# line: 40 30
# files: l25kit/__init__.py l25kit/devices.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/jmcarpenter2/swifter/issues/164 -- "allow_dask_on_strings(enable=True) error: TypeError: cannot pickle '_thread.lock' object": swifter hands df['Forward Dns'].apply(lambda x: c.devices(x)) to dask's map_partitions and computes it with the processes scheduler; cloudpickle ships the lambda with the API client c it reads, and the client holds a lock
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
    records = SwiftApply(column).apply(lambda x: client.devices(x), "deviceState")
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
