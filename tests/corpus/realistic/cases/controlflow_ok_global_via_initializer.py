# family: controlflow
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss of controlflow_global_assigned_in_configure: the same `global` assignment, but performed by the Pool initializer in every worker with the value passed through initargs, so all start methods classify with 0.8. Modelled on https://superfastpython.com/multiprocessing-inherit-global-variables-in-python (share configuration explicitly rather than by inheritance).
"""Classify anomaly scores against a configurable threshold.

Usage: controlflow_ok_global_via_initializer.py [--threshold T]
"""
import argparse
import multiprocessing
import sys

THRESHOLD = 0.5
SCORES = [0.62, 0.91, 0.33, 0.79, 0.85]


def configure(threshold):
    global THRESHOLD
    THRESHOLD = threshold


def classify(score):
    return "alert" if score >= THRESHOLD else "ok"


def parse_args(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--threshold", type=float, default=0.8)
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    configure(args.threshold)
    with multiprocessing.Pool(2, initializer=configure, initargs=(args.threshold,)) as pool:
        labels = pool.map(classify, SCORES)
    expected = ["alert" if s >= args.threshold else "ok" for s in SCORES]
    print(f"RESULT={labels}")
    if labels != expected:
        sys.exit(3)


if __name__ == "__main__":
    main()
