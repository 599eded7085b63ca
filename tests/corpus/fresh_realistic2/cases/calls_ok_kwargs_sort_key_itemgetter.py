# family: calls
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss for https://github.com/snowflakedb/SnowAlert/issues/364-style generic runners: the same `parallel_sort(rows, **sort_opts)` helper forwards `key=operator.itemgetter(1)`, which pickles (itemgetter has __reduce__), so the starmap tasks cross under every start method.
"""Sort large log extracts in chunks across processes, then merge them.

Usage: sort_logs.py [--workers N] [--reverse]
"""
import argparse
import heapq
import multiprocessing
import operator

LINES = [
    ("2026-12-01T10:00", "warn", 17),
    ("2026-12-01T09:00", "error", 3),
    ("2026-12-01T11:30", "info", 99),
    ("2026-12-01T08:15", "error", 5),
    ("2026-12-01T12:45", "info", 1),
]


def sort_chunk(chunk, opts):
    return sorted(chunk, **opts)


def parallel_sort(rows, workers=2, chunk=2, **sort_opts):
    chunks = [rows[i:i + chunk] for i in range(0, len(rows), chunk)]
    with multiprocessing.Pool(workers) as pool:
        parts = pool.starmap(sort_chunk, [(c, sort_opts) for c in chunks])
    return list(heapq.merge(*parts, **sort_opts))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--reverse", action="store_true")
    args = parser.parse_args()

    for row in parallel_sort(LINES, workers=args.workers, key=operator.itemgetter(1), reverse=args.reverse):
        print(*row)


if __name__ == "__main__":
    main()
