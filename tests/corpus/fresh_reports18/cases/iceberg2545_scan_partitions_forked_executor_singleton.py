# family: threads
# hazard: forked-child-reuses-parent-thread-pool-singleton
# line: 36 37
# files: r22kit/executor_factory.py r22kit/table_scan.py
# timeout: 12
# expect: fork=deadlock spawn=ok forkserver=ok
# note: https://github.com/apache/iceberg-python/issues/2545 -- "ExecutorFactory is not compatible with fork multiprocessing": ExecutorFactory.get_or_create() keeps one ThreadPoolExecutor in a class attribute; once the parent has used it, a forked ProcessPoolExecutor worker inherits the executor but not its thread, its idle semaphore says a worker is free, and executor.submit(...).result() in the child waits forever ("Hangs since fork + singleton executor does not work")
"""Plan a table scan with the library's thread pool, then count partitions in worker processes."""
import argparse
import sys
from concurrent.futures import ProcessPoolExecutor

from r22kit import table_scan
from r22kit.executor_factory import ExecutorFactory


def scan_partition(partition_rows):
    """Runs in a worker process: the library reads data files with its own thread pool."""
    executor = ExecutorFactory.get_or_create()
    future = executor.submit(table_scan.count_rows, partition_rows)
    return future.result()


def plan(manifests):
    executor = ExecutorFactory.get_or_create()
    return table_scan.plan_files(executor, manifests)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("manifests", nargs="*", default=["m1", "m2"])
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    entries = plan(args.manifests)          # the parent uses the shared thread pool first
    with ProcessPoolExecutor(max_workers=args.workers) as process_executor:
        counts = list(process_executor.map(scan_partition, entries))

    total = sum(counts)
    print(f"RESULT={len(entries)}:{total}")
    return 0 if total == 29 else 3


if __name__ == "__main__":
    sys.exit(main())
