# family: controlflow
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss to the globals-set-in-main reports (https://github.com/rois-codh/kaokore/issues/5: download options set as globals under the main guard, None in spawned workers): here main() writes the chosen currency into os.environ before the pool exists and the worker reads it from the environment on every call; children inherit the environment under fork, spawn and forkserver alike (the forkserver is started when the pool is created, after the assignment).
"""Convert a price list to the currency given on the command line."""
import argparse
import multiprocessing
import os
import sys

RATES = {"EUR": 1.0, "USD": 1.1, "GBP": 0.85}
ENV_KEY = "PRICE_CURRENCY"


def current_currency():
    return os.environ.get(ENV_KEY, "EUR")


def convert(item):
    name, eur = item
    currency = current_currency()
    return name, round(eur * RATES[currency], 2), currency


def parse_args(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--currency", default="USD", choices=sorted(RATES))
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    os.environ[ENV_KEY] = args.currency
    prices = [("mug", 8.0), ("shirt", 20.0), ("cap", 12.5)]
    with multiprocessing.Pool(2) as pool:
        converted = pool.map(convert, prices)
    print("RESULT=%s" % converted)
    return 0 if all(cur == args.currency for _, _, cur in converted) else 3


if __name__ == "__main__":
    sys.exit(main())
