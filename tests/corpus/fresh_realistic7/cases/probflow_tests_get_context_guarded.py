# family: flow
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/brendanhasz/probflow/issues/32 -- a fix that avoids touching the global start method twice: the fixture asks for a fork context (falling back to the default where fork does not exist) and builds its Pool from that context
import multiprocessing as mp
import sys
import unittest


def square(v):
    return v * v


def pick_context():
    try:
        return mp.get_context("fork")
    except ValueError:          # Windows: no fork
        return mp.get_context()


class GeneratorFixture:
    def __init__(self, workers=2):
        self.ctx = pick_context()
        self.workers = workers

    def run(self, values):
        with self.ctx.Pool(self.workers) as pool:
            return pool.map(square, values)


class DataGeneratorTests(unittest.TestCase):
    def setUp(self):
        self.fixture = GeneratorFixture()

    def test_multiprocess_batches(self):
        self.assertEqual(self.fixture.run([1, 2, 3]), [1, 4, 9])

    def test_second_fixture(self):
        self.assertEqual(GeneratorFixture(workers=1).run([4]), [16])


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    sys.exit(0 if result.wasSuccessful() else 1)
