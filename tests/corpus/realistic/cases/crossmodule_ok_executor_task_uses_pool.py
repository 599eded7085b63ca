# family: crossmodule
# hazard: none
# line: none
# files: appkit/batching.py
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss of crossmodule_pool_in_pool_task: the same appkit.batching.process_batch opens a Pool inside the task, but the outer executor is a ProcessPoolExecutor, whose workers are not daemonic, so the nested pool may start. Modelled on https://github.com/marimo-team/marimo/pull/487 (kernel process made non-daemonic so it may create children).
"""Sum squares of many numbers, batch by batch.

Usage: crossmodule_ok_executor_task_uses_pool.py [--count N] [--batch-size B] [--workers W]
"""
import argparse
import concurrent.futures

from appkit import batching


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description="sum of squares, batched")
    parser.add_argument("--count", type=int, default=12)
    parser.add_argument("--batch-size", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    return parser.parse_args(argv)


def report(batches, partial_sums):
    for batch, value in zip(batches, partial_sums):
        print(f"batch {batch[0]:>3}..{batch[-1]:<3} -> {value}")
    print("total", sum(partial_sums))


def main(argv=None):
    args = parse_args(argv)
    numbers = list(range(args.count))
    batches = batching.split(numbers, args.batch_size)
    with concurrent.futures.ProcessPoolExecutor(max_workers=args.workers) as pool:
        partial_sums = list(pool.map(batching.process_batch, batches))
    report(batches, partial_sums)


if __name__ == "__main__":
    main()
