# family: globals
# hazard: parent-state-not-inherited
# line: 39 40 30
# expect: fork=ok spawn=error:TypeError forkserver=error:TypeError
# note: Shape of https://github.com/dfm/emcee/issues/335 ("the 'Multiprocessing+global-variable' method presented at the end of this tutorial" broke on Python 3.8 on macOS: "Python 3.8 in macOS switches to the spawn start method ... Then the 'global' variables become inaccessible"): the large data set is kept in a module global, filled by main() to avoid pickling it for every likelihood call, and the sampler's pool evaluates the log-probability in workers.
"""Sample a posterior with an ensemble of walkers; the likelihood runs in a pool."""
import multiprocessing
import random
import sys

data = None


def log_prob(theta):
    return -0.5 * sum((x - theta) ** 2 for x in data)


class EnsembleSampler:
    def __init__(self, nwalkers, log_prob_fn, pool=None):
        self.nwalkers = nwalkers
        self.log_prob_fn = log_prob_fn
        self.pool = pool

    def run_mcmc(self, initial, nsteps):
        positions = list(initial)
        rng = random.Random(1)
        for _ in range(nsteps):
            proposals = [p + rng.gauss(0, 0.1) for p in positions]
            mapper = self.pool.map if self.pool is not None else map
            old = list(mapper(self.log_prob_fn, positions))
            new = list(mapper(self.log_prob_fn, proposals))
            positions = [q if n > o else p for p, q, o, n in zip(positions, proposals, old, new)]
        return positions


def main():
    global data
    rng = random.Random(0)
    data = [rng.gauss(1.0, 0.5) for _ in range(2000)]
    with multiprocessing.Pool(2) as pool:
        sampler = EnsembleSampler(4, log_prob, pool=pool)
        final = sampler.run_mcmc([0.0, 0.5, 1.5, 2.0], 3)
    print("RESULT=%d" % len(final))
    return 0


if __name__ == "__main__":
    sys.exit(main())
