# family: globals
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss, the usual fix for https://superfastpython.com/multiprocessing-inherit-global-variables-in-python: the settings configured in main() are handed to every worker through the pool's initializer, which configures the class again in the child.
"""Scale measurements with a factor chosen on the command line (initializer)."""
import argparse
import multiprocessing
import sys

from flowkit.settings import Settings


def init_worker(scale_factor, verbose):
    Settings.configure(scale=scale_factor, verbose=verbose)


def scale(value):
    return value * Settings.get().scale


def parse(argv):
    p = argparse.ArgumentParser()
    p.add_argument("--scale", type=int, default=10)
    return p.parse_args(argv)


def main(argv):
    args = parse(argv)
    Settings.configure(scale=args.scale)
    values = list(range(1, 9))
    with multiprocessing.Pool(2, initializer=init_worker, initargs=(Settings.scale, Settings.verbose)) as pool:
        scaled = pool.map(scale, values)
    print("RESULT=%d" % sum(scaled))
    return 0 if sum(scaled) == sum(values) * args.scale else 3


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
