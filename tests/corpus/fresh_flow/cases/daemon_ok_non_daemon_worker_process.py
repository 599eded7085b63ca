# family: daemon
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss, the workaround in https://github.com/Koed00/django-q/issues/211 (the worker that runs tasks is started with daemon = False, so a task may start its own processes). The task runs render.render_pages, which starts one Process per page.
"""Build reports in non-daemonic worker processes."""
import multiprocessing
import sys

from flowkit import tasks


def worker(jobs, results):
    for name, pages in iter(jobs.get, None):
        results.put((name, tasks.build_report(name, pages)))


def main():
    jobs, results = multiprocessing.Queue(), multiprocessing.Queue()
    w = multiprocessing.Process(target=worker, args=(jobs, results))
    w.daemon = False
    w.start()
    todo = [("weekly", 3), ("monthly", 2)]
    for job in todo:
        jobs.put(job)
    jobs.put(None)
    sizes = dict(results.get(timeout=60) for _ in todo)
    w.join()
    print("RESULT=%s" % sorted(sizes.items()))
    return 0 if len(sizes) == 2 else 3


if __name__ == "__main__":
    sys.exit(main())
