# family: lifecycle
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/xlab-uiuc/acto/pull/310 -- the merged change: the runner asks multiprocessing.get_context('fork') for a context object and builds its Queue and Processes from it, so any number of runners can be built in one process
import multiprocessing
import sys
from dataclasses import dataclass, field


@dataclass
class Trial:
    name: str
    steps: list = field(default_factory=list)


def run_trial(trial, results):
    results.put((trial.name, len(trial.steps)))


class Runner:
    """Reduced acto Runner: owns the worker processes of one testing campaign."""

    def __init__(self, trials, workers=2):
        self.trials = trials
        self.workers = workers
        self.ctx = multiprocessing.get_context("fork")
        self.results = self.ctx.Queue()

    def run(self):
        procs = [self.ctx.Process(target=run_trial, args=(t, self.results))
                 for t in self.trials]
        for p in procs:
            p.start()
        out = sorted(self.results.get(timeout=5) for _ in procs)
        for p in procs:
            p.join(5)
        return out


def campaign(names):
    return Runner([Trial(n, steps=list(range(len(n)))) for n in names]).run()


if __name__ == "__main__":
    first = campaign(["cassandra", "zookeeper"])
    second = campaign(["redis"])
    print(f"RESULT={first + second}")
