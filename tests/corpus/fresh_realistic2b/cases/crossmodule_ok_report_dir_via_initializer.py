# family: crossmodule
# hazard: none
# line: none
# files: reportkit/__init__.py reportkit/settings.py
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss, the fix pyphi and others settled on for https://github.com/wmayner/pyphi/issues/38-style losses: the report CLI still calls reportkit.settings.configure(out) in the parent, and also hands the same function to the pool as `initializer=settings.configure, initargs=(out, "USD")`, so every worker sets the helper module's global itself, under every start method.
"""Write one summary file per region into the output folder.

Usage: nightly_report.py [--out DIR]
"""
import argparse
import multiprocessing
import os
import sys
import tempfile

from reportkit import settings

SALES = {"north": [12, 7, 3], "south": [5, 5], "east": [9], "west": [1, 2, 3, 4]}


def write_summary(region):
    path = settings.output_path(f"{region}.txt")
    if path is None:
        return None
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(f"{region}: {sum(SALES[region])}\n")
    return path


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=None)
    args = parser.parse_args(argv)
    out = args.out or tempfile.mkdtemp(prefix="nightly-")
    settings.configure(out, currency="USD")
    with multiprocessing.Pool(2, initializer=settings.configure, initargs=(out, "USD")) as pool:
        written = [p for p in pool.map(write_summary, sorted(SALES)) if p]
    print(f"RESULT={len(written)}")
    for name in os.listdir(out):
        os.remove(os.path.join(out, name))
    os.rmdir(out)
    return 0 if len(written) == len(SALES) else 3


if __name__ == "__main__":
    sys.exit(main())
