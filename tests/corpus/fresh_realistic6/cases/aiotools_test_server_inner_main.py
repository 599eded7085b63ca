# family: callable
# hazard: unpicklable-callable
# line: 43 opskit/server.py:26
# files: opskit/server.py
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# timeout: 20
# note: https://github.com/achimnol/aiotools/issues/12 -- the server tests define each user main function inside the test function and hand it to start_server(), which starts one worker Process per main with the function as an argument; they broke on macOS when Python 3.8 made spawn the default
"""pytest-style tests of opskit.server.start_server (run directly: python this_file.py)."""
import os
import signal
import sys
import traceback

from opskit.server import start_server

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Collector:
    """A stand-in for pytest's result bookkeeping."""

    def __init__(self):
        self.passed = []
        self.failed = []

    def run(self, test):
        try:
            test()
        except Exception:
            traceback.print_exc()
            self.failed.append(test.__name__)
        else:
            self.passed.append(test.__name__)


def test_server_user_main_tuple():
    started = []

    def myworker(worker_id, greeting, extra):
        # the user main of each worker: returns what it would serve
        return f"{greeting}-{worker_id}-{extra}"

    report = start_server(myworker, num_workers=2, args=("hello", "x"))  # ANCHOR
    started.extend(v for _, v in report.worker_results)
    assert started == ["hello-0-x", "hello-1-x"], started
    assert report.exit_codes == [0, 0], report.exit_codes


def test_server_extra_proc_custom_stop_signal():
    stop_signals = {int(s) for s in STOP_SIGNALS}

    def extra_proc(worker_id, signals):
        return sorted(signals)[worker_id % len(signals)]

    report = start_server(extra_proc, num_workers=2, args=(stop_signals,))
    assert [v for _, v in report.worker_results] == sorted(stop_signals)


TESTS = [test_server_user_main_tuple, test_server_extra_proc_custom_stop_signal]


if __name__ == "__main__":
    collector = Collector()
    for test in TESTS:
        collector.run(test)
    print("RESULT=%d passed, %d failed" % (len(collector.passed), len(collector.failed)))
    sys.stdout.flush()
    os._exit(0 if not collector.failed else 1)
