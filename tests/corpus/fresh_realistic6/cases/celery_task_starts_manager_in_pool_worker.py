# family: daemon
# hazard: daemon-children
# line: 26
# expect: fork=daemon_children spawn=daemon_children forkserver=daemon_children
# timeout: 20
# note: https://github.com/celery/celery/issues/1709 -- tasks run by the prefork pool use multiprocessing inside the task (multiprocessing.Manager() to share a dict between helpers); the pool's worker processes are daemonic, so starting the manager fails with "daemonic processes are not allowed to have children"
"""A report service: tasks queued by name on a prefork task app."""
import multiprocessing
import sys
from dataclasses import dataclass, field

from opskit.taskpool import TaskApp

app = TaskApp("reports", concurrency=2)

ORDERS = {"eu": [120, 80, 45], "us": [300, 20], "apac": [75]}


def _sum_region(shared, region, amounts):
    shared[region] = sum(amounts)


@app.task
def build_report(regions):
    """Sums each region's orders in helper processes sharing a managed dict."""
    with multiprocessing.Manager() as manager:  # ANCHOR
        shared = manager.dict()
        helpers = [multiprocessing.Process(target=_sum_region, args=(shared, r, ORDERS[r]))
                   for r in regions]
        for h in helpers:
            h.start()
        for h in helpers:
            h.join()
        return dict(shared)


@dataclass
class ReportRequest:
    regions: list
    results: dict = field(default_factory=dict)


def parse_args(argv):
    import argparse
    parser = argparse.ArgumentParser(prog="reports-worker")
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--regions", nargs="*", default=sorted(ORDERS))
    return parser.parse_args(argv)


def main():
    opts = parse_args(sys.argv[1:])
    app.concurrency = opts.concurrency
    app.start()
    try:
        request = ReportRequest(regions=opts.regions)
        async_result = app.send_task(build_report.task_name, request.regions)
        request.results = async_result.get(timeout=15)
    finally:
        app.stop()
    total = sum(request.results.values())
    print(f"RESULT={total}")
    return 0 if total == 640 else 3


if __name__ == "__main__":
    sys.exit(main())
