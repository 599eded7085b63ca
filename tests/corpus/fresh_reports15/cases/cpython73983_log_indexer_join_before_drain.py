# family: queue
# hazard: join-before-drain
# line: 24 25 42
# files: r15kit/indexer.py
# timeout: 12
# expect: fork=deadlock spawn=deadlock forkserver=deadlock
# note: https://github.com/python/cpython/issues/73983 -- "Deadlock with multiprocessing.Queue()" (bpo-29797, closed as not a bug): the child puts 10000 items on a Queue and the parent calls join() before reading them; the child cannot exit until its feeder thread has flushed everything into the pipe, and the pipe is full, so both wait forever (Tim Peters: get() all the items before joining)
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
        for proc in self.workers:
            proc.join()
        return self.collect()


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
