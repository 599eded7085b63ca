# family: daemon
# hazard: daemon-children
# line: 19 flowkit/render.py:13
# files: flowkit/cluster.py flowkit/tasks.py flowkit/render.py
# expect: fork=daemon_children spawn=daemon_children forkserver=daemon_children
# note: Modelled on https://github.com/Koed00/django-q/issues/211 (django-q's cluster starts every worker with daemon = True, and a task that starts its own multiprocessing.Process fails with 'daemonic processes are not allowed to have children'). The task reaches the Process three modules away: cluster -> tasks.build_report -> render.render_pages.
"""Queue report builds on a small task cluster and print their sizes."""
import multiprocessing
import sys

from flowkit import cluster, tasks


def main():
    results = multiprocessing.Queue()
    jobs = [("weekly", 3), ("monthly", 2)]
    workers = []
    for name, pages in jobs:
        workers.append(cluster.spawn_process(tasks.build_report, (name, pages), results))
    outcomes = [results.get(timeout=30) for _ in jobs]
    for w in workers:
        w.join()
    errors = [detail for status, detail in outcomes if status == "error"]
    for err in errors:
        print("task failed:", err, file=sys.stderr)
    if errors:
        raise RuntimeError(errors[0])
    sizes = sorted(detail for _, detail in outcomes)
    print("RESULT=%s" % sizes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
