# family: globals
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: github.com/shenwanxiang/bidd-aggmap/issues/20 -- the fix suggested in the thread: the matrix is passed to every worker through the Pool initializer, which sets the module global in the worker itself.
import itertools
import math
import multiprocessing

data = None


def _init_worker(npydata):
    global data
    data = npydata


def _calculate(i1, i2):
    x1 = [row[i1] for row in data]
    x2 = [row[i2] for row in data]
    return math.sqrt(sum((a - b) ** 2 for a, b in zip(x1, x2)))


def _fuc(pair):
    i1, i2 = pair
    return _calculate(i1, i2)


class PairwiseCalculator:
    def __init__(self, n_cpus=2, method="euclidean"):
        self.n_cpus = n_cpus
        self.method = method

    def pairwise_distance(self, npydata):
        n_features = len(npydata[0])
        pairs = list(itertools.combinations(range(n_features), 2))
        with multiprocessing.Pool(self.n_cpus, initializer=_init_worker, initargs=(npydata,)) as pool:
            return pool.map(_fuc, pairs)


if __name__ == "__main__":
    matrix = [[1.0, 2.0, 4.0], [2.0, 2.0, 1.0], [0.0, 3.0, 3.0]]
    dist = PairwiseCalculator().pairwise_distance(matrix)
    print("RESULT=%s" % [round(d, 3) for d in dist])
