"""pyABC-like ABC-SMC: the sampler receives a simulate_one closure built per generation."""
import random
from dataclasses import dataclass


@dataclass
class Particle:
    theta: float
    distance: float
    accepted: bool


class ABCSMC:
    def __init__(self, model, prior_low, prior_high, distance, sampler):
        self.model = model
        self.prior = (prior_low, prior_high)
        self.distance = distance
        self.sampler = sampler
        self.observed = None

    def new(self, observed):
        self.observed = observed
        return self

    def _create_simulate_function(self, eps, seed):
        model, distance, observed, (low, high) = self.model, self.distance, self.observed, self.prior

        def simulate_one(i):
            rng = random.Random(seed * 1000 + i)
            theta = rng.uniform(low, high)
            d = distance(model(theta), observed)
            return Particle(theta, d, d <= eps)

        return simulate_one

    def run(self, epsilons, n=8):
        accepted = []
        for t, eps in enumerate(epsilons):
            simulate_one = self._create_simulate_function(eps, seed=t + 1)
            population = self.sampler.sample_until_n_accepted(n, simulate_one)
            accepted.append(sum(p.accepted for p in population))
        return accepted
