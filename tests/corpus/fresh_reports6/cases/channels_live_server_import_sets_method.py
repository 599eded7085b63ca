# family: start_method
# hazard: set-start-method-misuse
# line: r6kit/livetest.py:4
# files: r6kit/livetest.py
# expect: fork=context_already_set spawn=context_already_set forkserver=context_already_set
# note: github.com/django/channels/issues/1921 -- the parallel test runner already set the start method to fork when the test module is loaded, and the live-server helper it imports calls multiprocessing.set_start_method("fork") again at import time ("RuntimeError: context has already been set").
import multiprocessing
import sys


class ParallelTestRunner:
    def __init__(self, parallel=2):
        self.parallel = parallel

    def setup_test_environment(self):
        if self.parallel > 1 and sys.platform != "win32":
            multiprocessing.set_start_method("fork")

    def load_tests(self):
        from r6kit.livetest import LiveServerTestCase

        return [LiveServerTestCase]

    def run_tests(self):
        self.setup_test_environment()
        results = []
        for case_cls in self.load_tests():
            results.append(case_cls().start_server())
        return results


if __name__ == "__main__":
    runner = ParallelTestRunner(parallel=2)
    print("RESULT=%s" % runner.run_tests())
