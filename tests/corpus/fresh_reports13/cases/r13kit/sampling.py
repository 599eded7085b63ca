"""pymc-like sampling: a Metropolis step over a model's log-probability, and psample, which runs
one chain per job in a process pool."""
import math
import multiprocessing
import random


class Model:
    def __init__(self, mu=0.0, sd=1.0):
        self.mu = mu
        self.sd = sd

    def logp(self, x):
        return -0.5 * ((x - self.mu) / self.sd) ** 2


class Metropolis:
    def __init__(self, model, scaling=1.0):
        self.model = model
        self.scaling = scaling

    def step(self, x, rng):
        proposal = x + rng.gauss(0.0, self.scaling)
        if math.log(rng.random() + 1e-300) < self.model.logp(proposal) - self.model.logp(x):
            return proposal
        return x


def sample(draws, step, start=0.0, seed=0):
    rng = random.Random(seed)
    trace, x = [], start
    for _ in range(draws):
        x = step.step(x, rng)
        trace.append(x)
    return trace


def psample(draws, step, start=0.0, njobs=2):
    """Draw njobs chains in parallel, one seed per chain."""

    def run_chain(seed):
        return sample(draws, step, start, seed)

    with multiprocessing.Pool(njobs) as pool:
        return pool.map(run_chain, range(njobs))
