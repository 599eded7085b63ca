# family: callable
# hazard: none
# line: none
# files: r13kit/sampling.py r13kit/sampling_fixed.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/pymc-devs/pymc/pull/245 -- the fix: the per-chain function lives at module level and receives draws, step, start and the seed in a tuple, so the pool pickles a reference to it and the Metropolis step (a plain object with its model) as data
import sys
import unittest

from r13kit.sampling import Metropolis, Model
from r13kit.sampling_fixed import psample


class TestPsample(unittest.TestCase):
    def setUp(self):
        self.model = Model(mu=1.0, sd=0.5)

    def test_two_chains(self):
        traces = psample(200, Metropolis(self.model, scaling=0.4), start=0.0, njobs=2)
        self.assertEqual(len(traces), 2)
        self.assertTrue(all(len(t) == 200 for t in traces))

    def test_chain_mean_near_mu(self):
        traces = psample(400, Metropolis(self.model, scaling=0.4), start=1.0, njobs=2)
        mean = sum(traces[0][100:]) / 300
        self.assertLess(abs(mean - 1.0), 0.5)


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=0).result
    if result.errors or result.failures:
        for _, trace in result.errors + result.failures:
            sys.stderr.write(trace)
        sys.exit(1)
