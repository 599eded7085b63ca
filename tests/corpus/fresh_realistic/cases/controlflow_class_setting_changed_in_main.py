# family: controlflow
# hazard: parent-state-not-inherited
# line: 32
# expect: fork=ok spawn=wrong_result forkserver=wrong_result
# note: Shape of https://github.com/medema-group/BiG-SCAPE and https://github.com/rois-codh/kaokore/issues/5-style reports (options made global in the main block, read by workers, "works on Linux" until spawn), with the option kept as a class attribute of a Settings class instead of a module global: main() overwrites Settings.currency from the command line before mapping; spawn/forkserver workers re-import the module and see the class default, so prices come back in the wrong currency.
"""Convert a price list to the currency given on the command line."""
import argparse
import multiprocessing
import sys

RATES = {"EUR": 1.0, "USD": 1.1, "GBP": 0.85}


class Settings:
    currency = "EUR"
    decimals = 2


def convert(item):
    name, eur = item
    return name, round(eur * RATES[Settings.currency], Settings.decimals), Settings.currency


def parse_args(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--currency", default="USD", choices=sorted(RATES))
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    Settings.currency = args.currency
    prices = [("mug", 8.0), ("shirt", 20.0), ("cap", 12.5)]
    with multiprocessing.Pool(2) as pool:
        converted = pool.map(convert, prices)
    print("RESULT=%s" % converted)
    return 0 if all(cur == args.currency for _, _, cur in converted) else 3


if __name__ == "__main__":
    sys.exit(main())
