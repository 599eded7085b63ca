"""A tiny pipeline library in the shape of pyper's `task` (pyper/_core/decorators.py).

`task` works both ways: `task(func, ...)` and the decorator `@task(...)`; either returns a
Pipeline. A stage marked `multiprocess=True` runs its function on a ProcessPoolExecutor."""
import functools
from concurrent.futures import ProcessPoolExecutor


class Stage:
    def __init__(self, func, branch, multiprocess, workers):
        self.func = func
        self.branch = branch
        self.multiprocess = multiprocess
        self.workers = workers


class Pipeline:
    def __init__(self, stages):
        self.stages = list(stages)

    def __or__(self, other):
        return Pipeline(self.stages + other.stages)

    def _run_stage(self, stage, items):
        if stage.multiprocess:
            with ProcessPoolExecutor(max_workers=stage.workers) as pool:
                return list(pool.map(stage.func, items))
        out = []
        for item in items:
            result = stage.func(item)
            if stage.branch:
                out.extend(result)
            else:
                out.append(result)
        return out

    def __call__(self, *args, **kwargs):
        first, rest = self.stages[0], self.stages[1:]
        result = first.func(*args, **kwargs)
        items = list(result) if first.branch else [result]
        for stage in rest:
            items = self._run_stage(stage, items)
        return items


def task(func=None, *, branch=False, multiprocess=False, workers=2):
    if func is None:
        return functools.partial(task, branch=branch, multiprocess=multiprocess, workers=workers)
    return Pipeline([Stage(func, branch, multiprocess, workers)])
