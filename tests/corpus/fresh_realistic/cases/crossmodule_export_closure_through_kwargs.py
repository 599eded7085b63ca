# family: crossmodule
# hazard: unpicklable-argument
# line: shopkit/workers.py:13 shopkit/workers.py:14 42
# files: shopkit/__init__.py shopkit/export.py shopkit/workers.py
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/multiply-org/atmospheric_correction/issues/12 ("Can't pickle local object 'writeBuf.<locals>.write'", nested helpers handed from one module of the package into another's multiprocessing code) and https://github.com/caktus/fabulaws/issues/92 (fabric's nested `inner` only failing from Python 3.8 on macOS). The CLI builds a currency converter closure and passes it as transform= through run_export(**options) into shopkit.workers.fan_out, which puts it in Process(args=...); spawn/forkserver fail on "make_converter.<locals>.convert".
"""Nightly export of orders in the customer's currency.

Usage: export_orders.py [--currency USD]
"""
import argparse
import json

from shopkit import export

ORDERS = [
    {"id": 3, "total_eur": 30.0},
    {"id": 1, "total_eur": 12.5},
    {"id": 2, "total_eur": 99.9},
]
RATES = {"USD": 1.1, "GBP": 0.85, "EUR": 1.0}


def make_converter(currency):
    rate = RATES[currency]

    def convert(order):
        return f"{order['total_eur'] * rate:.2f} {currency}"
    return convert


def parse_args(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--currency", default="USD", choices=sorted(RATES))
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    orders = [dict(o) for o in ORDERS]
    to_currency = make_converter(args.currency)
    rows = export.run_export(orders, chunk_size=2, transform=to_currency)
    print("RESULT=%s" % json.dumps(rows))


if __name__ == "__main__":
    main()
