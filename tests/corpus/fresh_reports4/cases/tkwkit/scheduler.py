import multiprocessing
import os

from . import graph_utils


class ModuloScheduler:
    def __init__(self, edges, num_nodes):
        self.edges = edges
        self.num_nodes = num_nodes

    def schedule_graph(self):
        processes = min(2, os.cpu_count() or 1)
        with multiprocessing.Pool(processes) as pool:
            D = graph_utils.all_pairs_longest_paths(self.edges, self.num_nodes, pool)
        return max(max(row) for row in D)
