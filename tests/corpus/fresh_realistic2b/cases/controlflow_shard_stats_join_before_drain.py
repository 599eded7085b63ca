# family: controlflow
# hazard: queue-join-deadlock
# line: 38
# timeout: 10
# expect: fork=deadlock spawn=deadlock forkserver=deadlock
# note: Shape of https://github.com/TheDataLeek/black-arrow/issues/17 ("the final .join() call in main hangs ... related to the number of matches and not to the number of files ... I'm suspicious that a queue is holding a process open"). A log-shard scanner starts one process per shard, each putting its list of matching lines on a shared Queue; main() joins every scanner first and only then reads the queue. The matches exceed the pipe buffer, so the children never finish flushing and the first join never returns, under every start method.
"""Grep every shard of a (generated) log for a pattern, shards in parallel.

Usage: shardgrep.py [--pattern WORD] [--shards N]
"""
import argparse
import multiprocessing
import sys


def shard_lines(shard, count=4000):
    for i in range(count):
        level = "ERROR" if i % 3 == 0 else "INFO"
        yield f"shard={shard} seq={i} level={level} payload={'x' * 40}"


def scan(shard, pattern, out):
    matches = [line for line in shard_lines(shard) if pattern in line]
    out.put((shard, matches))


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--pattern", default="ERROR")
    parser.add_argument("--shards", type=int, default=3)
    args = parser.parse_args(argv)
    out = multiprocessing.Queue()
    scanners = [multiprocessing.Process(target=scan, args=(s, args.pattern, out))
                for s in range(args.shards)]
    for proc in scanners:
        proc.start()
    for proc in scanners:
        proc.join()
    found = {}
    while len(found) < args.shards:
        shard, matches = out.get()
        found[shard] = len(matches)
    print(f"RESULT={sum(found.values())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
