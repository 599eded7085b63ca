# family: conditions
# hazard: unpicklable-callable
# line: 32 33
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/opensistemas-hub/osbrain/issues/256 (code that works under fork breaks once processes are spawned and things must be pickled). A job launcher "prefers forkserver where available" (`if "forkserver" in get_all_start_methods()`), which is true on every POSIX platform, so the explicit forkserver context pickles the Process target even where fork is the default; the target is a nested function closing over the job's settings: "Can't pickle local object".
"""Run each configured job in its own process with a per-job timeout."""
import multiprocessing
import sys
import time

JOBS = {"rebuild-index": 0.05, "vacuum": 0.02, "send-digest": 0.01}


def pick_context():
    if "forkserver" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


def make_runner(name, seconds, results):
    def runner():
        time.sleep(seconds)
        results.put((name, "done"))
    return runner


def main():
    ctx = pick_context()
    results = ctx.Queue()
    procs = []
    for name, seconds in JOBS.items():
        proc = ctx.Process(target=make_runner(name, seconds, results), name=name)
        proc.start()
        procs.append(proc)
    status = dict(results.get(timeout=10) for _ in procs)
    for proc in procs:
        proc.join(timeout=5)
    print(f"RESULT={sorted(status.items())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
