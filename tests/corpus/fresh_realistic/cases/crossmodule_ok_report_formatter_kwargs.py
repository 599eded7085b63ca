# family: crossmodule
# hazard: none
# line: none
# files: shopkit/__init__.py shopkit/reports.py
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss, the fix suggested in https://github.com/multiply-org/atmospheric_correction/issues/12 ("if a nested function doesn't rely on the local variable of the parent's scope, put this function on the top scope"): the formatter travels through build_report(**options) into a functools.partial that is a Pool task, but it is a module-level function of the script, so it pickles by name (the script is re-imported as __mp_main__ under spawn and forkserver).
"""Daily sales report.

Usage: sales_report.py [--currency EUR]
"""
import argparse

from shopkit import reports

ORDERS = [
    {"id": 3, "customer": "ACME", "total": 30.0},
    {"id": 1, "customer": "Initech", "total": 12.5},
    {"id": 2, "customer": "Umbrella", "total": 99.9},
]


def format_line(order, currency):
    return f"#{order['id']:04d} {order['customer']:<10} {order['total']:>8.2f} {currency}"


def parse_args(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--currency", default="EUR")
    parser.add_argument("--processes", type=int, default=2)
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    options = {"formatter": format_line, "currency": args.currency}
    lines = reports.build_report(ORDERS, processes=args.processes, **options)
    for line in lines:
        print(line)
    print("RESULT=%d" % len(lines))


if __name__ == "__main__":
    main()
