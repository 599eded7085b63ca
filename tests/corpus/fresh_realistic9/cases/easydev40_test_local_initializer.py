# family: callable
# hazard: unpicklable-initializer
# line: 36 39
# files: s17kit/multicore.py
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/cokelaer/easydev/pull/40 -- "Fix multicore tests on Python 3.14 ... The pool initializer function must be pickleable": the package's multicore tests hand its MultiProcessing helper an initializer defined inside the test, which only a forked pool accepts; this unittest suite reduces that with the helper class in another module
import os
import sys
import unittest

from s17kit.multicore import MultiProcessing, worker_tag

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
        def init(tag):
            from s17kit import multicore
            multicore._STATE["tag"] = tag

        mc = MultiProcessing(maxcpu=2, initializer=init, initargs=("unit",))
        for i in range(3):
            mc.add_job(tagged_square, i)
        results = mc.run()
        self.assertEqual([tag for tag, _ in results], ["unit"] * 3)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    result = unittest.main(exit=False, verbosity=0).result
    sys.exit(0 if result.wasSuccessful() else 1)
