# family: callable
# hazard: unpicklable-callable
# line: 18
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: shape of https://github.com/uber/bayesmark/pull/8 (lambda kept in a config object, "Can't pickle local object"), run through joblib's multiprocessing backend, which pickles with plain pickle
from joblib import Parallel, delayed

CONFIG = {
    "n_jobs": 2,
    "backend": "multiprocessing",
    "transforms": {"square": lambda v: v * v, "neg": lambda v: -v},
}


def run_stage(cfg, name, values):
    fn = cfg["transforms"][name]
    runner = Parallel(n_jobs=cfg["n_jobs"], backend=cfg["backend"])
    return runner(delayed(fn)(v) for v in values)


def main():
    out = run_stage(CONFIG, "square", [1, 2, 3, 4])
    print("RESULT=" + ",".join(map(str, out)))


if __name__ == "__main__":
    main()
