# family: globals
# hazard: parent-state-not-inherited
# line: 29
# expect: fork=ok spawn=wrong_result forkserver=wrong_result
# note: Modelled on https://geek-answers.imtqy.com/articles/1215882/index.html (a class attribute changed in main() is not seen by a spawned child, because pickle sends the class by reference and the child re-imports it) and https://superfastpython.com/multiprocessing-inherit-global-variables-in-python; here a settings class in flowkit.settings is configured from the command line before the pool starts.
"""Scale measurements with a factor chosen on the command line."""
import argparse
import multiprocessing
import sys

from flowkit.settings import Settings


def scale(value):
    s = Settings.get()
    if s.verbose:
        print("scaling", value)
    return value * s.scale


def parse(argv):
    p = argparse.ArgumentParser()
    p.add_argument("--scale", type=int, default=10)
    return p.parse_args(argv)


def main(argv):
    args = parse(argv)
    Settings.configure(scale=args.scale)
    values = list(range(1, 9))
    with multiprocessing.Pool(2) as pool:
        scaled = pool.map(scale, values)
    print("RESULT=%d" % sum(scaled))
    return 0 if sum(scaled) == sum(values) * args.scale else 3


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
