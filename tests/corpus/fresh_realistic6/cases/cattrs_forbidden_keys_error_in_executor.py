# family: results
# hazard: unpicklable-exception
# line: opskit/structure.py:22
# files: opskit/structure.py
# expect: fork=broken_process_pool spawn=broken_process_pool forkserver=broken_process_pool
# timeout: 20
# note: https://github.com/python-attrs/cattrs/pull/666 -- cattrs' ForbiddenExtraKeysError(message, cl, extra_fields) passed only the message to BaseException.__init__, so the error could not be unpickled; an ETL job structuring records in a ProcessPoolExecutor gets its pool broken when a record has an extra key
"""ETL: structure raw JSON records into typed rows in worker processes, then load them into sqlite."""
import json
import sqlite3
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from opskit.structure import structure

RAW = [
    '{"sku": "A-1", "qty": 3, "price": 2.5}',
    '{"sku": "B-7", "qty": 1, "price": 10.0}',
    '{"sku": "C-3", "qty": 2, "price": 4.0, "coupon": "XMAS"}',
]


@dataclass
class OrderLine:
    sku: str
    qty: int
    price: float


def transform(raw):
    return structure(json.loads(raw), OrderLine)


class Loader:
    def __init__(self):
        self.db = sqlite3.connect(":memory:")
        self.db.execute("CREATE TABLE lines (sku TEXT, qty INTEGER, price REAL)")

    def load(self, lines):
        self.db.executemany("INSERT INTO lines VALUES (?, ?, ?)",
                            [(l.sku, l.qty, l.price) for l in lines])
        return self.db.execute("SELECT COUNT(*) FROM lines").fetchone()[0]


def run(raw_records, workers=2):
    rejected = []
    lines = []
    with ProcessPoolExecutor(max_workers=workers) as executor:
        futures = [executor.submit(transform, raw) for raw in raw_records]
        for future in futures:
            try:
                lines.append(future.result(timeout=10))
            except ValueError as exc:
                rejected.append(str(exc))
            except Exception as exc:
                if type(exc).__name__ != "ForbiddenExtraKeysError":
                    raise
                rejected.append(str(exc))
    return Loader().load(lines), rejected


def main():
    loaded, rejected = run(RAW)
    print(f"RESULT={loaded},{len(rejected)}")
    return 0 if (loaded, len(rejected)) == (2, 1) else 3


if __name__ == "__main__":
    sys.exit(main())
