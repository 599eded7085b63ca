"""pySIP-like grey-box RC model; the parameters (and their transforms) are given by the caller."""
import math
from dataclasses import dataclass, field


@dataclass
class RCModel:
    name: str
    parameters: list = field(default_factory=list)

    def theta(self):
        return [p.constrained(p.free) for p in self.parameters]

    def loglik(self, data):
        r, c = self.theta()
        tau = r * c
        err = 0.0
        for t, y in data:
            pred = math.exp(-t / tau)
            err += (y - pred) ** 2
        return -err


def fit_one(model, data, steps=20):
    """Crude coordinate search, run in a worker per model."""
    best = model.loglik(data)
    for _ in range(steps):
        for p in model.parameters:
            for delta in (-0.1, 0.1):
                p.free += delta
                val = model.loglik(data)
                if val > best:
                    best = val
                else:
                    p.free -= delta
    return model.name, round(best, 4)


def synthetic_data(tau=2.0, n=8):
    return [(t * 0.5, math.exp(-t * 0.5 / tau)) for t in range(n)]
