# family: calls
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss of calls_partial_lambda_pool: the mapped callable is functools.partial of a module-level function with keyword settings from argparse, which pickles by reference under every start method. Modelled on https://github.com/gentoo/portage/pull/1260 (fix: partial(setexec, self._con) instead of a local function).
"""Resize a list of (width, height) pairs with a process pool."""
import argparse
import functools
import multiprocessing


def resize(size, scale, minimum):
    width, height = size
    return max(int(width * scale), minimum), max(int(height * scale), minimum)


def parse_args(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=0.5)
    parser.add_argument("--minimum", type=int, default=16)
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    sizes = [(1920, 1080), (640, 480), (20, 20)]
    task = functools.partial(resize, scale=args.scale, minimum=args.minimum)
    with multiprocessing.Pool(2) as pool:
        print(pool.map(task, sizes))


if __name__ == "__main__":
    main()
