# family: dataclass
# hazard: unpicklable-argument
# line: 48
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/python/cpython/issues/144782 (an object that looks like plain data -- there an ArgumentParser -- fails to pickle because of something it holds inside) in a log-ingest job: a Batch dataclass whose `rows` field defaults to an empty tuple but is filled by a reader method with a generator expression over the file's lines. Pool.apply_async pickles the batch for the task under every start method: "cannot pickle 'generator' object".
"""Count status codes in access-log batches on a worker pool."""
import collections
import multiprocessing
import os
import sys
import tempfile
from dataclasses import dataclass, field
from typing import Iterable


@dataclass
class Batch:
    source: str
    rows: Iterable = ()
    tags: list = field(default_factory=list)


class LogReader:
    def __init__(self, path):
        self.path = path

    def batches(self, size):
        with open(self.path, encoding="utf-8") as fh:
            lines = fh.read().splitlines()
        for start in range(0, len(lines), size):
            chunk = lines[start:start + size]
            yield Batch(self.path, rows=(line.split()[-1] for line in chunk), tags=["access"])


def count_codes(batch):
    return collections.Counter(batch.rows)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "access.log")
        with open(path, "w", encoding="utf-8") as fh:
            for i in range(40):
                fh.write(f"10.0.0.{i % 7} GET /p{i} {200 if i % 5 else 404}\n")
        reader = LogReader(path)
        total = collections.Counter()
        with multiprocessing.Pool(2) as pool:
            pending = [pool.apply_async(count_codes, (b,)) for b in reader.batches(10)]
            for res in pending:
                total.update(res.get(timeout=10))
    print(f"RESULT={sorted(total.items())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
