# family: callable
# hazard: none
# line: none
# files: l11kit/dag.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/cedricleroy/pyungo/pull/10 -- near miss: the PR's v0.5.1 runs the levels on multiprocess's Pool, which serialises the lambda nodes with dill
"""Compute a small pricing graph, running independent nodes in parallel with multiprocess."""
import multiprocess

from l11kit.dag import Node, levels, run_node


class Graph:
    def __init__(self, parallel=True, pool_size=2):
        self.nodes = []
        self.parallel = parallel
        self.pool_size = pool_size

    def add_node(self, fn, inputs, outputs):
        self.nodes.append(Node(fn, inputs, outputs))

    def calculate(self, data):
        data = dict(data)
        with multiprocess.Pool(self.pool_size) as pool:
            for level in levels(self.nodes, data):
                jobs = [pool.apply_async(run_node, (n, [data[i] for i in n.inputs]))
                        for n in level]
                for job in jobs:
                    data.update(job.get(timeout=30))
        return data


def build_graph():
    graph = Graph()
    graph.add_node(lambda price, qty: price * qty, ["price", "qty"], ["gross"])
    graph.add_node(lambda gross, rate: gross * rate, ["gross", "rate"], ["tax"])
    graph.add_node(lambda gross, tax: gross + tax, ["gross", "tax"], ["total"])
    return graph


if __name__ == "__main__":
    result = build_graph().calculate({"price": 4, "qty": 5, "rate": 0.5})
    print(f"RESULT={result['total']}")
