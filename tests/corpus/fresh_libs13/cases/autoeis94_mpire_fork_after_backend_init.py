# family: threads
# hazard: fork-while-runtime-thread-holds-lock
# line: 48 49
# files: l25kit/__init__.py l25kit/runtime.py l25kit/eis.py
# timeout: 25
# expect: fork=deadlock spawn=deadlock forkserver=deadlock
# note: https://github.com/AUTODIAL/AutoEIS/issues/94 -- "jax >= 0.4.24 breaks multiprocessing using fork as start method": AutoEIS initialises jax (whose runtime threads hold internal locks) and then fans perform_bayesian_inference out over an mpire WorkerPool, which forks by default on Linux whatever the default start method; the forked workers inherit a held lock and hang
"""Fit every candidate equivalent circuit to an impedance spectrum in parallel (AutoEIS-style)."""
import argparse
from dataclasses import dataclass

from mpire import WorkerPool

from l25kit import runtime
from l25kit.eis import parse_circuit, perform_bayesian_inference

CANDIDATES = [
    "R1: R0-P1",
    "RC: R0-[R1,C1]",
    "RCP: R0-[R1,C1]-P2",
    "RPP: R0-[R1,P1]-[R2,P2]",
]


@dataclass
class InferenceConfig:
    n_jobs: int = 2
    freq_points: int = 6


class CircuitSearch:
    def __init__(self, config):
        self.config = config
        self.freq = [0.5 * (i + 1) for i in range(config.freq_points)]
        self.circuits = [parse_circuit(c) for c in CANDIDATES]

    def describe_backend(self):
        # like printing jax.devices(): starts the runtime and its warm-up thread
        runtime.init_backend()
        return "cpu:0"

    def _jobs(self):
        return [(c, self.freq) for c in self.circuits]

    def run(self):
        device = self.describe_backend()
        print("running on", device)
        with WorkerPool(n_jobs=self.config.n_jobs) as pool:
            results = pool.map(perform_bayesian_inference, self._jobs())
        return dict(results)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    search = CircuitSearch(InferenceConfig(n_jobs=args.jobs))
    scores = search.run()
    best = max(scores, key=scores.get)
    print(f"RESULT={best}")


if __name__ == "__main__":
    main()
