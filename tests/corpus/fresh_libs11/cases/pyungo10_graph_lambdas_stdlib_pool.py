# family: callable
# hazard: lambda-nodes-to-stdlib-pool
# line: 26
# files: l11kit/dag.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/cedricleroy/pyungo/pull/10 -- "The standard Python multiprocessing library cannot Pickle (~serialize) objects easily, while multiprocess (a fork of multiprocessing) can": graph nodes are built from lambdas, and running a level of nodes on a multiprocessing pool pickles each Node with its lambda ("Can't pickle <function <lambda> ...>: attribute lookup <lambda> on __main__ failed")
"""Compute a small pricing graph, running independent nodes in parallel."""
import multiprocessing

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
        with multiprocessing.Pool(self.pool_size) as pool:
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
