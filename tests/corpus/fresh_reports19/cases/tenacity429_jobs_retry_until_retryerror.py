# family: exceptions
# hazard: retry-error-holding-future-sent-back-from-worker
# line: 47
# files: r23kit/retrying.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/jd/tenacity/issues/429 -- "TypeError: cannot pickle '_thread.RLock' object with ProcessPoolExecutor": a dataclass Job whose __call__ is wrapped in @retry(retry=retry_if_exception_type(IOException), stop=stop_after_attempt(...)) is submitted to a ProcessPoolExecutor; when the IOException persists, tenacity raises RetryError, which keeps the last attempt, a concurrent.futures.Future with its Condition/RLock, so the worker cannot send the exception back and job.result() raises the TypeError
"""Copy rows into the warehouse in worker processes, retrying on database contention."""
import argparse
import sys
from concurrent.futures import ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Callable

from r23kit.retrying import retry, retry_if_exception_type


class IOException(Exception):
    """The database is busy (lock contention)."""


@dataclass
class Job:
    f: Callable[[int], int]
    table: str = "events"
    tags: dict = field(default_factory=dict)

    @retry(retry=retry_if_exception_type(IOException), stop_after_attempt=3, wait_fixed=0.01)
    def __call__(self, x: int) -> int:
        return self.f(x)


def good_job(x: int) -> int:
    return x * 2


def contended_job(x: int) -> int:
    # the warehouse stays locked by a long migration for the whole run
    raise IOException(f"database is locked (batch {x})")


JOBS = {"copy": good_job, "copy-locked": contended_job}


def run(kind: str, batches):
    job = Job(JOBS[kind], tags={"kind": kind})
    with ProcessPoolExecutor(max_workers=2) as ex:
        futures = [ex.submit(job, x) for x in batches]
        wait(futures)
    results = []
    for fut in futures:
        results.append(fut.result())
    return results


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--batches", type=int, default=4)
    args = parser.parse_args(argv)
    batches = list(range(1, args.batches + 1))
    copied = run("copy", batches)
    print("copied", copied)
    try:
        locked = run("copy-locked", batches)
    except IOException:
        locked = "gave-up"
    print(f"RESULT={sum(copied)}:{locked}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
