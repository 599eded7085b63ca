"""fast-carpenter-like stages: group the events of a chunk and reduce every group."""
from collections import defaultdict


class GroupBy:
    def __init__(self, rows, key):
        self.groups = defaultdict(list)
        for row in rows:
            self.groups[row[key]].append(row)

    def agg(self, method, column):
        return {k: method([r[column] for r in v]) for k, v in sorted(self.groups.items())}

    def nth(self, index, column):
        return {k: v[index][column] for k, v in sorted(self.groups.items()) if len(v) > abs(index)}


class ReduceStage:
    def __init__(self, name, key, column, reduction):
        self.name = name
        self.key = key
        self.column = column
        self.reduction = reduction   # a callable taking (GroupBy, column)

    def apply(self, rows):
        return self.reduction(GroupBy(rows, self.key), self.column)


def make_chunks(n_chunks=3, per_chunk=12):
    return [[{"event": c * per_chunk + i, "jet": i % 4, "pt": float((c * 31 + i * 7) % 50)}
             for i in range(per_chunk)] for c in range(n_chunks)]


STAGE_CONFIG = [
    {"name": "leading_pt", "key": "jet", "column": "pt", "reduce": 0},
    {"name": "sum_pt", "key": "jet", "column": "pt", "reduce": "sum"},
    {"name": "max_pt", "key": "jet", "column": "pt", "reduce": "max"},
    {"name": "zero_pt", "key": "jet", "column": "pt", "reduce": "count_zero"},
]
