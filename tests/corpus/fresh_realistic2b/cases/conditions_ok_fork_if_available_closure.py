# family: conditions
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss of https://github.com/opensistemas-hub/osbrain/issues/256: the launcher "prefers fork where available" (`if "fork" in get_all_start_methods()`, true on Linux) and otherwise runs the jobs in-process; the nested runner is only ever given to a fork-context Process, which never pickles its target.
"""Run each configured job in its own process with a per-job timeout."""
import multiprocessing
import queue
import sys
import time

JOBS = {"rebuild-index": 0.05, "vacuum": 0.02, "send-digest": 0.01}


def make_runner(name, seconds, results):
    def runner():
        time.sleep(seconds)
        results.put((name, "done"))
    return runner


def run_all():
    if "fork" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("fork")
        results = ctx.Queue()
        procs = [ctx.Process(target=make_runner(n, s, results), name=n) for n, s in JOBS.items()]
        for proc in procs:
            proc.start()
        status = dict(results.get(timeout=10) for _ in procs)
        for proc in procs:
            proc.join(timeout=5)
        return status
    results = queue.Queue()
    for name, seconds in JOBS.items():
        make_runner(name, seconds, results)()
    return dict(results.get() for _ in JOBS)


def main():
    print(f"RESULT={sorted(run_all().items())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
