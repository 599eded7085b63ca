# family: results
# hazard: unpicklable-result-returned-from-worker
# line: 25 21
# files: l24kit/__init__.py l24kit/hddm_models.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/hcp4715/dockerHDDM/issues/5 -- "Unable to run parallel chains": models2 = p_map(partial(ms1, data=data, samples=samples, burn=burn), range(chains)) fails with a TypeError because each worker returns the fitted model object, which cannot be pickled back to the parent (here the RL model's generator-valued updater)
"""Fit several MCMC chains of a drift-diffusion model in parallel, with p_tqdm."""
from __future__ import annotations

import sys
from functools import partial

from p_tqdm import p_map

from l24kit.hddm_models import HDDMrl


def ms1(chain: int, data: list[float], samples: int, burn: int) -> HDDMrl:
    m = HDDMrl(data)
    m.sample(samples, burn=burn, chain=chain)
    return m


def fit_chains(data: list[float], chains: int, samples: int, burn: int) -> list[float]:
    models = p_map(partial(ms1, data=data, samples=samples, burn=burn), range(chains), num_cpus=2, disable=True)
    return [m.trace.mean() for m in models]


def main() -> int:
    data = [0.42, 0.55, 0.61, 0.48, 0.52]
    means = fit_chains(data, chains=2, samples=40, burn=10)
    print(f"RESULT={means}")
    return 0 if len(means) == 2 else 3


if __name__ == "__main__":
    sys.exit(main())
