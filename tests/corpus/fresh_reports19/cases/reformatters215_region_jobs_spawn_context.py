# family: threads
# hazard: none
# line: none
# files: r23kit/store.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/dynamical-org/reformatters/pull/215 -- the PR's change, "Use spawn not fork with multiprocessing": the region workers come from a spawn context (ProcessPoolExecutor(mp_context=multiprocessing.get_context("spawn"))), so each worker imports the store afresh, with an unlocked lock and its own sync thread
"""Reformat a dataset region by region in worker processes (a reformatters-like update job)."""
import argparse
import multiprocessing
import sys
from concurrent.futures import ProcessPoolExecutor

from r23kit.store import encode_chunk, open_store, region_values


def write_region(job):
    store_path, region = job
    open_store(store_path)
    blob = encode_chunk(region_values(region))
    return region, len(blob)


class RegionJob:
    def __init__(self, store_path, regions, workers=2):
        self.store_path = store_path
        self.regions = regions
        self.workers = workers

    def process(self):
        open_store(self.store_path)        # the parent validates the store first: its sync thread starts
        jobs = [(self.store_path, r) for r in self.regions]
        with ProcessPoolExecutor(max_workers=self.workers, mp_context=multiprocessing.get_context("spawn")) as executor:
            return dict(executor.map(write_region, jobs))


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--regions", type=int, default=6)
    args = parser.parse_args(argv)
    written = RegionJob("s3://bucket/gefs/v1.zarr", list(range(args.regions))).process()
    print(f"RESULT={len(written)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
