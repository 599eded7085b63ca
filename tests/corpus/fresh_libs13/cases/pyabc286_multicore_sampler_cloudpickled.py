# family: start_method
# hazard: none
# line: none
# files: l25kit/__init__.py l25kit/abc_smc.py l25kit/sampler_cloud.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/ICB-DCM/pyABC/issues/286 -- near miss: how pyABC's multicore samplers came to ship the simulation function, serialised with cloudpickle before the worker processes start and loaded inside each worker, so a local simulate_one travels by value under spawn too
"""Fit the mean of a Gaussian model with ABC-SMC on a small observed sample."""
import argparse

from l25kit.abc_smc import ABCSMC
from l25kit.sampler_cloud import MulticoreEvalParallelSampler


def model(theta):
    return {"data": theta + 0.1}


def distance(x, y):
    return abs(x["data"] - y["data"])


def build(n_procs):
    sampler = MulticoreEvalParallelSampler(n_procs=n_procs)
    return ABCSMC(model, 0.0, 5.0, distance, sampler).new({"data": 2.5})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--procs", type=int, default=2)
    args = parser.parse_args()
    abc = build(args.procs)
    history = abc.run(epsilons=[2.0, 1.0])
    print(f"RESULT={len(history)}")


if __name__ == "__main__":
    main()
