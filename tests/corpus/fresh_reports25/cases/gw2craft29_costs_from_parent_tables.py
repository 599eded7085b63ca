# family: globals
# hazard: parent-state-not-inherited
# line: 22 26 r28kit/gw2data.py:26
# files: r28kit/gw2data.py
# timeout: 20
# expect: fork=ok spawn=error:KeyError forkserver=error:KeyError
# note: https://github.com/xanthics/gw2craft/pull/29 (cause of issue #25) -- "Initialize globals at the start of each process, so it works on Windows": the item and recipe tables are module globals filled once in the main process, and the pool workers that compute crafting costs read them; a spawned (or forkserver) worker imports the module afresh with empty tables, so the first recipe lookup fails (KeyError) where fork inherited the filled tables
"""Compute the crafting cost of every recipe from the trading post's prices."""
import argparse
import multiprocessing
import sys

from r28kit import gw2data


class CostCalculator:
    def __init__(self, lang, processes=2):
        self.lang = lang
        self.processes = processes

    def prepare(self):
        gw2data.load(self.lang)  # download prices and recipes once

    def run(self, recipe_names):
        with multiprocessing.Pool(self.processes) as pool:
            return dict(pool.map(gw2data.craft_cost, recipe_names))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lang", default="en")
    args = parser.parse_args(argv)
    calculator = CostCalculator(args.lang)
    calculator.prepare()
    costs = calculator.run(sorted(gw2data.recipes))
    print(f"RESULT=recipes={len(costs)} total={sum(costs.values())}")
    return 0 if costs == gw2data.expected_costs() else 3


if __name__ == "__main__":
    sys.exit(main())
