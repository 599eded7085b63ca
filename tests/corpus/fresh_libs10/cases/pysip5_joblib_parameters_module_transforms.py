# family: args
# hazard: none
# line: none
# files: l10kit/pysip_model.py l10kit/pysip_params_fixed.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/locie/pySIP/issues/5 -- near miss: the PR of that thread replaces the lambdas by module-level functions (a table of named transforms), so the same joblib multiprocessing backend pickles the models
"""Fit several RC building models in parallel with joblib (multiprocessing backend); transforms are module functions (pySIP fix)."""
import argparse

from joblib import Parallel, delayed

from l10kit.pysip_model import RCModel, fit_one, synthetic_data
from l10kit.pysip_params_fixed import Parameter


def make_models(n):
    models = []
    for i in range(n):
        params = [Parameter("R", 1.0 + 0.2 * i, "log"), Parameter("C", 1.5, "log")]
        models.append(RCModel(name=f"house{i}", parameters=params))
    return models


class Benchmark:
    def __init__(self, n_jobs, backend):
        self.n_jobs = n_jobs
        self.backend = backend

    def run(self, models, data):
        runner = Parallel(n_jobs=self.n_jobs, backend=self.backend)
        return runner(delayed(fit_one)(m, data) for m in models)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--models", type=int, default=3)
    parser.add_argument("--backend", default="multiprocessing")
    args = parser.parse_args()
    results = Benchmark(2, args.backend).run(make_models(args.models), synthetic_data())
    print(f"RESULT={sorted(results)}")


if __name__ == "__main__":
    main()
