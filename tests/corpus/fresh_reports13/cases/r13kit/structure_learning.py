"""SPFlow-like structure learning: the row/column splits of a node are evaluated in a process
pool that the module creates when it is imported."""
import multiprocessing
from collections import deque

from r13kit.splitting import score_split, split_rows_kmeans

pool = multiprocessing.Pool(processes=2)


def learn_structure(data, scopes, min_instances_slice=4):
    tasks = deque([(scope, data) for scope in scopes])
    nodes = []
    while tasks:
        batch = [tasks.popleft() for _ in range(len(tasks))]
        for scope, score in pool.map(score_split, batch):
            rows = dict(batch)[scope]
            if len(rows) <= min_instances_slice or score < 1.0:
                nodes.append(("leaf", scope, len(rows)))
                continue
            nodes.append(("sum", scope, len(rows)))
            for cluster in split_rows_kmeans(rows):
                tasks.append((scope + (len(nodes),), cluster))
    return nodes
