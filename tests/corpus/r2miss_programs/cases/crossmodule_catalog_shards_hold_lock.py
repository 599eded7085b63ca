# family: crossmodule
# hazard: unpicklable-argument
# line: 23 r2kit/catalog.py:9
# files: r2kit/__init__.py r2kit/catalog.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: r2miss model: the pool's iterable is a list kept by an object of another project module, filled by its method with objects that each hold an RLock; pickling each task argument fails.
"""Count the rows of every shard in parallel."""
import multiprocessing
import sys

from r2kit.catalog import Catalog


def count_rows(shard):
    return shard.count()


def main():
    catalog = Catalog("events")
    catalog.add_shard("events-0.parquet", 120)
    catalog.add_shard("events-1.parquet", 80)
    with multiprocessing.Pool(2) as pool:
        counts = pool.map(count_rows, catalog.shards)
    print("RESULT=%s" % sum(counts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
