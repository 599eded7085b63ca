# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/togethercomputer/RedPajama-Data/issues/28 -- the same registry, every step a module-level function (one registered by decorator).
"""ETL command line tool: run one named cleaning step over a CSV in parallel."""
import argparse
import csv
import io
import multiprocessing as mp
import sys

from rz5kit import transforms

STEPS = {}


def step(name):
    def register(fn):
        STEPS[name] = fn
        return fn
    return register


step("strip")(transforms.strip_row)
step("upper")(transforms.upper_names)


@step("drop_empty")
def drop_empty(row):
    return {k: v for k, v in row.items() if v not in ("", None)}

SAMPLE = "id,name,city\n1, ada ,london\n2,grace,\n3, linus ,helsinki\n"


def load_rows(text):
    return list(csv.DictReader(io.StringIO(text)))


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--step", default="drop_empty", choices=sorted(STEPS))
    parser.add_argument("--workers", type=int, default=2)
    return parser.parse_args(argv)


def run(argv):
    args = parse_args(argv)
    rows = load_rows(SAMPLE)
    transform = STEPS[args.step]
    with mp.Pool(args.workers) as pool:
        cleaned = pool.map(transform, rows)
    print("RESULT=" + str(len(cleaned)))
    return 0 if len(cleaned) == 3 else 3


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
