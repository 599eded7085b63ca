"""The structure learner of r13kit.structure_learning with the pool made per call, not on import."""
import multiprocessing
from collections import deque

from r13kit.splitting import score_split, split_rows_kmeans


def learn_structure(data, scopes, min_instances_slice=4, cpus=2):
    tasks = deque([(scope, data) for scope in scopes])
    nodes = []
    with multiprocessing.Pool(processes=cpus) as pool:
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
