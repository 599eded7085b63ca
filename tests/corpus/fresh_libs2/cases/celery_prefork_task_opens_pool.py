# family: celery
# hazard: daemon-children
# line: 31
# expect: fork=daemon_children spawn=daemon_children forkserver=daemon_children
# timeout: 30
# note: celery/celery#1709 ("Tasks are not allowed to start subprocesses") and #4525 ("daemonic processes are not allowed to have children"): the task starts one multiprocessing.Process per page; the task body runs in a daemonic billiard.Process, the process class celery's prefork pool starts its children with, so no broker is needed.
"""Report rendering task that renders each page in its own process."""
import multiprocessing
import os
import sys
import tempfile

import billiard
from celery import Celery

app = Celery("reports", broker="memory://", backend="cache+memory://")
app.conf.update(task_serializer="json", result_serializer="json")


def render_page(report_id, page, out_dir):
    with open(os.path.join(out_dir, f"{report_id}-{page}.html"), "w") as fh:
        fh.write(f"<page {page}>")


@app.task(name="reports.render_report")
def render_report(report_id, pages):
    out_dir = tempfile.mkdtemp(prefix=f"{report_id}-")
    procs = [multiprocessing.Process(target=render_page, args=(report_id, p, out_dir))
             for p in range(pages)]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join()
    return {"id": report_id, "pages": len(os.listdir(out_dir))}


def prefork_child(jobs):
    # what a prefork child does with received messages: run the task bodies
    for report_id, pages in jobs:
        result = render_report(report_id, pages)
        print(f"done {result}")


def main():
    jobs = [("r1", 3), ("r2", 2)]
    child = billiard.Process(target=prefork_child, args=(jobs,), daemon=True)
    child.start()
    child.join()
    print(f"RESULT={child.exitcode}")
    if child.exitcode != 0:
        sys.exit(3)


if __name__ == "__main__":
    main()
