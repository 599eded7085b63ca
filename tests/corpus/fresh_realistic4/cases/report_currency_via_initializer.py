# family: globals
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: the report generator handing --currency to every worker through Pool(initializer=r4kit.settings.init, initargs=...).
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
    settings.init(args.currency)
    with mp.Pool(2, initializer=settings.init, initargs=(args.currency,)) as pool:
        lines = pool.map(render_line, [("north", 10.0), ("south", 20.5)])
    print("RESULT=" + "|".join(lines))
    sys.exit(0 if all(line.endswith("EUR") for line in lines) else 3)
