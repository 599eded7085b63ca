# family: dataclass
# hazard: unpicklable-argument
# line: 49
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/facebookresearch/fast3r/pull/85 ("Type error cannot pickle '_thread.RLock' object"; the fix pickles only the queues so "we never pickle the internal RLock"). An export job is a dataclass whose progress lock comes from `field(default_factory=threading.Lock)`, so nobody writes the lock at the call site; the job is handed to a Process. Fork inherits it; spawn/forkserver pickle the job: "cannot pickle '_thread.lock' object".
"""Export each table of a small in-memory database to CSV in a background process."""
import csv
import io
import multiprocessing
import sys
import threading
from dataclasses import dataclass, field


@dataclass
class ExportJob:
    table: str
    rows: list
    delimiter: str = ","
    progress: dict = field(default_factory=dict)
    progress_lock: threading.Lock = field(default_factory=threading.Lock)

    def mark(self, n):
        with self.progress_lock:
            self.progress["done"] = n


def export(job, out_queue):
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=job.delimiter)
    for i, row in enumerate(job.rows, 1):
        writer.writerow(row)
        job.mark(i)
    out_queue.put((job.table, buf.getvalue().count("\n")))


def build_jobs():
    tables = {
        "users": [("id", "name"), (1, "ann"), (2, "bob")],
        "orders": [("id", "user", "total"), (10, 1, 9.5), (11, 2, 3.0), (12, 1, 1.25)],
    }
    return [ExportJob(name, rows) for name, rows in tables.items()]


def main():
    queue = multiprocessing.Queue()
    procs = []
    for job in build_jobs():
        proc = multiprocessing.Process(target=export, args=(job, queue))
        proc.start()
        procs.append(proc)
    counts = dict(queue.get(timeout=10) for _ in procs)
    for proc in procs:
        proc.join()
    print(f"RESULT={sorted(counts.items())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
