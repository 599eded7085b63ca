# family: crossmodule
# hazard: daemon-children
# line: appkit/batching.py:11
# files: appkit/batching.py
# expect: fork=daemon_children spawn=daemon_children forkserver=daemon_children
# note: The outer Pool maps appkit.batching.process_batch, which opens its own Pool inside the task; Pool workers are daemonic and may not have children. Modelled on https://github.com/ThilinaRajapakse/simpletransformers/issues/1247 (a library function creating a Pool, called from inside a daemonic worker).
"""Sum squares of many numbers, batch by batch.

Usage: crossmodule_pool_in_pool_task.py [--count N] [--batch-size B] [--workers W]
"""
import argparse
import multiprocessing

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
    with multiprocessing.Pool(args.workers) as pool:
        partial_sums = pool.map(batching.process_batch, batches)
    report(batches, partial_sums)


if __name__ == "__main__":
    main()
