# family: args
# hazard: lambda-attribute-in-joblib-multiprocessing-task
# line: 31 l10kit/pysip_params.py:10
# files: l10kit/pysip_model.py l10kit/pysip_params.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/locie/pySIP/issues/5 -- 'lambda (anonymous function) in code disallow correct pickling for multiprocess ... I noticed the presence of lambda function in the library core that lead to pickling errors': pySIP parameters keep their transforms as lambdas made in __init__; the models go to joblib workers with a pickling backend (here backend='multiprocessing'): "Can't pickle local object 'Parameter.__init__.<locals>.<lambda>'"
"""Fit several RC building models in parallel with joblib's multiprocessing backend (pySIP-like)."""
import argparse

from joblib import Parallel, delayed

from l10kit.pysip_model import RCModel, fit_one, synthetic_data
from l10kit.pysip_params import Parameter


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
