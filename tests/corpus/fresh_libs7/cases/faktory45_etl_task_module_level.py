# family: callable
# hazard: none
# line: none
# files: l7kit/jobqueue.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/cdrx/faktory_worker_python/issues/45 -- the working variant from the thread: jobs that are module-level functions (like its `print('hello')` test jobs) run fine, so the ETL job becomes a module-level function and its configuration travels in the job's args, a plain dict the ProcessPoolExecutor can pickle
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


def etl_task(config, batch_text):
    """Extract rows, convert amounts, load a total."""
    rows = list(csv.DictReader(io.StringIO(batch_text)))
    total = 0.0
    for row in rows:
        total += float(row["amount"]) * config["rate"][row["currency"]]
    return {"source": config["source"], "rows": len(rows), "total": round(total, 2)}


def build_worker():
    worker = Worker(queues=["default", "etl"], concurrency=2)
    worker.register("hello", hello)
    worker.register("etl_orders", etl_task)
    return worker


def main(argv):
    jobs = [
        {"jid": "j1", "jobtype": "hello", "args": ["world"]},
        {"jid": "j2", "jobtype": "etl_orders", "args": [CONFIG, RAW]},
    ]
    statuses = build_worker().run_jobs(jobs)
    print("RESULT=", statuses["j2"]["total"])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
