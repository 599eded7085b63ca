# family: celery
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 30
# note: celery/celery#5231 and lungmask#47 (the workaround --pool=solo: the task runs in a non-daemonic process); here the test configuration task_always_eager=True runs the task in the calling process, so its multiprocessing.Pool may start.
"""Report rendering task exercised with eager execution, as in a unit test."""
import multiprocessing
import sys

from celery import Celery

app = Celery("reports", broker="memory://", backend="cache+memory://")
TEST_SETTINGS = {
    "task_always_eager": True,
    "task_eager_propagates": True,
    "task_serializer": "json",
}
app.conf.update(TEST_SETTINGS)


def render_page(page):
    return f"<page {page}>"


@app.task(name="reports.render_report")
def render_report(report_id, pages):
    with multiprocessing.Pool(2) as pool:
        rendered = pool.map(render_page, range(pages))
    return {"id": report_id, "pages": len(rendered)}


def main():
    results = [render_report.delay(rid, n).get() for rid, n in [("r1", 3), ("r2", 2)]]
    print(f"RESULT={results}")
    if [r["pages"] for r in results] != [3, 2]:
        sys.exit(3)


if __name__ == "__main__":
    main()
