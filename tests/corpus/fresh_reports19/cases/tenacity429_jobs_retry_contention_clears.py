# family: exceptions
# hazard: none
# line: none
# files: r23kit/retrying.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/jd/tenacity/issues/429 -- the working half of the same report: the retried Job(good_job) runs in the ProcessPoolExecutor without trouble ("[2, 4, 6, 8, 10]"), and so does a job whose IOException (database contention) clears before the attempts run out: the retry returns a plain value and no RetryError with its Future has to travel back to the parent
"""Copy rows into the warehouse in worker processes, retrying on database contention."""
import argparse
import os
import sys
from concurrent.futures import ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Callable

from r23kit.retrying import retry, retry_if_exception_type


class IOException(Exception):
    """The database is busy (lock contention)."""


_SEEN = {}


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


def briefly_contended_job(x: int) -> int:
    # the first try of each batch in a worker meets a short lock; the next one gets through
    key = (os.getpid(), x)
    _SEEN[key] = _SEEN.get(key, 0) + 1
    if _SEEN[key] == 1:
        raise IOException(f"database is locked (batch {x})")
    return x * 3


JOBS = {"copy": good_job, "copy-contended": briefly_contended_job}


def run(kind: str, batches):
    job = Job(JOBS[kind], tags={"kind": kind})
    with ProcessPoolExecutor(max_workers=2) as ex:
        futures = [ex.submit(job, x) for x in batches]
        wait(futures)
    return [fut.result() for fut in futures]


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--batches", type=int, default=4)
    args = parser.parse_args(argv)
    batches = list(range(1, args.batches + 1))
    copied = run("copy", batches)
    contended = run("copy-contended", batches)
    print("copied", copied, contended)
    print(f"RESULT={sum(copied)}:{sum(contended)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
