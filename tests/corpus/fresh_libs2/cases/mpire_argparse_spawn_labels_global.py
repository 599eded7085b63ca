# family: mpire
# hazard: parent-state-not-inherited
# line: 35
# expect: fork=wrong_result spawn=wrong_result forkserver=wrong_result
# timeout: 40
# note: jina-ai/serve#3851 (projects that switch to spawn for safety) with mpire's start_method taken from an argparse default of "spawn": a label map loaded into a module global inside main() is empty in the spawned workers.
"""Classify records; the label map is loaded in main() and read by the workers."""
import argparse
import sys

from mpire import WorkerPool

LABELS = {}


def load_labels():
    return {"a": "alpha", "b": "beta", "c": "gamma"}


def classify(code):
    return LABELS.get(code, "unknown")


def parse_args(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--start-method", default="spawn",
                    choices=["fork", "spawn", "forkserver", "threading"])
    return ap.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    global LABELS
    LABELS = load_labels()
    codes = ["a", "b", "c", "a"]
    with WorkerPool(n_jobs=args.jobs, start_method=args.start_method) as pool:
        names = pool.map(classify, codes)
    print(f"RESULT={names}")
    if names != ["alpha", "beta", "gamma", "alpha"]:
        sys.exit(3)


if __name__ == "__main__":
    main()
