# family: conditions
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss in the shape of https://github.com/emscripten-core/emscripten/pull/14556 ("On windows the 'spawn' method is used ... this global state is not shared with child processes"): a test-runner module computes CAN_FORK once with `try: get_context("fork") except ValueError`, and only when the flag is set does it hand the runner -- a bound method of an object holding the parsed options and an RLock -- to a fork-context Process; otherwise it runs the suites inline. No pickling happens on Linux under any default.
"""Run test suites in isolated processes when the platform can fork."""
import argparse
import multiprocessing
import sys
import threading

try:
    FORK = multiprocessing.get_context("fork")
except ValueError:
    FORK = None
CAN_FORK = FORK is not None

SUITES = {"core": 5, "browser": 3, "other": 2}


class SuiteRunner:
    def __init__(self, options):
        self.options = options
        self._report_lock = threading.RLock()

    def run_suite(self, name, results):
        passed = SUITES[name] - (1 if self.options.flaky and name == "browser" else 0)
        with self._report_lock:
            results.put((name, passed))


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--flaky", action="store_true")
    options = parser.parse_args(argv)
    runner = SuiteRunner(options)
    if CAN_FORK:
        results = FORK.Queue()
        procs = [FORK.Process(target=runner.run_suite, args=(n, results)) for n in SUITES]
        for proc in procs:
            proc.start()
        passed = dict(results.get(timeout=10) for _ in procs)
        for proc in procs:
            proc.join()
    else:
        import queue
        results = queue.Queue()
        for name in SUITES:
            runner.run_suite(name, results)
        passed = dict(results.get() for _ in SUITES)
    print(f"RESULT={sorted(passed.items())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
