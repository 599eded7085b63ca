# family: results
# hazard: none
# line: none
# files: l10kit/ford_sources.py l10kit/ford_graphs_fixed.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/Fortran-FOSS-Programmers/ford/pull/433 -- near miss: the node is rebuilt from its ident (a __reduce__ passing ident and name to a module-level rebuild function) before its links are restored, so re-hashing during unpickling works
"""ford: build the module dependency graphs in worker processes; nodes unpickle from their ident first (PR #433)."""
import argparse

from tqdm.contrib.concurrent import process_map

from l10kit.ford_graphs_fixed import build_module_graph
from l10kit.ford_sources import module_names


class GraphManager:
    def __init__(self, parallel):
        self.parallel = parallel
        self.graphs = {}

    def register(self, names):
        if self.parallel > 1:
            nodes = process_map(build_module_graph, names,
                                max_workers=self.parallel, disable=True)
        else:
            nodes = [build_module_graph(n) for n in names]
        for node in nodes:
            self.graphs[node.name] = node

    def edge_count(self):
        return sum(len(node.uses) for node in self.graphs.values())


def main():
    parser = argparse.ArgumentParser(description="ford graph stage")
    parser.add_argument("--parallel", type=int, default=2)
    args = parser.parse_args()
    manager = GraphManager(args.parallel)
    manager.register(module_names())
    print(f"RESULT={manager.edge_count()}")


if __name__ == "__main__":
    main()
