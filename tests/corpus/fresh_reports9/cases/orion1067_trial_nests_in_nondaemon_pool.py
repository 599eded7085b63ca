# family: lifecycle
# hazard: none
# line: none
# files: r9kit/executor.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/Epistimio/orion/pull/1067 -- the PR's workaround: the outer executor is built from a Pool whose worker processes cannot be daemons, so the trial function's own executor may start its workers
import sys
from dataclasses import dataclass

from r9kit.executor import PoolExecutor


@dataclass
class Trial:
    lr: float
    folds: int = 3


def fold_loss(lr, fold):
    return round((lr - 0.1) ** 2 + fold * 0.01, 4)


def objective(trial):
    with PoolExecutor(n_workers=2) as inner:
        futures = [inner.submit(fold_loss, trial.lr, k) for k in range(trial.folds)]
        losses = [f.get(timeout=10) for f in futures]
    return sum(losses) / len(losses)


class Workon:
    def __init__(self, n_workers=2, allow_nesting=False):
        self.n_workers = n_workers
        self.allow_nesting = allow_nesting

    def run(self, trials):
        with PoolExecutor(self.n_workers, allow_nesting=self.allow_nesting) as executor:
            futures = [executor.submit(objective, t) for t in trials]
            return [round(f.get(timeout=20), 4) for f in futures]


if __name__ == "__main__":
    results = Workon(allow_nesting=True).run([Trial(0.1), Trial(0.3)])
    print(f"RESULT={results}")
    sys.exit(0 if results == [0.01, 0.05] else 3)
