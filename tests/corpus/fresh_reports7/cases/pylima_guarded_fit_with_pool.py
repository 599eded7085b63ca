# family: guard
# hazard: none
# line: none
# files: r7kit/fitting.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/ebachelet/pyLIMA/issues/66 -- the maintainers' fix: the example's body, including the Pool handed to the fit, moved under if __name__ == "__main__"
import multiprocessing
import sys

from r7kit.fitting import Fitter

EVENT = "OB150088"


def run_fit():
    grid = [(a / 2.0, b / 2.0) for a in range(0, 6) for b in range(-3, 3)]
    fitter = Fitter(grid)
    with multiprocessing.Pool(processes=2) as pool:
        return fitter.fit(pool=pool)


if __name__ == "__main__":
    best, score = run_fit()
    print(f"RESULT={EVENT}:{best}")
    sys.exit(0 if best == (1.5, -0.5) else 3)
