# family: guard
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/dkriegner/xrayutilities/issues/121 -- the layout that worked for the reporter: the PowderModel (and its worker pool) is built in setUpClass, so re-importing the test module in a spawned worker only defines the class
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
    model = None

    @classmethod
    def setUpClass(cls):
        cls.model = PowderModel(cls.peaks, width=1.0, nproc=2)

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
