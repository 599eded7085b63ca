# family: args
# hazard: none
# line: none
# files: s17kit/binning.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/guillermo-navas-palencia/optbinning/issues/133 -- the fixed release's shape: the binner subclass drops its class logger in __getstate__ and rebuilds it in __setstate__, so the same per-column Pool tasks pickle
import random
from dataclasses import dataclass, field
from multiprocessing import Pool

from s17kit.binning import PicklableBinning


@dataclass
class ColumnTask:
    name: str
    values: list
    binner: object = None


@dataclass
class Preprocessor:
    max_bins: int = 4
    binner_cls: type = PicklableBinning
    fitted: dict = field(default_factory=dict)

    def tasks(self, frame):
        return [ColumnTask(name, values, self.binner_cls(name, self.max_bins))
                for name, values in frame.items()]


def fit_column(task):
    task.binner.fit(task.values)
    return task.name, [round(s, 3) for s in task.binner._splits]


def run(frame, processes=2):
    prep = Preprocessor()
    tasks = prep.tasks(frame)
    with Pool(processes) as pool:
        for name, splits in pool.map(fit_column, tasks):
            prep.fitted[name] = splits
    return prep.fitted


if __name__ == "__main__":
    rng = random.Random(7)
    frame = {c: [rng.uniform(0, 100) for _ in range(50)] for c in ("income", "age", "debt")}
    for name, splits in sorted(run(frame).items()):
        print(name, splits)
