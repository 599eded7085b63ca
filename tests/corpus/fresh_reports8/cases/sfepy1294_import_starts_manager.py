# family: guard
# hazard: missing-main-guard
# line: r8kit/homog.py:6
# files: r8kit/homog.py
# expect: fork=ok spawn=bootstrap_error forkserver=bootstrap_error
# timeout: 8
# note: https://github.com/sfepy/sfepy/issues/1294 -- importing sfepy.homogenization.engine starts a Manager process (module-level `multiproc_manager = Manager()` in multiproc.py); with spawn the manager child re-imports the user's script, whose top-level import starts another manager during bootstrapping, even though the script itself uses the main guard
import sys

from r8kit.homog import HomogenizationEngine

COEFS = {"A": 2, "B": 3, "C": 4}


def run_homogenization(coefs):
    engine = HomogenizationEngine(coefs)
    return engine.compute()


if __name__ == "__main__":
    values = run_homogenization(COEFS)
    print(f"RESULT={sorted(values.items())}")
    if values != {"A": 4, "B": 9, "C": 16}:
        sys.exit(3)
