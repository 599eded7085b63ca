# family: guard
# hazard: none
# line: none
# files: r8kit/homog_lazy.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/sfepy/sfepy/issues/1294 -- the fix proposed in the issue: the manager is started by get_dict() the first time the engine computes, which happens under the script's main guard, so a re-imported script starts nothing
import sys

from r8kit.homog_lazy import HomogenizationEngine

COEFS = {"A": 2, "B": 3, "C": 4}


def run_homogenization(coefs):
    engine = HomogenizationEngine(coefs)
    return engine.compute()


if __name__ == "__main__":
    values = run_homogenization(COEFS)
    print(f"RESULT={sorted(values.items())}")
    if values != {"A": 4, "B": 9, "C": 16}:
        sys.exit(3)
