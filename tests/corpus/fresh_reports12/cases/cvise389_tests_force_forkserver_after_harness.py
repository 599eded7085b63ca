# family: flow
# hazard: none
# line: none
# files: r12kit/harness.py
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 15
# note: https://github.com/marxin/cvise/pull/389 -- the fix: the tests call set_start_method("forkserver", force=True), which replaces whatever method the harness chose
import multiprocessing
import unittest

from r12kit import harness


def reduce_once(text, pattern, out):
    out.put(text.replace(pattern, "", 1))


def setUpModule():
    # the reducer's tests need the forkserver method on every platform
    multiprocessing.set_start_method("forkserver", force=True)


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
