# family: results
# hazard: none
# line: none
# files: l24kit/__init__.py l24kit/hddm_models.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/hcp4715/dockerHDDM/issues/5 -- near miss: the working variant from the thread's tutorial, each worker fits its chain and returns only the traces (here the Trace dataclass), not the fitted model object, so p_map's results pickle
"""Fit several MCMC chains of a drift-diffusion model in parallel, with p_tqdm."""
from __future__ import annotations

import sys
from functools import partial

from p_tqdm import p_map

from l24kit.hddm_models import HDDMrl, Trace


def ms1(chain: int, data: list[float], samples: int, burn: int) -> Trace:
    m = HDDMrl(data)
    m.sample(samples, burn=burn, chain=chain)
    return m.trace


def fit_chains(data: list[float], chains: int, samples: int, burn: int) -> list[float]:
    traces = p_map(partial(ms1, data=data, samples=samples, burn=burn), range(chains), num_cpus=2, disable=True)
    return [t.mean() for t in traces]


def main() -> int:
    data = [0.42, 0.55, 0.61, 0.48, 0.52]
    means = fit_chains(data, chains=2, samples=40, burn=10)
    print(f"RESULT={means}")
    return 0 if len(means) == 2 else 3


if __name__ == "__main__":
    sys.exit(main())
