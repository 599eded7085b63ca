# family: callable
# hazard: none
# line: none
# files: s17kit/multicore.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/cokelaer/easydev/pull/40 -- the fix: the test's initializer moves to module level (here the helper module's own tagged_pool(), whose initializer is a module function), so the suite passes under every start method
import os
import sys
import unittest

from s17kit.multicore import MultiProcessing, tagged_pool, worker_tag

SEEN = {}


def square(x):
    return x * x


def tagged_square(x):
    return (worker_tag(), x * x)


class MultiCoreTest(unittest.TestCase):
    def test_plain_jobs(self):
        mc = MultiProcessing(maxcpu=2)
        for i in range(4):
            mc.add_job(square, i)
        self.assertEqual(mc.run(), [0, 1, 4, 9])

    def test_initializer_runs_in_workers(self):
        mc = tagged_pool("unit", maxcpu=2)
        for i in range(3):
            mc.add_job(tagged_square, i)
        results = mc.run()
        self.assertEqual([tag for tag, _ in results], ["unit"] * 3)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    result = unittest.main(exit=False, verbosity=0).result
    sys.exit(0 if result.wasSuccessful() else 1)
