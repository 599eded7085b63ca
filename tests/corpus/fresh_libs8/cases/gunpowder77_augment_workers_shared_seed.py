# family: state
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/funkelab/gunpowder/pull/77 -- numpy seeds its global RandomState when it is imported, so forked batch workers all copy the parent's state and draw the same "random" augmentations (spawned workers import numpy afresh); this program is gunpowder's PreCache-style worker processes drawing elastic-augment offsets before the PR reseeded each worker, and with the numpy installed here (2.x) forked workers no longer repeat the parent's draws, so it runs right under every start method (a false friend for an inherited-RNG model)
"""Pre-cache augmented batches with several worker processes."""
import multiprocessing as mp
import sys
from dataclasses import dataclass, field

import numpy as np


@dataclass
class ElasticAugment:
    control_point_spacing: tuple = (4, 4)
    jitter_sigma: float = 2.0

    def sample_offsets(self, n):
        return np.random.normal(0.0, self.jitter_sigma, size=(n, 2)).round(3)


@dataclass
class BatchRequest:
    batch_id: int
    shape: tuple = (16, 16)
    extra: dict = field(default_factory=dict)


def produce_batches(worker_id, augment, requests, out_q):
    for request in requests:
        offsets = augment.sample_offsets(3)
        out_q.put((worker_id, request.batch_id, offsets.tobytes()))
    out_q.put((worker_id, None, None))


class PreCache:
    def __init__(self, augment, num_workers=3, cache_size=2):
        self.augment = augment
        self.num_workers = num_workers
        self.cache_size = cache_size
        self.workers = []

    def start(self, out_q):
        for worker_id in range(self.num_workers):
            requests = [BatchRequest(batch_id=worker_id * 10 + i) for i in range(self.cache_size)]
            worker = mp.Process(target=produce_batches, args=(worker_id, self.augment, requests, out_q))
            worker.start()
            self.workers.append(worker)

    def join(self):
        for worker in self.workers:
            worker.join(timeout=10)


def main():
    out_q = mp.Queue()
    cache = PreCache(ElasticAugment(), num_workers=3, cache_size=2)
    cache.start(out_q)
    done, first_draws = 0, {}
    while done < cache.num_workers:
        worker_id, batch_id, offsets = out_q.get(timeout=10)
        if batch_id is None:
            done += 1
        elif worker_id not in first_draws:
            first_draws[worker_id] = offsets
    cache.join()
    distinct = len(set(first_draws.values()))
    print("RESULT=%d" % distinct)
    return 0 if distinct == cache.num_workers else 3


if __name__ == "__main__":
    sys.exit(main())
