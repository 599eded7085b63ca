# family: tqdm
# hazard: unpicklable-callable
# line: 32
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# timeout: 30
# note: asuiu/pyxtension#15 and zeehio/parmap#13 (lambdas handed to a process map: "Can't pickle <function <lambda>>") with tqdm.contrib.concurrent.process_map and the lambda looked up in a table of transforms by a CLI option.
"""Transform a numeric column with a progress bar; the transform is chosen by name."""
import argparse
import math
import sys

from tqdm.contrib.concurrent import process_map

TRANSFORMS = {
    "log": lambda x: round(math.log1p(x), 4),
    "sqrt": lambda x: round(math.sqrt(x), 4),
    "square": lambda x: x * x,
}


def parse_args(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--op", default="sqrt", choices=sorted(TRANSFORMS))
    ap.add_argument("--workers", type=int, default=2)
    return ap.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    fn = TRANSFORMS[args.op]
    values = [0, 1, 4, 9, 16, 25]
    out = process_map(fn, values, max_workers=args.workers, chunksize=2, disable=True)
    print(f"RESULT={out}")
    if out != [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]:
        sys.exit(3)


if __name__ == "__main__":
    main()
