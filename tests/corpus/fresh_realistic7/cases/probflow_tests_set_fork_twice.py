# family: flow
# hazard: context-already-set
# line: 28
# expect: fork=context_already_set spawn=context_already_set forkserver=context_already_set
# note: https://github.com/brendanhasz/probflow/issues/32 -- "Tried doing multiprocessing.set_start_method("fork") for mac + python 3.8, but then just got RuntimeError: context has already been set"; reduced to a test suite whose module setup selects fork and whose generator fixture selects it again
import multiprocessing as mp
import platform
import sys
import unittest


def square(v):
    return v * v


def use_fork_on_macos():
    if platform.system() in ("Darwin", "Linux"):
        mp.set_start_method("fork")


def setUpModule():
    use_fork_on_macos()


class GeneratorFixture:
    def __init__(self, workers=2):
        if sys.version_info >= (3, 8):
            mp.set_start_method("fork")
        self.workers = workers

    def run(self, values):
        with mp.Pool(self.workers) as pool:
            return pool.map(square, values)


class DataGeneratorTests(unittest.TestCase):
    def test_multiprocess_batches(self):
        out = GeneratorFixture().run([1, 2, 3])
        self.assertEqual(out, [1, 4, 9])


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    sys.exit(0 if result.wasSuccessful() else 1)
