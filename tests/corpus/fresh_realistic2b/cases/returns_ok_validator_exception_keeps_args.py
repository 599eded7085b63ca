# family: returns
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss of https://github.com/uqfoundation/multiprocess/issues/33: the returned ValidationError passes all three constructor arguments to Exception.__init__ and formats its message in __str__, so pickle re-creates it with the same arguments and the executor delivers the list of problems under every start method.
"""Validate rows of a CSV file in parallel and list the problems."""
import csv
import io
import sys
from concurrent.futures import ProcessPoolExecutor

DATA = """sku,qty,price
A1,3,9.99
A2,-1,5.00
A3,2,abc
A4,1,1.50
"""


class ValidationError(Exception):
    def __init__(self, row, column, reason):
        super().__init__(row, column, reason)
        self.row = row
        self.column = column
        self.reason = reason

    def __str__(self):
        return f"row {self.row}, column {self.column}: {self.reason}"


def check_row(numbered):
    number, row = numbered
    problems = []
    if int(row["qty"]) < 0:
        problems.append(ValidationError(number, "qty", "negative quantity"))
    try:
        float(row["price"])
    except ValueError:
        problems.append(ValidationError(number, "price", "not a number"))
    return problems


def main():
    rows = list(csv.DictReader(io.StringIO(DATA)))
    with ProcessPoolExecutor(max_workers=2) as pool:
        found = [p for problems in pool.map(check_row, enumerate(rows, 2)) for p in problems]
    for problem in found:
        print("problem:", problem)
    print(f"RESULT={len(found)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
