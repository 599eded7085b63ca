# family: exceptions
# hazard: unpicklable-exception
# line: 37 44 r14kit/jobpool.py:14
# files: r14kit/jobpool.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/cognitedata/processpool-python/pull/5 -- "be more robust to exceptions which don't pickle well" (its test ExceptionWithLambda keeps self._unwrap_fn = lambda x: x): a job whose exception holds a lambda cannot be sent back from the worker process, so the caller gets a pickling error instead of the job's own exception
"""Fetch datapoints for a list of time series with a process pool of API workers; a series that
does not exist is reported and skipped."""
import argparse
import sys

from r14kit.jobpool import ProcessPool

SERIES = {
    "pump-01.pressure": [3.1, 3.3, 3.2],
    "pump-01.flow": [120.0, 118.5],
    "pump-02.flow": [99.0, 101.0, 100.0, 98.0],
}


class CogniteAPIError(Exception):
    def __init__(self, message, code=None):
        super().__init__(message)
        self.code = code
        self._unwrap_fn = lambda body: body.get("error", body)


class DatapointsWorker:
    """One per process; would hold the authenticated API client."""

    def __init__(self):
        self.calls = 0

    def run(self, external_id: str):
        self.calls += 1
        if external_id not in SERIES:
            raise CogniteAPIError(f"time series {external_id!r} not found", code=404)
        points = SERIES[external_id]
        return external_id, len(points), round(sum(points) / len(points), 3)


def fetch_all(ids, workers: int = 2):
    pool = ProcessPool(DatapointsWorker, workers)
    futures = [(ext_id, pool.submit_job(ext_id)) for ext_id in ids]
    found, missing = [], []
    for ext_id, future in futures:
        try:
            found.append(future.result(timeout=30))
        except CogniteAPIError as err:
            missing.append((ext_id, err.code))
    pool.join()
    return found, missing


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="fetch-datapoints")
    parser.add_argument("ids", nargs="*", default=["pump-01.pressure", "pump-03.flow", "pump-02.flow"])
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    found, missing = fetch_all(args.ids, args.workers)
    print(f"RESULT=found={len(found)};missing={[m[0] for m in missing]}")
    return 0 if len(found) == 2 and [m[0] for m in missing] == ["pump-03.flow"] else 3


if __name__ == "__main__":
    sys.exit(main())
