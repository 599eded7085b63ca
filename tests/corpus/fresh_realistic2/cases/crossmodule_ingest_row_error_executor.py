# family: crossmodule
# hazard: unpicklable-exception
# line: ingestkit/parse.py:10 ingestkit/runner.py:21
# files: ingestkit/__init__.py ingestkit/config.py ingestkit/runner.py ingestkit/parse.py ingestkit/state.py ingestkit/errors.py
# expect: fork=broken_process_pool spawn=broken_process_pool forkserver=broken_process_pool
# note: Shape of https://github.com/agronholm/pythonfutures/issues/30 ("Raising an exception that is unable to be unpickled" in a ProcessPoolExecutor task: "a custom exception class that takes more than one argument to __init__"), through a package: the CLI hands ingestkit.parse.parse_line to ingestkit.runner.parse_all(), a bad line makes it raise ingestkit.errors.RowError(lineno, reason), whose __init__ passes only a message up; the executor cannot rebuild it and breaks.
"""Parse a readings file in parallel and print the totals per sensor.

Usage: parse_readings.py [--workers N]
"""
import argparse
from collections import Counter

from ingestkit.parse import parse_line
from ingestkit.runner import parse_all

TEXT = """t1,20
t2,21
t1,19
t3,n/a
t2,22
"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    totals = Counter()
    for name, value in parse_all(TEXT.splitlines(), parse_line, workers=args.workers):
        totals[name] += value
    for name, total in sorted(totals.items()):
        print(name, total)


if __name__ == "__main__":
    main()
