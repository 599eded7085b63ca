# family: globals
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 20
# note: https://github.com/rajewsky-lab/spacemake/issues/122 -- the fixed script: cmdline() takes the parsed arguments and hands find_matches the reference set and minimum length through functools.partial, so no worker reads a name bound under the main guard
"""Count how many barcodes of each target puck also occur in the reference sequences."""
import argparse
import contextlib
import multiprocessing
import os
import tempfile
import time
from functools import partial

REFERENCE = ["ACGTAC", "TTGACA", "GGCATT", "ACGTTT"]
TARGETS = {"puck_a.txt": ["ACGTAC", "GGCATT", "CCCCCC"],
           "puck_b.txt": ["TTGACA", "AAAAAA"]}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description="count barcode matches per puck")
    parser.add_argument("--reference", nargs="*", default=REFERENCE)
    parser.add_argument("--target", nargs="*", default=[])
    parser.add_argument("--min-length", type=int, default=6)
    parser.add_argument("--output", default=None)
    return parser.parse_args(argv)


def write_targets(folder):
    paths = []
    for name, codes in TARGETS.items():
        path = os.path.join(folder, name)
        with open(path, "w") as fh:
            fh.write("\n".join(codes))
        paths.append(path)
    return paths


def find_matches(fname, reference, min_length):
    ref = {seq for seq in reference if len(seq) >= min_length}
    with open(fname) as fh:
        codes = [line.strip() for line in fh if line.strip()]
    return os.path.basename(fname), sum(1 for c in codes if c in ref), len(codes)


@contextlib.contextmanager
def timed(label):
    t0 = time.monotonic()
    yield
    print(f"{label} took {time.monotonic() - t0:.1f}s", flush=True)


@timed("intersect")
def cmdline(args):
    worker = partial(find_matches, reference=args.reference, min_length=args.min_length)
    with multiprocessing.Pool(2) as pool:
        results = pool.map(worker, args.target)
    rows = [f"{name}:{hits}/{total}" for name, hits, total in sorted(results)]
    print("RESULT=" + ",".join(rows))
    return rows == ["puck_a.txt:2/3", "puck_b.txt:1/2"]


if __name__ == "__main__":
    folder = tempfile.mkdtemp(prefix="pucks_")
    args = parse_args(["--target", *write_targets(folder)])
    raise SystemExit(0 if cmdline(args) else 3)
