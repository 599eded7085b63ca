# family: callable
# hazard: none
# line: none
# files: r24kit/cluster.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/exhuma/python-cluster/issues/33 -- the working variant of the failing test: the distance handed to HierarchicalClustering(..., num_processes=...) is a named module-level function, so the Matrix that Process(target=self.worker) pickles under spawn carries a function pickled by reference
import sys
import unittest

from r24kit.cluster import HierarchicalClustering

def abs_distance(x, y):
    return abs(x - y)


DATA = [791, 956, 676, 124, 564, 84, 24, 365, 594, 940, 398,
        971, 131, 365, 542, 336, 518, 835, 134, 391]


class Py23TestCase(unittest.TestCase):
    def assertCItemsEqual(self, first, second):
        self.assertCountEqual(first, second)


class HClusterIntegerTestCase(Py23TestCase):
    def setUp(self):
        self.__data = list(DATA)

    def testSingleLinkage(self):
        cl = HierarchicalClustering(self.__data, abs_distance)
        result = [sorted(c) for c in cl.getlevel(40)]
        self.assertCItemsEqual([
            [24], [336, 365, 365, 391, 398], [518, 542, 564, 594], [676],
            [791], [835], [84, 124, 131, 134], [940, 956, 971],
        ], result)

    def testUnmodifiedData(self):
        cl = HierarchicalClustering(self.__data, abs_distance)
        new_data = []
        [new_data.extend(c) for c in cl.getlevel(40)]
        self.assertEqual(sorted(new_data), sorted(self.__data))

    def testMultiprocessing(self):
        cl = HierarchicalClustering(self.__data, abs_distance,
                                    num_processes=2)
        new_data = []
        [new_data.extend(c) for c in cl.getlevel(40)]
        self.assertEqual(sorted(new_data), sorted(self.__data))


def run_suite():
    suite = unittest.TestSuite((
        unittest.defaultTestLoader.loadTestsFromTestCase(HClusterIntegerTestCase),
    ))
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    return result


if __name__ == "__main__":
    outcome = run_suite()
    print(f"RESULT=run:{outcome.testsRun},failed:{len(outcome.failures) + len(outcome.errors)}")
    sys.exit(0 if outcome.wasSuccessful() else 1)
