# family: queue
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: github.com/pytorch/translate/pull/285 -- the merged change: one item per worker is taken off the output queue before the workers are joined.
import multiprocessing
from dataclasses import dataclass


@dataclass
class BinarizeJob:
    shard_id: int
    lines: list


def binarize_shard(job, output_queue):
    ids = [[hash((job.shard_id, i, tok)) % 32000 for tok in line.split()] for i, line in enumerate(job.lines)]
    output_queue.put((job.shard_id, ids))


def make_jobs(num_shards, lines_per_shard=8000):
    return [BinarizeJob(s, ["tok%d %d word %d" % (s, i, i * s) for i in range(lines_per_shard)]) for s in range(num_shards)]


class ParallelBinarizer:
    def __init__(self, num_workers=2):
        self.num_workers = num_workers
        self.output_queue = multiprocessing.Queue()

    def run(self, jobs):
        procs = [multiprocessing.Process(target=binarize_shard, args=(job, self.output_queue)) for job in jobs]
        for proc in procs:
            proc.start()
        results = dict(self.output_queue.get() for _ in procs)
        for proc in procs:
            proc.join()
        return [len(results[s]) for s in sorted(results)]


if __name__ == "__main__":
    binarizer = ParallelBinarizer()
    print("RESULT=%s" % binarizer.run(make_jobs(2)))
