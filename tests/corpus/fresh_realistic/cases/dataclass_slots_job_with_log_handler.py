# family: dataclass
# hazard: unpicklable-argument
# line: 37 29
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/python-diamond/Diamond/issues/194 ("handlers are created and then passed to the server process. Every handler has logger & lock objects and it is impossible to pickle these guys"; the fix passes the log level instead). The export job is a slots dataclass whose `log_handler` field holds a logging.StreamHandler (an RLock and a stream); ProcessPoolExecutor.submit pickles the job under every start method.
"""Export tables to CSV in worker processes, each job logging to its own handler."""
import logging
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field


@dataclass(slots=True)
class ExportJob:
    table: str
    rows: int
    log_handler: logging.Handler
    columns: list = field(default_factory=lambda: ["id", "created_at"])


def run_export(job):
    log = logging.getLogger(f"export.{job.table}")
    log.addHandler(job.log_handler)
    log.info("exporting %d rows", job.rows)
    return job.table, job.rows * len(job.columns)


def build_jobs(tables):
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(name)s %(message)s"))
    return [ExportJob(table, rows, handler) for table, rows in tables.items()]


def main():
    jobs = build_jobs({"orders": 120, "customers": 40, "refunds": 3})
    with ProcessPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(run_export, job) for job in jobs]
        cells = dict(f.result(timeout=10) for f in futures)
    print("RESULT=%s" % sorted(cells.items()))


if __name__ == "__main__":
    main()
