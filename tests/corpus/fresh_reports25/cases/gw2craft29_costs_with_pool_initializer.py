# family: globals
# hazard: none
# line: none
# files: r28kit/gw2data.py
# timeout: 20
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/xanthics/gw2craft/pull/29 -- the PR's fix, "Initialize globals at the start of each process": every pool worker fills the tables itself (Pool initializer with the chosen language), so a spawned worker has them as well as a forked one
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
        gw2data.load(self.lang)  # the main process needs the recipe list too

    def run(self, recipe_names):
        with multiprocessing.Pool(self.processes, initializer=gw2data.load, initargs=(self.lang,)) as pool:
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
