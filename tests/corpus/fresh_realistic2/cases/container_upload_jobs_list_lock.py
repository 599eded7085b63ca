# family: container
# hazard: unpicklable-argument
# line: 52
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/bccp/nbodykit/pull/549 ("Fix unable to pickle _thread.lock object error": a lock stored next to the data that is shipped to workers). An uploader groups its files per bucket in a dict of lists; every bucket entry carries the bucket's threading.Lock (used by the thread-based retry path), and the entries are flattened into a list and sent through Pool.starmap, which pickles task arguments under every start method.
"""Upload a batch of report files to storage buckets (dry run prints checksums).

Usage: upload_reports.py [--workers N] [--dry-run]
"""
import argparse
import hashlib
import multiprocessing
import threading
from collections import defaultdict

FILES = {
    "daily/2026-12-01.csv": b"a,b\n1,2\n",
    "daily/2026-12-02.csv": b"a,b\n3,4\n",
    "monthly/2026-11.csv": b"a,b\n10,20\n",
}


def bucket_of(path):
    return "reports-" + path.split("/", 1)[0]


def plan_uploads(files):
    locks = {}
    plan = defaultdict(list)
    for path, payload in files.items():
        bucket = bucket_of(path)
        lock = locks.setdefault(bucket, threading.Lock())
        plan[bucket].append((bucket, path, payload, lock))
    return plan


def upload_one(bucket, path, payload, lock):
    with lock:
        digest = hashlib.sha256(payload).hexdigest()[:12]
    return f"{bucket}/{path} {digest}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--dry-run", action="store_true", default=True)
    args = parser.parse_args()

    plan = plan_uploads(FILES)
    jobs = [job for bucket in sorted(plan) for job in plan[bucket]]
    with multiprocessing.Pool(args.workers) as pool:
        for line in pool.starmap(upload_one, jobs):
            print(line)


if __name__ == "__main__":
    main()
