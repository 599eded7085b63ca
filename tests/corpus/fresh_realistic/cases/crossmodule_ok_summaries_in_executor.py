# family: crossmodule
# hazard: none
# line: none
# files: shopkit/__init__.py shopkit/summaries.py shopkit/fanout.py
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss named in https://github.com/noxdafox/pebble/issues/76 ("concurrent.futures.ProcessPoolExecutor doesn't have this limitation on pools within pools"): the outer level is a ProcessPoolExecutor, whose workers are not daemonic, so shopkit.fanout opening a multiprocessing.Pool two modules down works under every start method.
"""Category summaries for the merchandising dashboard."""
import sys
from concurrent.futures import ProcessPoolExecutor

from shopkit import summaries

CATEGORIES = [
    ("mugs", ["A red mug for coffee", "Blue mug, dishwasher safe"]),
    ("shirts", ["Plain cotton shirt", "Striped shirt with a pocket"]),
]


def run(categories, workers=2):
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return dict(pool.map(summaries.summarise, categories, timeout=30))


def render(totals):
    width = max(len(name) for name in totals)
    return [f"{name:<{width}} {count:>4} words" for name, count in sorted(totals.items())]


def main():
    totals = run(CATEGORIES)
    for line in render(totals):
        print(line)
    print("RESULT=%s" % sorted(totals.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
