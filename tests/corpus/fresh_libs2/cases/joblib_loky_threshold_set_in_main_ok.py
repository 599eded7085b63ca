# family: joblib
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 40
# note: joblib/joblib#803 (loky serialises __main__ functions with cloudpickle, by value): the same CLI-set CONFIG dict as the multiprocessing-backend version, but with the default loky backend the function travels with the dict's current contents, so workers see the new threshold.
"""Label request latencies as slow/fast; default joblib backend."""
import argparse
import sys

from joblib import Parallel, delayed

CONFIG = {"threshold_ms": 0.5, "unit": "ms"}


def classify(latency_ms):
    return "slow" if latency_ms > CONFIG["threshold_ms"] else "fast"


def parse_args(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--threshold", type=float, default=100.0)
    ap.add_argument("--jobs", type=int, default=2)
    return ap.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    CONFIG["threshold_ms"] = args.threshold
    latencies = [20, 150, 80, 300]
    labels = Parallel(n_jobs=args.jobs)(delayed(classify)(v) for v in latencies)
    print(f"RESULT={labels}")
    if labels != ["fast", "slow", "fast", "slow"]:
        sys.exit(3)


if __name__ == "__main__":
    main()
