# family: returns
# hazard: unpicklable-exception
# line: 37 43
# expect: fork=broken_process_pool spawn=broken_process_pool forkserver=broken_process_pool
# note: Shape of https://github.com/uqfoundation/multiprocess/issues/33 ("Returning certain types of custom exceptions from Pool.map callbacks causes a hang": a custom exception whose constructor arity differs from what it passes up). A CSV validator returns its ValidationError objects as values (errors are collected, not raised); ValidationError.__init__(row, column, reason) passes one message string to Exception.__init__, so unpickling the result in the parent calls it with one argument: TypeError, and ProcessPoolExecutor reports BrokenProcessPool under every start method.
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
        super().__init__(f"row {row}, column {column}: {reason}")
        self.row = row
        self.column = column
        self.reason = reason


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
