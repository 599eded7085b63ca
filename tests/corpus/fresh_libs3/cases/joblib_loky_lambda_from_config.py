# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: near miss of https://github.com/uber/bayesmark/pull/8: the same lambda from a config dict, but through joblib's default loky backend, whose cloudpickle copies lambdas by value
from joblib import Parallel, delayed

CONFIG = {
    "n_jobs": 2,
    "transforms": {"square": lambda v: v * v, "neg": lambda v: -v},
}


def run_stage(cfg, name, values):
    fn = cfg["transforms"][name]
    runner = Parallel(n_jobs=cfg["n_jobs"])
    return runner(delayed(fn)(v) for v in values)


def main():
    out = run_stage(CONFIG, "square", [1, 2, 3, 4])
    print("RESULT=" + ",".join(map(str, out)))


if __name__ == "__main__":
    main()
