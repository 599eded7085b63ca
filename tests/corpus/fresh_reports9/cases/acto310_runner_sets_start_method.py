# family: lifecycle
# hazard: context-already-set
# line: 27
# expect: fork=context_already_set spawn=context_already_set forkserver=context_already_set
# note: https://github.com/xlab-uiuc/acto/pull/310 -- acto forced the default start method with multiprocessing.set_start_method('fork') where its runner is built; building a second runner in the same process (the next campaign / test) raises "context has already been set", and the PR switches to a fork context object instead
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
        multiprocessing.set_start_method("fork")
        self.results = multiprocessing.Queue()

    def run(self):
        procs = [multiprocessing.Process(target=run_trial, args=(t, self.results))
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
