# family: crossmodule
# hazard: none
# line: none
# files: reportkit/__init__.py reportkit/filters.py reportkit/runner.py
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss of https://github.com/RedHatInsights/insights-mcp/pull/37: the refund report stores the module-level reportkit.filters.is_positive on the report object and hands it to reportkit.runner.run_parallel; a module-level function of an importable module pickles by name under every start method.
"""List the customers with a positive balance after refunds."""
import sys

from reportkit import filters, runner

BALANCES = [
    {"customer": "ann", "amount": "12.0"},
    {"customer": "bob", "amount": "-3.5"},
    {"customer": "cy", "amount": "0"},
    {"customer": "dee", "amount": "7.25"},
]


class RefundReport:
    def __init__(self):
        self.predicate = filters.is_positive

    def run(self, rows):
        keep = runner.run_parallel(self.predicate, rows)
        return [r["customer"] for r, k in zip(rows, keep) if k]


def main():
    print("RESULT=" + ",".join(RefundReport().run(BALANCES)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
