# family: callable
# hazard: unpicklable-callable
# line: l7kit/jobqueue.py:27 44
# files: l7kit/jobqueue.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/cdrx/faktory_worker_python/issues/45 -- a job registered as `ETL_task(...)`, a factory that returns its local `task` function, fails in the worker with "AttributeError: Can't pickle local object 'ETL_task.<locals>.task'": the worker runs every job on a ProcessPoolExecutor, which pickles the registered callable under every start method, while simple module-level jobs work; this program registers such a factory-made job
import csv
import io
import sys

from l7kit.jobqueue import Worker

CONFIG = {
    "source": "orders",
    "columns": ["id", "amount", "currency"],
    "rate": {"EUR": 1.0, "USD": 0.9},
}

RAW = """id,amount,currency
1,10.0,EUR
2,20.0,USD
3,5.5,EUR
"""


def hello(name):
    return f"hello {name}"


def ETL_task(config):
    """Build the job for one source: extract rows, convert amounts, load a total."""
    def task(batch_text):
        rows = list(csv.DictReader(io.StringIO(batch_text)))
        total = 0.0
        for row in rows:
            total += float(row["amount"]) * config["rate"][row["currency"]]
        return {"source": config["source"], "rows": len(rows), "total": round(total, 2)}
    return task


def build_worker():
    worker = Worker(queues=["default", "etl"], concurrency=2)
    worker.register("hello", hello)
    worker.register("etl_orders", ETL_task(CONFIG))
    return worker


def main(argv):
    jobs = [
        {"jid": "j1", "jobtype": "hello", "args": ["world"]},
        {"jid": "j2", "jobtype": "etl_orders", "args": [RAW]},
    ]
    statuses = build_worker().run_jobs(jobs)
    print("RESULT=", statuses["j2"]["total"])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
