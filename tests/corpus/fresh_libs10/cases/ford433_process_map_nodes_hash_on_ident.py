# family: results
# hazard: result-unpickle-hash-before-state
# line: 23 l10kit/ford_graphs.py:16
# files: l10kit/ford_sources.py l10kit/ford_graphs.py
# expect: fork=broken_process_pool spawn=broken_process_pool forkserver=broken_process_pool
# note: https://github.com/Fortran-FOSS-Programmers/ford/pull/433 -- 'use tqdm.contrib.concurrent.process_map instead of multiprocessing.Pool.map. This crashes instead of hanging ... graphs.BaseNode.__hash__ uses self.ident, but this causes issues when unpickling': graph nodes returned by the workers link both ways through sets; unpickling a node's state re-hashes the half-built parent, which has no ident yet (AttributeError in the parent's result reader, reported as a broken pool)
"""ford: build the module dependency graphs of a project in worker processes, with a progress bar."""
import argparse

from tqdm.contrib.concurrent import process_map

from l10kit.ford_graphs import build_module_graph
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
