# family: results
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 20
# note: https://github.com/python-attrs/cattrs/pull/666 -- the workaround used until the PR landed: the worker catches the library's error and returns a plain rejection tuple (record, message), so only picklable values travel back from the pool
"""ETL: structure raw JSON records into typed rows in worker processes, then load them into sqlite."""
import json
import sqlite3
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from opskit.structure import BaseValidationError, structure

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
    try:
        return structure(json.loads(raw), OrderLine)
    except BaseValidationError as exc:
        return ("rejected", raw, str(exc))


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
            result = future.result(timeout=10)
            if isinstance(result, tuple) and result[0] == "rejected":
                rejected.append(result[2])
            else:
                lines.append(result)
    return Loader().load(lines), rejected


def main():
    loaded, rejected = run(RAW)
    print(f"RESULT={loaded},{len(rejected)}")
    return 0 if (loaded, len(rejected)) == (2, 1) else 3


if __name__ == "__main__":
    sys.exit(main())
