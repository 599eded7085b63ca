# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/exoplanet-dev/exoplanet/issues/102 -- the working variant for several chains: the log-probability is an instance of a module-level class holding the light curve (picklable by reference to its class), so every chain's task crosses into the pool workers
import argparse
import math
import multiprocessing
import random
from dataclasses import dataclass


@dataclass
class SamplerConfig:
    chains: int = 4
    draws: int = 200
    seed: int = 23642
    step: float = 0.3


class LightCurveModel:
    """Log-probability of a transit depth given the observed light curve."""

    def __init__(self, times, fluxes, period):
        self.times = list(times)
        self.fluxes = list(fluxes)
        self.period = period

    def __call__(self, depth):
        resid = 0.0
        for t, f in zip(self.times, self.fluxes):
            phase = (t % self.period) / self.period
            pred = 1.0 - depth if phase < 0.1 else 1.0
            resid += (f - pred) ** 2
        return -0.5 * resid / 0.01 ** 2


def build_model(times, fluxes, period):
    return LightCurveModel(times, fluxes, period)


def run_chain(logp, draws, seed, step):
    rng = random.Random(seed)
    x, lp = 0.01, logp(0.01)
    accepted = 0
    for _ in range(draws):
        y = abs(x + rng.gauss(0, step) * 0.01)
        lq = logp(y)
        if math.log(rng.random() + 1e-300) < lq - lp:
            x, lp, accepted = y, lq, accepted + 1
    return x, accepted / draws


class ChainSampler:
    def __init__(self, logp, config: SamplerConfig):
        self.logp = logp
        self.config = config

    def sample(self):
        c = self.config
        jobs = [(self.logp, c.draws, c.seed + i, c.step) for i in range(c.chains)]
        if c.chains == 1:
            return [run_chain(*jobs[0])]
        with multiprocessing.Pool(2) as pool:
            return pool.starmap(run_chain, jobs)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--chains", type=int, default=4)
    args = parser.parse_args()
    times = [i * 0.05 for i in range(120)]
    fluxes = [0.98 if (t % 1.5) / 1.5 < 0.1 else 1.0 for t in times]
    sampler = ChainSampler(build_model(times, fluxes, 1.5), SamplerConfig(chains=args.chains))
    trace = sampler.sample()
    print("chains", len(trace), "depth", round(sum(d for d, _ in trace) / len(trace), 3))


if __name__ == "__main__":
    main()
