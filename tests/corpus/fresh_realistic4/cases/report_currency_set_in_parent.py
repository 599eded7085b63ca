# family: globals
# hazard: parent-state-not-inherited
# line: 26
# expect: fork=ok spawn=wrong_result forkserver=wrong_result
# note: a report generator CLI that stores --currency in the helper module r4kit.settings under the main guard; Pool workers format amounts with it.
import argparse
import multiprocessing as mp
import sys

import r4kit.settings as settings


def render_line(item):
    name, amount = item
    return f"{name}: {settings.fmt(amount)}"


def parse():
    ap = argparse.ArgumentParser(description="monthly revenue report")
    ap.add_argument("--currency", default="EUR")
    return ap.parse_args()


if __name__ == "__main__":
    args = parse()
    settings.CURRENCY = args.currency
    with mp.Pool(2) as pool:
        lines = pool.map(render_line, [("north", 10.0), ("south", 20.5)])
    print("RESULT=" + "|".join(lines))
    sys.exit(0 if all(line.endswith("EUR") for line in lines) else 3)
