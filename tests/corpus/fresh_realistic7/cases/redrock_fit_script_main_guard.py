# family: guard
# hazard: none
# line: none
# files: rz7kit/tasks.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/desihub/redrock/issues/339 -- the fix that resolves the bootstrapping error: the script's work moves into main() called under `if __name__ == "__main__":`, so a spawned worker importing the script only defines the templates' fitting function
import argparse
import multiprocessing as mp
import sys

from rz7kit.tasks import square_sum


class Template:
    def __init__(self, name, coeffs):
        self.name = name
        self.coeffs = coeffs


def fit_template(tpl):
    return tpl.name, square_sum(tpl.coeffs)


def best_fit(results):
    return min(results, key=lambda r: r[1])


def main(argv=None):
    parser = argparse.ArgumentParser(description="fit redshift templates")
    parser.add_argument("--ncpu", type=int, default=2)
    parser.add_argument("--ntemplates", type=int, default=4)
    args = parser.parse_args(argv)
    templates = [Template(f"GALAXY{i}", [i, i + 1, i + 2]) for i in range(args.ntemplates)]
    with mp.Pool(args.ncpu) as pool:
        results = pool.map(fit_template, templates)
    print("best", best_fit(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
