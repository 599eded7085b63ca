# family: joblib
# hazard: unpicklable-callable
# line: 49
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# timeout: 30
# note: A CLI that scores sensor rows with a scorer built by a factory (a closure over the threshold) and runs it with joblib's backend="multiprocessing", which pickles each batch with plain pickle: the closure fails under every start method. Shape of https://github.com/joblib/joblib/issues/389 (GaelVaroquaux: "the function cannot be pickled, as it is not defined in a module with a clear import path") and https://github.com/joblib/joblib/issues/166 ("Can't get local attribute 'all_args.<locals>.wrapper'").
"""Flag anomalous sensor readings.

usage: python score_readings.py [--threshold 2.5] [--jobs 2]
"""
import argparse
import math
import statistics

from joblib import Parallel, delayed

READINGS = {
    "pump-1": [1.0, 1.2, 0.9, 7.5, 1.1],
    "pump-2": [3.3, 3.1, 3.2, 3.4, 3.0],
    "valve-7": [0.1, 0.2, 0.1, 0.0, 4.2],
    "fan-3": [2.2, 2.1, 2.3, 2.2, 2.4],
}


def zscores(values):
    mean = statistics.fmean(values)
    spread = statistics.pstdev(values) or 1.0
    return [(v - mean) / spread for v in values]


def make_scorer(threshold):
    def score(name, values):
        flagged = [i for i, z in enumerate(zscores(values)) if math.fabs(z) > threshold]
        return name, flagged

    return score


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threshold", type=float, default=1.5)
    parser.add_argument("--jobs", type=int, default=2)
    return parser.parse_args()


def main():
    args = parse_args()
    scorer = make_scorer(args.threshold)
    results = Parallel(n_jobs=args.jobs, backend="multiprocessing")(
        delayed(scorer)(name, values) for name, values in READINGS.items()
    )
    anomalies = {name: idx for name, idx in results if idx}
    print("RESULT=" + str(sorted(anomalies)))


if __name__ == "__main__":
    main()
