# family: start_method
# hazard: local-closure-as-process-arg
# line: l25kit/sampler_plain.py:16 l25kit/sampler_plain.py:19 l25kit/abc_smc.py:40 33
# files: l25kit/__init__.py l25kit/abc_smc.py l25kit/sampler_plain.py
# timeout: 40
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/ICB-DCM/pyABC/issues/286 -- "BUG: Can't pickle local object": the tutorial's ABCSMC with the default MulticoreEvalParallelSampler fails on macOS; the maintainer: "the forking employed in the multiprocessing module should not perform pickling at all", but under spawn the sampler's Process pickles its simulate_one argument, a function local to the ABCSMC method that builds it
"""Fit the mean of a Gaussian model with ABC-SMC on a small observed sample."""
import argparse

from l25kit.abc_smc import ABCSMC
from l25kit.sampler_plain import MulticoreEvalParallelSampler


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
