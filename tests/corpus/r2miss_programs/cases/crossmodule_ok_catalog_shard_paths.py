# family: crossmodule
# hazard: none
# line: none
# files: r2kit/__init__.py r2kit/catalog.py
# expect: fork=ok spawn=ok forkserver=ok
# note: r2miss near miss: the same catalog; the tasks get each shard's path and row count, not the shard.
"""Count the rows of every shard in parallel."""
import multiprocessing
import sys

from r2kit.catalog import Catalog


def count_rows(item):
    path, rows = item
    return rows


def main():
    catalog = Catalog("events")
    catalog.add_shard("events-0.parquet", 120)
    catalog.add_shard("events-1.parquet", 80)
    with multiprocessing.Pool(2) as pool:
        counts = pool.map(count_rows, [(s.path, s.rows) for s in catalog.shards])
    print("RESULT=%s" % sum(counts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
