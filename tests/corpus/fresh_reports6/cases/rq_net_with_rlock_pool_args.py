# family: args
# hazard: unpicklable-argument
# line: 35
# files: r6kit/netmodel.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: github.com/rq/rq/issues/1377 -- a chess engine maps update(L, net) over a Pool with the loaded network in every task tuple; the network guards predict() with a threading.RLock ("TypeError: cannot pickle '_thread.RLock' object").
import multiprocessing

from r6kit.netmodel import load_net


class Leaf:
    def __init__(self, board, turn):
        self.board = board
        self.turn = turn
        self.value = None

    def update_value(self, p):
        self.value = p


def update(leaf, net):
    p = net.predict(leaf.board)
    leaf.update_value(p if leaf.turn else 1 - p)
    return leaf.value


class Searcher:
    def __init__(self, net, processes=2):
        self.net = net
        self.processes = processes

    def evaluate(self, leaves):
        with multiprocessing.Pool(self.processes) as pool:
            return pool.starmap(update, [(leaf, self.net) for leaf in leaves])


if __name__ == "__main__":
    leaves = [Leaf([i % 3 for i in range(8)], turn=bool(k % 2)) for k in range(4)]
    searcher = Searcher(load_net())
    print("RESULT=%s" % [round(v, 3) for v in searcher.evaluate(leaves)])
