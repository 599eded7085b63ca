# family: callable
# hazard: unpicklable-callable
# line: 29
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://joblib.readthedocs.io/en/stable/auto_examples/serialization_and_wrappers.html -- joblib's serialization example: loky serialises tasks with cloudpickle, while falling back to the "multiprocessing" backend (parallel_config('multiprocessing')) brings back the standard pickle module, which cannot pickle functions without an importable name; this program scores features with lambdas from a table of transforms under the multiprocessing backend
import math
import sys

from joblib import Parallel, delayed, parallel_config

TRANSFORMS = {
    "log": lambda v: math.log1p(abs(v)),
    "square": lambda v: v * v,
    "clip": lambda v: max(-1.0, min(1.0, v)),
}


def load_features():
    return {"age": [31.0, 45.0, 27.0], "balance": [-120.5, 88.0, 1500.0], "ratio": [0.2, 1.7, -0.4]}


def apply_column(transform, name, values):
    return name, [round(transform(v), 4) for v in values]


def transform_all(features, kind, backend):
    transform = TRANSFORMS[kind]
    with parallel_config(backend, n_jobs=2):
        results = Parallel()(delayed(apply_column)(transform, name, values)
                             for name, values in features.items())
    return dict(results)


def main(argv):
    kind = argv[0] if argv else "log"
    out = transform_all(load_features(), kind, "multiprocessing")
    print("RESULT=", sorted(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
