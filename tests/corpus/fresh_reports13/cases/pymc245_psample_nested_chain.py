# family: callable
# hazard: unpicklable-callable
# line: r13kit/sampling.py:45
# files: r13kit/sampling.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/pymc-devs/pymc/pull/245 -- "all calls to psample result in a PicklingError": the parallel sampler hands the pool a function nested in psample (the chains' closure over draws, step and start), and a pool pickles every task's function whatever the start method
import sys
import unittest

from r13kit.sampling import Metropolis, Model, psample


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
