# family: joblib
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 40
# note: joblib/joblib#389 ("Multiprocessing-backed parallel loops cannot be nested, setting n_jobs=1"): an inner Parallel inside a multiprocessing-backend task; joblib notices the daemonic worker and runs the inner loop sequentially instead of starting children.
"""Cross-validation grid: outer loop over folds, inner loop over parameters."""
import sys

from joblib import Parallel, delayed


def fit_one(fold, alpha):
    return fold * 10 + alpha


def fit_fold(fold, alphas):
    scores = Parallel(n_jobs=2)(delayed(fit_one)(fold, a) for a in alphas)
    return max(scores)


def main():
    alphas = [1, 2, 3]
    folds = [0, 1, 2, 3]
    best = Parallel(n_jobs=2, backend="multiprocessing")(
        delayed(fit_fold)(f, alphas) for f in folds
    )
    print(f"RESULT={best}")
    if best != [3, 13, 23, 33]:
        sys.exit(3)


if __name__ == "__main__":
    main()
