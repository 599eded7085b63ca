# family: guard
# hazard: missing-main-guard
# line: 37
# expect: fork=ok spawn=bootstrap_error+hang forkserver=bootstrap_error+hang
# timeout: 8
# note: https://github.com/dkriegner/xrayutilities/issues/121 -- a unittest module builds the PowderModel (which starts its worker pool) in the TestCase class body instead of setUp; run as `python test_file.py` under spawn every worker re-imports the module, builds the model again and stops with the bootstrapping RuntimeError
"""Tests of the powder model's peak simulation (run: python this_file.py)."""
import os
import sys
import unittest
from multiprocessing import freeze_support

from opskit.fitting import PowderModel

DATADIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
REFERENCE = {"LaB6": [1.0, 0.368, 0.018]}


def reference_profile(name):
    """Reference intensities; read from DATADIR when the data files are installed."""
    path = os.path.join(DATADIR, name + ".txt")
    if os.path.isfile(path):
        with open(path) as fh:
            return [float(v) for v in fh.read().split()]
    return REFERENCE[name]


def chi_square(simulated, reference):
    return sum((s - r) ** 2 for s, r in zip(simulated, reference))


@unittest.skipIf(sys.version_info < (3, 8), "needs 3.8")
class Test_PowderModel(unittest.TestCase):
    chi2max = 1.5
    peaks = (0.0, 5.0)
    # define the model once for all tests
    model = PowderModel(peaks, width=1.0, nproc=2)  # ANCHOR

    @classmethod
    def tearDownClass(cls):
        cls.model.close()

    def test_profile_at_peak(self):
        sim = self.model.simulate([0.0, 1.0, 2.0])
        ref = reference_profile("LaB6")
        chi2 = chi_square(sim, ref)
        self.assertLess(chi2, self.chi2max)

    def test_far_from_peaks(self):
        (value,) = self.model.simulate([2.5])
        self.assertLess(value, 0.01)

    def test_symmetry(self):
        left, right = self.model.simulate([-1.0, 1.0])
        self.assertAlmostEqual(left, right, places=3)


if __name__ == "__main__":
    freeze_support()
    result = unittest.main(exit=False, verbosity=0).result
    print("RESULT=%d/%d" % (result.testsRun - len(result.failures) - len(result.errors),
                            result.testsRun))
    raise SystemExit(0 if result.wasSuccessful() else 1)
