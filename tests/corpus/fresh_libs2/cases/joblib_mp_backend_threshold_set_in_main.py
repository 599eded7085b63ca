# family: joblib
# hazard: parent-state-not-inherited
# line: 29
# expect: fork=ok spawn=wrong_result forkserver=wrong_result
# timeout: 30
# note: superfastpython "multiprocessing pool shared global variables" and the ProcessPoolExecutor instance-state answer (stackoverflow 72726998): a module CONFIG dict updated from argparse inside main() and read by multiprocessing-backend workers, which see the import-time value under spawn/forkserver.
"""Label request latencies as slow/fast; the threshold is a CLI option."""
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
    labels = Parallel(n_jobs=args.jobs, backend="multiprocessing")(
        delayed(classify)(v) for v in latencies
    )
    print(f"RESULT={labels}")
    if labels != ["fast", "slow", "fast", "slow"]:
        sys.exit(3)


if __name__ == "__main__":
    main()
