# family: joblib
# hazard: unpicklable-callable
# line: 37
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# timeout: 30
# note: joblib/joblib#643 (a function picked from a table and handed to delayed) with the backend as an argparse default; the fallback transform for an unknown --op is a lambda, which pickle cannot send to multiprocessing-backend workers.
"""Normalise text rows with a transform selected on the command line."""
import argparse
import sys

from joblib import Parallel, delayed

TRANSFORMS = {
    "upper": str.upper,
    "strip": str.strip,
    "lower": str.lower,
}


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description="normalise rows")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--backend", default="multiprocessing",
                    choices=["loky", "multiprocessing", "threading"])
    ap.add_argument("--op", default="title")
    return ap.parse_args(argv)


def pick_transform(name):
    return TRANSFORMS.get(name, lambda s: s.strip().title())


def main(argv=None):
    args = parse_args(argv)
    op = pick_transform(args.op)
    rows = ["  alpha ", "beta", " gamma delta ", "EPSILON"]
    out = Parallel(n_jobs=args.jobs, backend=args.backend)(delayed(op)(r) for r in rows)
    print(f"RESULT={out}")
    if out != ["Alpha", "Beta", "Gamma Delta", "Epsilon"]:
        sys.exit(3)


if __name__ == "__main__":
    main()
