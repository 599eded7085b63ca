# family: exceptions
# hazard: none
# line: none
# files: fr23kit/snapshots.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/owid/etl/pull/6862 -- the fix: "Both now define __reduce__" returning the class and both constructor arguments, so the executor's result reader rebuilds the error in the parent and each failed snapshot is reported on its own
"""Fetch the snapshots a set of ETL steps depend on, in parallel, and report the missing ones."""
import argparse
import dataclasses
from concurrent.futures import ProcessPoolExecutor

from fr23kit.snapshots import (PrivateSnapshotAccessError, SnapshotError,
                               SnapshotNotFoundException)

CATALOG = {
    "snapshot://who/2024-05-01/gho.csv": {"public": True, "rows": 1200},
    "snapshot://un/2024-07-11/wpp.csv": {"public": True, "rows": 5400},
    "snapshot://ihme/2024-03-02/gbd.csv": {"public": False, "rows": 9000},
}


@dataclasses.dataclass(frozen=True)
class Step:
    name: str
    snapshot: str


def fetch_snapshot(step):
    """Worker: resolve the step's snapshot in the catalog and return its row count."""
    meta = CATALOG.get(step.snapshot)
    if meta is None:
        raise SnapshotNotFoundException(step.snapshot, f"data/snapshots/{step.name}")
    if not meta["public"]:
        raise PrivateSnapshotAccessError(step.snapshot, step.name)
    return step.name, meta["rows"]


def run_steps(steps, workers):
    fetched, failed = {}, []
    with ProcessPoolExecutor(max_workers=workers) as executor:
        futures = {executor.submit(fetch_snapshot, step): step for step in steps}
        for future, step in futures.items():
            try:
                name, rows = future.result()
                fetched[name] = rows
            except SnapshotError as exc:
                failed.append(f"{step.name}: {exc}")
    return fetched, failed


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    steps = [
        Step("garden/who/gho", "snapshot://who/2024-05-01/gho.csv"),
        Step("garden/un/wpp", "snapshot://un/2024-07-11/wpp.csv"),
        Step("garden/ihme/gbd", "snapshot://ihme/2024-03-02/gbd.csv"),
        Step("garden/wb/wdi", "snapshot://wb/2024-01-15/wdi.csv"),
    ]
    fetched, failed = run_steps(steps, args.workers)
    for line in failed:
        print("FAILED", line)
    print(f"RESULT=fetched={len(fetched)} failed={len(failed)}")


if __name__ == "__main__":
    main()
