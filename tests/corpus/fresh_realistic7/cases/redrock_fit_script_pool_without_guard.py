# family: guard
# hazard: missing-main-guard
# line: 34
# files: rz7kit/tasks.py
# expect: fork=ok spawn=bootstrap_error+hang forkserver=bootstrap_error+hang
# timeout: 8
# note: https://github.com/desihub/redrock/issues/339 -- "RuntimeError: New Process Starting Before Old Process Finishes" (the bootstrapping-phase error) when a redrock fitting run uses its multiprocessing path on macOS with Python 3.13; reduced to a fitting script that parses its arguments and maps templates over a Pool at module level, with no main guard
import argparse
import multiprocessing as mp

from rz7kit.tasks import square_sum


class Template:
    def __init__(self, name, coeffs):
        self.name = name
        self.coeffs = coeffs


def fit_template(tpl):
    return tpl.name, square_sum(tpl.coeffs)


def best_fit(results):
    return min(results, key=lambda r: r[1])


parser = argparse.ArgumentParser(description="fit redshift templates")
parser.add_argument("--ncpu", type=int, default=2)
parser.add_argument("--ntemplates", type=int, default=4)
args = parser.parse_args()

templates = [Template(f"GALAXY{i}", [i, i + 1, i + 2]) for i in range(args.ntemplates)]
pool = mp.Pool(args.ncpu)
results = pool.map(fit_template, templates)
pool.close()
pool.join()
print("best", best_fit(results))
