"""A lenstronomy-like likelihood: the model keeps the numerical backend module it was configured with."""
from __future__ import annotations

import math


class LensLikelihood:
    def __init__(self, data: list[float], backend=math):
        self.data = data
        self.backend = backend          # a module object: plain pickle refuses it

    def logL(self, params: tuple[float, float]) -> float:
        amp, width = params
        chi2 = 0.0
        for i, d in enumerate(self.data):
            model = amp * self.backend.exp(-((i - 2) ** 2) / (2.0 * width ** 2))
            chi2 += (d - model) ** 2
        return -0.5 * chi2


def particles(n: int) -> list[tuple[float, float]]:
    return [(1.0 + 0.25 * i, 0.5 + 0.25 * (i % 3)) for i in range(n)]
