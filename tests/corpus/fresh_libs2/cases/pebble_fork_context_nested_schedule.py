# family: pebble
# hazard: unpicklable-callable
# line: 25
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# timeout: 30
# win32: no_such_start_method
# note: noxdafox/pebble#60 ("Please document one user error pattern": schedule() fails in dispatch when pickling the task) with an explicit fork context, which does not help: pebble's ProcessPool sends every task through a pipe, so the nested function still has to pickle.
"""Run flaky checks with a per-task timeout; the check is built inside run_checks()."""
import multiprocessing
import sys
import time

from pebble import ProcessPool


def run_checks(targets, timeout=5):
    started = time.monotonic()

    def check(target):
        return target, len(target) % 2 == 0, round(time.monotonic() - started, 1) >= 0

    results = {}
    ctx = multiprocessing.get_context("fork")
    with ProcessPool(max_workers=2, context=ctx) as pool:
        futures = [pool.schedule(check, args=(t,), timeout=timeout) for t in targets]
        for fut in futures:
            name, ok, _ = fut.result()
            results[name] = ok
    return results


def main():
    results = run_checks(["disk", "memory", "net"])
    print(f"RESULT={results}")
    if len(results) != 3:
        sys.exit(3)


if __name__ == "__main__":
    main()
