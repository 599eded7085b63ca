# family: controlflow
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss, the fix the multiprocessing guidelines give for https://github.com/TheDataLeek/black-arrow/issues/17-style hangs: the same shard scanner reads one result per scanner from the queue first and joins afterwards, so the feeder threads can flush the large match lists and the children exit.
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
    found = {}
    while len(found) < args.shards:
        shard, matches = out.get(timeout=15)
        found[shard] = len(matches)
    for proc in scanners:
        proc.join()
    print(f"RESULT={sum(found.values())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
