# family: crossmodule
# hazard: parent-state-not-inherited
# line: 36
# files: reportkit/__init__.py reportkit/settings.py
# expect: fork=ok spawn=wrong_result forkserver=wrong_result
# note: Shape of https://github.com/wmayner/pyphi/issues/38 ("Interactive changes to the configuration are not respected in subprocesses ... The subprocesses no longer receive the Config object from the parent process and create their own"). The nightly report CLI calls reportkit.settings.configure(args.out), which sets a module global of the helper package; the pool workers call settings.output_path(), which under spawn/forkserver re-imports reportkit with OUTPUT_DIR = None, so no report file is written and the run reports 0 files.
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
    with multiprocessing.Pool(2) as pool:
        written = [p for p in pool.map(write_summary, sorted(SALES)) if p]
    print(f"RESULT={len(written)}")
    for name in os.listdir(out):
        os.remove(os.path.join(out, name))
    os.rmdir(out)
    return 0 if len(written) == len(SALES) else 3


if __name__ == "__main__":
    sys.exit(main())
