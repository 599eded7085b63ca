# family: returns
# hazard: unpicklable-return
# line: 38
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/pints-team/pints/issues/1233's evaluator pattern (each task returns what the parent needs to combine) where the worker's helper returns a lazy generator "to save memory": load_rows() returns (header, generator) and the task returns it unchanged. ProcessPoolExecutor pickles results under every start method: "cannot pickle 'generator' object", re-raised by future.result().
"""Load several CSV shards in worker processes and print their headers and row counts.

Usage: load_shards.py [--shards N]
"""
import argparse
from concurrent.futures import ProcessPoolExecutor, as_completed


def shard_text(n):
    rows = "\n".join(f"{n},{i},{i * n}" for i in range(4))
    return "shard,row,value\n" + rows + "\n"


def load_rows(text):
    lines = text.splitlines()
    header = lines[0].split(",")
    rows = (line.split(",") for line in lines[1:] if line)
    return header, rows


def load_shard(n):
    return n, load_rows(shard_text(n))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--shards", type=int, default=3)
    args = parser.parse_args()

    with ProcessPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(load_shard, n) for n in range(args.shards)]
        for future in as_completed(futures):
            n, (header, rows) = future.result()
            print(n, header, sum(1 for _ in rows))


if __name__ == "__main__":
    main()
