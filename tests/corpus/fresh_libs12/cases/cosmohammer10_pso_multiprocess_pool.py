# family: args
# hazard: none
# line: none
# files: l24kit/__init__.py l24kit/likelihood.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/cosmo-ethz/CosmoHammer/issues/10 -- near miss: the commenter's fix, "replacing the import multiprocessing by import multiprocess, which uses dill for pickling" (dill pickles the module attribute by reference)
"""Particle swarm optimisation of a lens model, fitness evaluated in a process pool."""
from __future__ import annotations

import multiprocess
import sys
from dataclasses import dataclass, field

from l24kit.likelihood import LensLikelihood, particles


@dataclass
class ParticleSwarmOptimizer:
    func: object
    pool_size: int = 2
    best: tuple = field(default=(None, -float("inf")))

    def map(self, function, sequence):
        with multiprocess.Pool(self.pool_size) as pool:
            return pool.map(function, sequence)

    def sample(self, swarm: list[tuple[float, float]], n_iterations: int = 2):
        for _ in range(n_iterations):
            fitness = self.map(self.func, swarm)
            for pos, fit in zip(swarm, fitness):
                if fit > self.best[1]:
                    self.best = (pos, fit)
            swarm = [(a * 0.9 + 0.1 * self.best[0][0], w) for a, w in swarm]
            yield self.best


def main() -> int:
    like = LensLikelihood([0.1, 0.6, 1.0, 0.6, 0.1])
    pso = ParticleSwarmOptimizer(like.logL)
    for best in pso.sample(particles(6)):
        pass
    print(f"RESULT={best[0]}")
    return 0 if best[0] is not None else 3


if __name__ == "__main__":
    sys.exit(main())
