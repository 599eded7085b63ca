# family: lifecycle
# hazard: daemon-children
# line: 24 37
# files: r9kit/executor.py
# expect: fork=daemon_children spawn=daemon_children forkserver=daemon_children
# note: https://github.com/Epistimio/orion/pull/1067 -- "Allow to spawn workers inside daemon": a trial function run by orion's multiprocess PoolExecutor builds its own executor to evaluate folds in parallel, and the Pool worker (a daemon) fails with "daemonic processes are not allowed to have children"
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
    results = Workon().run([Trial(0.1), Trial(0.3)])
    print(f"RESULT={results}")
    sys.exit(0 if results == [0.01, 0.05] else 3)
