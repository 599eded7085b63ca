# family: crossmodule
# hazard: none
# line: none
# files: ingestkit/__init__.py ingestkit/config.py ingestkit/sinks.py ingestkit/runner.py ingestkit/parse.py ingestkit/state.py ingestkit/errors.py
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss for https://github.com/dask/distributed/issues/4464 (the maintainers' advice: pass what is needed to reconnect, not the connection): make_sink(..., lazy=True) returns a SinkSpec holding only the path, and each shard process opens its own FileSink from it.
"""Ingest sensor shards into one CSV file, a process per shard.

Usage: ingest_shards.py [--out DIR]
"""
import argparse
import tempfile

from ingestkit.runner import run_workers
from ingestkit.sinks import make_sink

SHARDS = [["t1,20", "t2,21"], ["t3,19"], ["t4,22", "t5,23"]]


def ingest_shard(lines, spec):
    sink = spec.open()
    try:
        for line in lines:
            name, value = line.split(",")
            sink.write((name, int(value) * 10))
    finally:
        sink.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=None)
    args = parser.parse_args()
    out_dir = args.out or tempfile.mkdtemp(prefix="ingest-")

    spec = make_sink(out_dir, "readings", lazy=True)
    codes = run_workers(ingest_shard, SHARDS, spec)
    print("exit codes", codes)
    with open(spec.path) as fh:
        print(len(fh.read().splitlines()), "rows")


if __name__ == "__main__":
    main()
