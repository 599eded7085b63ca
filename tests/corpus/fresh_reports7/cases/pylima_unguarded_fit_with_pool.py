# family: guard
# hazard: missing-main-guard
# line: 17
# files: r7kit/fitting.py
# timeout: 8
# expect: fork=ok spawn=bootstrap_error+hang forkserver=bootstrap_error+hang
# note: https://github.com/ebachelet/pyLIMA/issues/66 -- the example scripts created a Pool at module level and passed it to the fit; on macOS with Python 3.11 (spawn) every worker re-ran the script and failed with the bootstrapping RuntimeError until the code moved under if __name__ == "__main__"
import multiprocessing
import sys

from r7kit.fitting import Fitter

EVENT = "OB150088"
grid = [(a / 2.0, b / 2.0) for a in range(0, 6) for b in range(-3, 3)]
fitter = Fitter(grid)

with multiprocessing.Pool(processes=2) as pool:
    best, score = fitter.fit(pool=pool)

print(f"RESULT={EVENT}:{best}")
sys.exit(0 if best == (1.5, -0.5) else 3)
