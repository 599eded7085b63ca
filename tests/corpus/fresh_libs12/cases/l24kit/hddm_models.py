"""HDDM-like models (shared): a drift-diffusion model and the RL variant whose sampler state is a generator."""
from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass
class Trace:
    chain: int
    samples: list[float]

    def mean(self) -> float:
        return round(sum(self.samples) / len(self.samples), 3)


class HDDM:
    def __init__(self, data: list[float], name: str = "hddm"):
        self.data = data
        self.name = name
        self.trace: Trace | None = None

    def step_values(self, rng: random.Random):
        while True:
            yield sum(self.data) / len(self.data) + rng.uniform(-0.01, 0.01)

    def sample(self, samples: int, burn: int, chain: int = 0) -> "HDDM":
        rng = random.Random(chain)
        values = self.step_values(rng)
        draws = [next(values) for _ in range(samples)]
        self.trace = Trace(chain, draws[burn:])
        return self


class HDDMrl(HDDM):
    """Reinforcement-learning DDM: like pymc's LazyFunction.Counter, the learning-rate updater kept
    on the model (a generator) cannot be pickled."""

    def __init__(self, data: list[float], alpha: float = 0.2):
        super().__init__(data, name="hddmrl")
        self.alpha = alpha
        self.updater = self._q_updates()

    def _q_updates(self):
        q = 0.5
        while True:
            reward = yield q
            q += self.alpha * ((reward or 0.0) - q)
