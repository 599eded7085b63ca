# family: args
# hazard: none
# line: none
# files: l24kit/__init__.py l24kit/hddm_models.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/hcp4715/dockerHDDM/issues/17 -- near miss: the working variant the thread contrasts with, the plain HDDM model, for which the chains run in parallel; its tasks carry no RL updater and pickle
"""Sample MCMC chains of a (reinforcement-learning) drift-diffusion model with joblib."""
from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass

from joblib import Parallel, delayed

from l24kit.hddm_models import HDDM, HDDMrl, Trace


def _run_chain(model: HDDM, chain: int, samples: int, burn: int) -> Trace:
    model.sample(samples, burn=burn, chain=chain)
    return model.trace


@dataclass
class ChainRunner:
    chains: int = 2
    n_jobs: int = 2

    def sample(self, model: HDDM, samples: int, burn: int) -> list[Trace]:
        return Parallel(n_jobs=self.n_jobs)(
            delayed(_run_chain)(model, c, samples, burn) for c in range(self.chains)
        )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=40)
    args = parser.parse_args()
    data = [0.42, 0.55, 0.61, 0.48, 0.52]
    model = HDDM(data)
    traces = ChainRunner().sample(model, args.samples, burn=10)
    means = [t.mean() for t in traces]
    print(f"RESULT={means}")
    return 0 if len(means) == 2 else 3


if __name__ == "__main__":
    sys.exit(main())
