# family: controlflow
# hazard: parent-state-not-inherited
# line: 20
# expect: fork=ok spawn=wrong_result forkserver=wrong_result
# note: configure() copies the --threshold option into a module global through a `global` statement before the pool is created; forked workers see 0.8, spawned/forkserver workers re-import the module and classify with the import-time default 0.5. Modelled on https://superfastpython.com/multiprocessing-inherit-global-variables-in-python (globals are inherited by forked, not spawned, processes).
"""Classify anomaly scores against a configurable threshold.

Usage: controlflow_global_assigned_in_configure.py [--threshold T]
"""
import argparse
import multiprocessing
import sys

THRESHOLD = 0.5
SCORES = [0.62, 0.91, 0.33, 0.79, 0.85]


def configure(args):
    global THRESHOLD
    THRESHOLD = args.threshold


def classify(score):
    return "alert" if score >= THRESHOLD else "ok"


def parse_args(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--threshold", type=float, default=0.8)
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    configure(args)
    with multiprocessing.Pool(2) as pool:
        labels = pool.map(classify, SCORES)
    expected = ["alert" if s >= args.threshold else "ok" for s in SCORES]
    print(f"RESULT={labels}")
    if labels != expected:
        sys.exit(3)


if __name__ == "__main__":
    main()
