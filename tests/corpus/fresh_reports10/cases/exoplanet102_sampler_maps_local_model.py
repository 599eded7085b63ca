# family: callable
# hazard: unpicklable-task-arg
# line: 58
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/exoplanet-dev/exoplanet/issues/102 -- sampling with chains=1 works but chains=4 fails with "Can't pickle local object 'build_model.<locals>.model_lc'": the light-curve log-probability is a closure made inside build_model and the multi-chain sampler hands it to pool workers with every chain
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


def build_model(times, fluxes, period):
    """Return the log-probability of a transit depth given the observed light curve."""

    def model_lc(depth):
        resid = 0.0
        for t, f in zip(times, fluxes):
            phase = (t % period) / period
            pred = 1.0 - depth if phase < 0.1 else 1.0
            resid += (f - pred) ** 2
        return -0.5 * resid / 0.01 ** 2

    return model_lc


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
