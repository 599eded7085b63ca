# family: callable
# hazard: local-function-target
# line: 25 26 37 38
# files: r24kit/hidwrite.py
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/tiny-pilot/tinypilot/issues/1343 -- "All tests in app/hid/write_test.py fail as they attempt to pickle functions ... each passes a function which is defined within the test to hid.write.ProcessWithResult" (AttributeError: Can't pickle local object, on macOS where spawn is the default)
import sys
import unittest

from r24kit.hidwrite import ProcessWithResult

OUTCOME = {}


class WriteTest(unittest.TestCase):

    def tearDown(self):
        OUTCOME[self._testMethodName] = "done"

    def test_process_with_result_child_completed(self):

        def target():
            return "report written"

        process = ProcessWithResult(target=target, daemon=True)
        process.start()
        process.join()
        result = process.result()
        self.assertTrue(result.was_successful())
        self.assertEqual("report written", result.return_value)

    def test_process_with_result_child_exception(self):

        def target():
            raise OSError("/dev/hidg0 not writable")

        process = ProcessWithResult(target=target, daemon=True)
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
