# family: results
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/numba/numba/issues/682 -- the runner's fix: the child's minimal result keeps each failing test's id() and formatted traceback, not the TestCase instance with its unpicklable attributes
import sys
import threading
import unittest
from multiprocessing import Pool


class CompiledCar:
    def __init__(self):
        self.speed = 1

    def move(self, steps):
        return self.speed * steps


class TestCar(unittest.TestCase):
    def setUp(self):
        self.car = CompiledCar()
        self.compile_lock = threading.Lock()

    def test_move(self):
        self.assertEqual(self.car.move(3), 3)

    def test_move_twice(self):
        self.assertEqual(self.car.move(2) + self.car.move(2), 5)


class _MinimalResult:
    """What the child sends back to the parent runner."""

    def __init__(self, original):
        self.failures = [(test.id(), tb) for test, tb in original.failures]
        self.errors = [(test.id(), tb) for test, tb in original.errors]
        self.testsRun = original.testsRun


def _run_test(test_name):
    suite = unittest.defaultTestLoader.loadTestsFromName(test_name, sys.modules[__name__])
    result = unittest.TestResult()
    suite.run(result)
    return _MinimalResult(result)


class ParallelTestRunner:
    def __init__(self, names, nprocs=2):
        self.names = names
        self.nprocs = nprocs

    def run(self):
        with Pool(self.nprocs) as pool:
            results = pool.map(_run_test, self.names)
        return sum(r.testsRun for r in results), sum(len(r.failures) for r in results)


if __name__ == "__main__":
    runner = ParallelTestRunner(["TestCar.test_move", "TestCar.test_move_twice"])
    ran, failed = runner.run()
    print(f"RESULT={ran},{failed}")
    if ran != 2:
        sys.exit(3)
