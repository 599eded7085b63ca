# family: callable
# hazard: none
# line: none
# files: r24kit/hidwrite.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/tiny-pilot/tinypilot/issues/1343 -- the fix: the test targets handed to ProcessWithResult are defined at the top level of the test module, where the spawned child can find them by name
import sys
import unittest

from r24kit.hidwrite import ProcessWithResult

OUTCOME = {}


def return_report():
    return "report written"


def raise_unwritable():
    raise OSError("/dev/hidg0 not writable")


class WriteTest(unittest.TestCase):

    def tearDown(self):
        OUTCOME[self._testMethodName] = "done"

    def test_process_with_result_child_completed(self):
        process = ProcessWithResult(target=return_report, daemon=True)
        process.start()
        process.join()
        result = process.result()
        self.assertTrue(result.was_successful())
        self.assertEqual("report written", result.return_value)

    def test_process_with_result_child_exception(self):
        process = ProcessWithResult(target=raise_unwritable, daemon=True)
        process.start()
        process.join()
        result = process.result()
        self.assertFalse(result.was_successful())
        self.assertIsInstance(result.exception, OSError)


def main():
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(WriteTest)
    outcome = unittest.TextTestRunner(stream=sys.stderr, verbosity=1).run(suite)
    print("RESULT=%d/%d" % (outcome.testsRun - len(outcome.errors) - len(outcome.failures),
                            outcome.testsRun))
    return 0 if outcome.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
