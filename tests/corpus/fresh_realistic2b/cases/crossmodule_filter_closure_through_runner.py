# family: crossmodule
# hazard: unpicklable-callable
# line: 30
# files: reportkit/__init__.py reportkit/filters.py reportkit/runner.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/RedHatInsights/insights-mcp/pull/37 ("Move server_worker function from nested to module level to fix multiprocessing pickle errors ... Can't get local object"), across a package: the big-spender report builds its predicate with reportkit.filters.above(threshold), a factory returning a nested function, stores it on the report object and hands it to reportkit.runner.run_parallel, which maps it on a Pool; pool tasks pickle the function under every start method ("Can't pickle local object 'above.<locals>.keep'").
"""List the customers whose orders are above a threshold.

Usage: big_spenders.py [--min AMOUNT]
"""
import argparse
import sys

from reportkit import filters, runner

ORDERS = [
    {"customer": "ann", "amount": "120.0"},
    {"customer": "bob", "amount": "15.5"},
    {"customer": "cy", "amount": "310.0"},
    {"customer": "dee", "amount": "99.9"},
]


class SpenderReport:
    def __init__(self, minimum):
        self.minimum = minimum
        self.predicate = filters.above(minimum)

    def run(self, orders):
        keep = runner.run_parallel(self.predicate, orders)
        return [o["customer"] for o, k in zip(orders, keep) if k]


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--min", type=float, default=100.0)
    args = parser.parse_args(argv)
    report = SpenderReport(args.min)
    print("RESULT=" + ",".join(report.run(ORDERS)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
