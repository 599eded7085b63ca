# family: start_method
# hazard: none
# line: none
# files: r6kit/livetest_ctx.py
# expect: fork=ok spawn=ok forkserver=ok
# note: github.com/django/channels/issues/1921 -- the fix: the live-server helper takes its own fork context with get_context("fork") instead of setting the global start method at import.
import multiprocessing
import sys


class ParallelTestRunner:
    def __init__(self, parallel=2):
        self.parallel = parallel

    def setup_test_environment(self):
        if self.parallel > 1 and sys.platform != "win32":
            multiprocessing.set_start_method("fork")

    def load_tests(self):
        from r6kit.livetest_ctx import LiveServerTestCase

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
