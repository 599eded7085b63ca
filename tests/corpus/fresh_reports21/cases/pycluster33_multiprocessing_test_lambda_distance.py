# family: callable
# hazard: unpicklable-target
# line: r24kit/cluster.py:23 r24kit/cluster.py:24 40 43
# files: r24kit/cluster.py
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/exhuma/python-cluster/issues/33 -- "Test case HClusterIntegerTestCase.testMultiprocessing fails on MacOS with Python 3.8.5": the test builds HierarchicalClustering(data, lambda x, y: abs(x - y), num_processes=4), and Matrix.genmatrix starts Process(target=self.worker), so under spawn the bound method's Matrix, with its lambda combinfunc, has to be pickled at process.start()
import sys
import unittest

from r24kit.cluster import HierarchicalClustering

DATA = [791, 956, 676, 124, 564, 84, 24, 365, 594, 940, 398,
        971, 131, 365, 542, 336, 518, 835, 134, 391]


class Py23TestCase(unittest.TestCase):
    def assertCItemsEqual(self, first, second):
        self.assertCountEqual(first, second)


class HClusterIntegerTestCase(Py23TestCase):
    def setUp(self):
        self.__data = list(DATA)

    def testSingleLinkage(self):
        cl = HierarchicalClustering(self.__data, lambda x, y: abs(x - y))
        result = [sorted(c) for c in cl.getlevel(40)]
        self.assertCItemsEqual([
            [24], [336, 365, 365, 391, 398], [518, 542, 564, 594], [676],
            [791], [835], [84, 124, 131, 134], [940, 956, 971],
        ], result)

    def testUnmodifiedData(self):
        cl = HierarchicalClustering(self.__data, lambda x, y: abs(x - y))
        new_data = []
        [new_data.extend(c) for c in cl.getlevel(40)]
        self.assertEqual(sorted(new_data), sorted(self.__data))

    def testMultiprocessing(self):
        cl = HierarchicalClustering(self.__data, lambda x, y: abs(x - y),
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
