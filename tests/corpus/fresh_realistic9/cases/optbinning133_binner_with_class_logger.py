# family: args
# hazard: unpicklable-argument
# line: 41
# files: s17kit/binning.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/guillermo-navas-palencia/optbinning/issues/133 -- "Can not Pickle OptBinning Object": the estimator keeps _class_logger/_logger attributes (the maintainer's workaround sets them to None before pickling); this preprocessing script fits one binner per column in a Pool, so every task carries a binner whose class logger was built with logging.Logger() and is not registered
import random
from dataclasses import dataclass, field
from multiprocessing import Pool

from s17kit.binning import OptimalBinning


@dataclass
class ColumnTask:
    name: str
    values: list
    binner: object = None


@dataclass
class Preprocessor:
    max_bins: int = 4
    binner_cls: type = OptimalBinning
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
