# family: crossmodule
# hazard: unpicklable-argument
# line: ingestkit/runner.py:12
# files: ingestkit/__init__.py ingestkit/config.py ingestkit/sinks.py ingestkit/runner.py ingestkit/parse.py ingestkit/state.py ingestkit/errors.py
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/dask/distributed/issues/4464 (an object holding a live connection handed to the scheduler: "can't pickle sqlite3.Connection objects"), with a file instead: the job asks ingestkit.sinks.make_sink() for a FileSink (which opens its file in __init__) and passes it to ingestkit.runner.run_workers(), which starts one Process per shard with the sink in args. Fork inherits it; spawn/forkserver: "cannot pickle '_io.TextIOWrapper' object".
"""Ingest sensor shards into one CSV file, a process per shard.

Usage: ingest_shards.py [--out DIR]
"""
import argparse
import tempfile

from ingestkit.runner import run_workers
from ingestkit.sinks import make_sink

SHARDS = [["t1,20", "t2,21"], ["t3,19"], ["t4,22", "t5,23"]]


def ingest_shard(lines, sink):
    for line in lines:
        name, value = line.split(",")
        sink.write((name, int(value) * 10))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=None)
    args = parser.parse_args()
    out_dir = args.out or tempfile.mkdtemp(prefix="ingest-")

    sink = make_sink(out_dir, "readings")
    codes = run_workers(ingest_shard, SHARDS, sink)
    sink.close()
    print("exit codes", codes)
    with open(sink.path) as fh:
        print(len(fh.read().splitlines()), "rows")


if __name__ == "__main__":
    main()
