# family: daemon
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/fhightower/ioc-finder/issues/62 -- the outer level is a ProcessPoolExecutor, whose workers are not daemonic (3.9+), so each shard may open its own Pool.
"""Shard runner: each shard is split into chunks that are scored in parallel."""
import multiprocessing as mp
import sys
from concurrent.futures import ProcessPoolExecutor

SHARDS = {"eu": list(range(0, 40)), "us": list(range(40, 100))}


def score(value):
    return value % 7


class ShardJob:
    def __init__(self, name, values, inner_workers=2):
        self.name = name
        self.values = values
        self.inner_workers = inner_workers

    def chunks(self, size=10):
        for start in range(0, len(self.values), size):
            yield self.values[start:start + size]

    def execute(self):
        total = 0
        with mp.Pool(self.inner_workers) as inner:
            for chunk in self.chunks():
                total += sum(inner.map(score, chunk))
        return self.name, total


def run_shard(item):
    name, values = item
    return ShardJob(name, values).execute()


def main():
    with ProcessPoolExecutor(max_workers=2) as outer:
        results = dict(outer.map(run_shard, sorted(SHARDS.items())))
    print("RESULT=" + str(results))
    expected = {n: sum(v % 7 for v in vals) for n, vals in SHARDS.items()}
    return 0 if results == expected else 3


if __name__ == "__main__":
    sys.exit(main())
