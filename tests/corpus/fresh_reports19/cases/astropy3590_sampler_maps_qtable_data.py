# family: args
# hazard: table-column-weakref-in-pool-map-arguments
# line: 49 64
# files: r23kit/qtable.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/astropy/astropy/pull/3590 -- "QTable cannot be pickled" (found with naima, zblz/naima#72 "weakref pickling Error"): after naima changed its internal data to a QTable, running the emcee sampler with threads failed because multiprocessing pickles the data handed to each lnprob call: "PicklingError: Can't pickle <class 'weakref'>" -- a QTable's quantity columns keep a weakref to their table; "This is not a problem in general use, but prevents QTables from being used with multiprocessing, which pickles all the objects it passes to the function calls"
"""Fit a power law to a spectrum with an ensemble of walkers evaluated in a process pool (naima/emcee-like)."""
import math
import random
import sys
from multiprocessing import Pool

from r23kit.qtable import read_sed


def powerlaw(energy, amplitude, index):
    return amplitude * energy ** (-index)


def lnprob(theta, data):
    amplitude, index = theta
    if amplitude <= 0 or not 0 < index < 5:
        return -math.inf
    chi2 = 0.0
    for e, f, err in zip(data["energy"], data["flux"], data["flux_error"]):
        chi2 += ((powerlaw(e, amplitude, index) - f) / err) ** 2
    return -0.5 * chi2


class _FunctionWrapper:
    """emcee wraps lnprob with its extra arguments, so each pool task carries the data."""

    def __init__(self, f, kwargs):
        self.f = f
        self.kwargs = kwargs

    def __call__(self, theta):
        return self.f(theta, **self.kwargs)


class EnsembleSampler:
    def __init__(self, nwalkers, lnprobfn, kwargs, pool):
        self.nwalkers = nwalkers
        self.lnprobfn = _FunctionWrapper(lnprobfn, kwargs)
        self.pool = pool
        self.rng = random.Random(7)

    def best_of(self, positions):
        lnp = list(self.pool.map(self.lnprobfn, positions))
        return max(zip(lnp, positions))

    def run(self, p0, steps):
        best = self.best_of(p0)
        for _ in range(steps):
            walk = [(best[1][0] * self.rng.uniform(0.9, 1.1), best[1][1] + self.rng.uniform(-0.1, 0.1))
                    for _ in range(self.nwalkers)]
            best = max(best, self.best_of(walk))
        return best


def run_sampler(data, nwalkers=8, steps=5):
    p0 = [(10.0 * (1 + 0.05 * i), 1.5 + 0.05 * i) for i in range(nwalkers)]
    with Pool(2) as pool:
        sampler = EnsembleSampler(nwalkers, lnprob, {"data": data}, pool)
        return sampler.run(p0, steps)


if __name__ == "__main__":
    best_lnp, (amplitude, index) = run_sampler(read_sed())
    print(f"RESULT={round(index, 1)}")
    sys.exit(0)
