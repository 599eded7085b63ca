"""A CompileIQ-like Tuner: samples a search space and scores the samples with a worker."""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from .ciq_worker import MultiProcessWorker


@dataclass
class SearchSpace:
    params: dict[str, list] = field(default_factory=dict)

    def grid(self) -> list[dict]:
        names = sorted(self.params)
        return [dict(zip(names, values)) for values in itertools.product(*(self.params[n] for n in names))]


class Tuner:
    def __init__(self, space: SearchSpace, objective, num_workers: int = 2, cache_folder: str = ".ciq") -> None:
        self.space = space
        self.objective = objective
        self.num_workers = num_workers
        self.cache_folder = cache_folder
        self.best = None

    def start(self) -> dict:
        worker = MultiProcessWorker(self.cache_folder)
        try:
            samples = self.space.grid()
            scores = worker.run(self.objective, samples, num_workers=self.num_workers)
        finally:
            worker.close()
        best_score, best_params = min(zip(scores, samples), key=lambda sp: sp[0])
        self.best = {"score": best_score, **best_params}
        return self.best
