# family: exceptions
# hazard: unrebuildable-exception-from-pool-worker
# line: 46
# files: l25kit/__init__.py l25kit/filelock_old.py
# expect: fork=broken_process_pool spawn=broken_process_pool forkserver=broken_process_pool
# note: https://github.com/tox-dev/filelock/issues/202 -- "Error on Pickling Error Message: Timeout.__init__() missing 1 required positional argument: 'lock_file'": workers of a concurrent.futures.ProcessPoolExecutor append to a shared file under FileLock(lock_path, timeout=1); when one times out, the Timeout raised in the worker cannot be rebuilt in the parent and the pool breaks instead of reporting the timeout
"""Append per-region sales summaries to a shared CSV ledger from worker processes."""
import argparse
import os
import tempfile
from concurrent.futures import ProcessPoolExecutor

import pandas as pd

from l25kit.filelock_old import FileLock, Timeout

SALES = pd.DataFrame({
    "region": ["north", "north", "south", "east", "east", "east"],
    "amount": [10, 20, 5, 7, 8, 9],
})


def summarise(region, frame, ledger_path, lock_path):
    total = int(frame["amount"].sum())
    with FileLock(lock_path, timeout=0.2):
        pd.DataFrame([{"region": region, "total": total}]).to_csv(
            ledger_path, mode="a", header=False, index=False)
    return region, total


class LedgerJob:
    def __init__(self, workdir, workers=2):
        self.ledger_path = os.path.join(workdir, "ledger.csv")
        self.lock_path = self.ledger_path + ".lock"
        self.workers = workers

    def hold_lock_for_backup(self):
        # the nightly backup holds the ledger lock while this job runs
        return FileLock(self.lock_path).acquire()

    def run(self, sales):
        done, skipped = {}, []
        backup = self.hold_lock_for_backup()
        try:
            with ProcessPoolExecutor(max_workers=self.workers) as ex:
                futs = {ex.submit(summarise, r, g, self.ledger_path, self.lock_path): r
                        for r, g in sales.groupby("region")}
                for fut, region in futs.items():
                    try:
                        name, total = fut.result()
                        done[name] = total
                    except Timeout:
                        skipped.append(region)
        finally:
            backup.release()
        return done, skipped


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        done, skipped = LedgerJob(tmp, args.workers).run(SALES)
    print(f"RESULT={len(done)}:{len(skipped)}")


if __name__ == "__main__":
    main()
