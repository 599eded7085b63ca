# family: dataclass
# hazard: sync-object-not-kept-alive
# line: 48 49
# expect: fork=ok spawn=error:FileNotFoundError forkserver=error:FileNotFoundError
# win32: ok (unverified: on Windows the semaphore handle is duplicated into the child while pickling)
# note: Written as a near miss of https://github.com/facebookresearch/fast3r/pull/85 (the export job dataclass takes its lock from `field(default_factory=multiprocessing.Lock)`, which may travel in Process arguments) and predicted ok everywhere; the first run showed otherwise, and the header was corrected: the jobs live only in the list returned by build_jobs() that the `for` loop iterates, so when the loop ends the jobs and their multiprocessing Locks are garbage-collected (the named semaphores unlinked) before the spawned/forkserver children unpickle their arguments: FileNotFoundError in each child, and the parent's queue.get times out. Fork children inherit the lock and are unaffected.
"""Export each table of a small in-memory database to CSV in a background process."""
import csv
import io
import multiprocessing
import sys
from dataclasses import dataclass, field


@dataclass
class ExportJob:
    table: str
    rows: list
    delimiter: str = ","
    progress: dict = field(default_factory=dict)
    progress_lock: object = field(default_factory=multiprocessing.Lock)

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
