# family: flow
# hazard: start-method-set-twice
# line: 20 r12kit/harness.py:8
# files: r12kit/harness.py
# expect: fork=context_already_set spawn=context_already_set forkserver=context_already_set
# timeout: 15
# note: https://github.com/marxin/cvise/pull/389 -- "tests: Enforce the multiprocessing forkserver method": in downstream projects the test framework preconfigures a different start method, so the tests' own set_start_method("forkserver") raised "RuntimeError: context has already been set"; here the harness module configures the method before unittest runs the module's setUpModule
import multiprocessing
import unittest

from r12kit import harness


def reduce_once(text, pattern, out):
    out.put(text.replace(pattern, "", 1))


def setUpModule():
    # the reducer's tests need the forkserver method on every platform
    multiprocessing.set_start_method("forkserver")


class TestReduction(unittest.TestCase):
    def run_pass(self, text, pattern):
        out = multiprocessing.Queue()
        proc = multiprocessing.Process(target=reduce_once, args=(text, pattern, out))
        proc.start()
        result = out.get(timeout=10)
        proc.join(timeout=10)
        return result

    def test_start_method(self):
        self.assertEqual(multiprocessing.get_start_method(), "forkserver")

    def test_remove_line(self):
        self.assertEqual(self.run_pass("int a;\nint b;\n", "int a;\n"), "int b;\n")


if __name__ == "__main__":
    harness.configure()
    unittest.main()
