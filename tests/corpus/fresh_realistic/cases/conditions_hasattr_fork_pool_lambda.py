# family: conditions
# hazard: unpicklable-callable
# line: 27
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/jazzsaxmafia/Inpainting/issues/12 ("_pickle.PicklingError: Can't pickle <function <lambda> ...>: attribute lookup <lambda> on __main__ failed"). The author guards with hasattr(os, "fork") and takes the fork context, believing nothing is pickled under fork; but Pool.map pickles every task under every start method, so the lambda fails on Linux with fork too.
"""Normalise CSV-ish records in a worker pool (fork where available)."""
import multiprocessing
import os

RAW = [
    {" Name ": "Ada", "EMAIL": "ada@example.invalid"},
    {"name": "Linus", " Email": "linus@example.invalid"},
    {"NAME": "Grace", "email ": "grace@example.invalid"},
]


def pool_context():
    if hasattr(os, "fork"):
        # fork: children inherit everything, nothing needs pickling (or so the comment says)
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def normalise(rows, processes=2):
    ctx = pool_context()
    with ctx.Pool(processes) as pool:
        rows = pool.map(lambda r: {k.strip().lower(): v for k, v in r.items()}, rows)
    return rows


def report(rows):
    return sorted(r["name"] for r in rows)


def main():
    rows = normalise(RAW)
    names = report(rows)
    print("RESULT=%s" % names)
    return 0 if names == ["Ada", "Grace", "Linus"] else 3


if __name__ == "__main__":
    raise SystemExit(main())
