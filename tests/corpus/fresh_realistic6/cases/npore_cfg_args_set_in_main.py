# family: globals
# hazard: parent-state-not-inherited
# line: 52
# expect: fork=ok spawn=error:AttributeError forkserver=error:AttributeError
# timeout: 20
# note: https://github.com/TimD1/nPoRe/issues/1 -- realign.py stores the parsed command line in the global cfg.args after parsing and the confusion-matrix workers read cfg.args.max_n; on macOS (spawn) the pool workers see cfg.args as None ("'NoneType' object has no attribute 'max_n'")
"""Realign reads around homopolymers: count confusion matrices per chunk in a pool."""
import argparse
import multiprocessing
from collections import Counter

from opskit import cfg

READS = ["AAAACCGTTT", "AAACCGGTTTT", "ACCCCGTT", "AAAAAACG"]


def homopolymer_runs(seq):
    runs, prev, n = [], None, 0
    for base in seq:
        if base == prev:
            n += 1
        else:
            if prev is not None:
                runs.append((prev, n))
            prev, n = base, 1
    runs.append((prev, n))
    return runs


def calc_confusion_matrices(chunk):
    """Counts homopolymer lengths up to cfg.args.max_n for one chunk of reads."""
    counts = Counter()
    for read in chunk:
        for base, n in homopolymer_runs(read):
            counts[(base, min(n, cfg.args.max_n))] += 1
    return counts


def chunks(items, size):
    return [items[i:i + size] for i in range(0, len(items), size)]


def argparser():
    parser = argparse.ArgumentParser(description="nPoRe-style realignment")
    parser.add_argument("--max_n", type=int, default=4)
    parser.add_argument("--chunk_size", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    return parser


def main():
    cfg.args = argparser().parse_args([])  # ANCHOR
    print("> calculating confusion matrices")
    total = Counter()
    with multiprocessing.Pool(cfg.args.threads) as pool:
        for counts in pool.imap_unordered(calc_confusion_matrices,
                                          chunks(READS, cfg.args.chunk_size)):
            total.update(counts)
    capped = total[("A", cfg.args.max_n)]
    print(f"RESULT={sum(total.values())},{capped}")
    return 0 if (sum(total.values()), capped) == (15, 2) else 3


if __name__ == "__main__":
    raise SystemExit(main())
