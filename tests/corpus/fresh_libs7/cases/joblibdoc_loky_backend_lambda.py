# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://joblib.readthedocs.io/en/stable/auto_examples/serialization_and_wrappers.html -- the same example's default: with the loky backend joblib serialises each task with cloudpickle, which copies lambdas and functions of the main script by value, so the table of lambda transforms reaches the workers
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
    out = transform_all(load_features(), kind, "loky")
    print("RESULT=", sorted(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
