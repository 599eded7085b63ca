# family: calls
# hazard: unpicklable-callable
# line: 30
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/snowflakedb/SnowAlert/issues/364's runner (`Pool(DC_POOLSIZE).map(connection_run, tables)` behind a generic `main(**kwargs)` entry point) crossed with the lambda-in-the-arguments reports: a generic `parallel_sort(chunks, workers=2, **sort_opts)` helper forwards its keyword options into every starmap task; the caller passes `key=lambda row: row[1]`, which Pool pickles under every start method.
"""Sort large log extracts in chunks across processes, then merge them.

Usage: sort_logs.py [--workers N] [--reverse]
"""
import argparse
import heapq
import multiprocessing

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

    for row in parallel_sort(LINES, workers=args.workers, key=lambda row: row[1], reverse=args.reverse):
        print(*row)


if __name__ == "__main__":
    main()
