# family: args
# hazard: none
# line: none
# files: r6kit/netmodel.py
# expect: fork=ok spawn=ok forkserver=ok
# note: github.com/rq/rq/issues/1377 -- the usual fix: every Pool worker loads its own network in the initializer, and the tasks carry only the leaves.
import multiprocessing

from r6kit.netmodel import load_net

_net = None


def init_worker(size):
    global _net
    _net = load_net(size)


class Leaf:
    def __init__(self, board, turn):
        self.board = board
        self.turn = turn
        self.value = None

    def update_value(self, p):
        self.value = p


def update(leaf):
    p = _net.predict(leaf.board)
    leaf.update_value(p if leaf.turn else 1 - p)
    return leaf.value


class Searcher:
    def __init__(self, net_size, processes=2):
        self.net_size = net_size
        self.processes = processes

    def evaluate(self, leaves):
        with multiprocessing.Pool(self.processes, initializer=init_worker, initargs=(self.net_size,)) as pool:
            return pool.map(update, leaves)


if __name__ == "__main__":
    leaves = [Leaf([i % 3 for i in range(8)], turn=bool(k % 2)) for k in range(4)]
    searcher = Searcher(8)
    print("RESULT=%s" % [round(v, 3) for v in searcher.evaluate(leaves)])
