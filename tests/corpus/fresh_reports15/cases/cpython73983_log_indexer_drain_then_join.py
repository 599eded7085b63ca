# family: queue
# hazard: none
# line: none
# files: r15kit/indexer.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/python/cpython/issues/73983 -- the answer in the thread (and the "Joining processes that use queues" guideline it points to): read every item off the queue first, here until each shard has sent its DONE marker, and only then join the workers
import argparse
import multiprocessing
import sys
from collections import Counter

from r15kit.indexer import DONE, Shard, index_worker


class IndexJob:
    def __init__(self, shards):
        self.shards = shards
        self.queue = multiprocessing.Queue()
        self.workers = []

    def start(self):
        for shard in self.shards:
            proc = multiprocessing.Process(target=index_worker, args=(shard, self.queue))
            proc.start()
            self.workers.append(proc)

    def collect(self):
        levels = Counter()
        finished = 0
        while finished < len(self.shards):
            shard_id, seq, level, size = self.queue.get()
            if level == DONE:
                finished += 1
            else:
                levels[level] += 1
        return levels

    def run(self):
        self.start()
        levels = self.collect()
        for proc in self.workers:
            proc.join()
        return levels


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--shards", type=int, default=2)
    parser.add_argument("--lines", type=int, default=5000)
    args = parser.parse_args(argv)
    shards = [Shard(i, args.lines) for i in range(args.shards)]
    levels = IndexJob(shards).run()
    total = sum(levels.values())
    print(f"RESULT={total}:{levels['ERROR']}")
    return 0 if total == args.shards * args.lines else 3


if __name__ == "__main__":
    sys.exit(main())
