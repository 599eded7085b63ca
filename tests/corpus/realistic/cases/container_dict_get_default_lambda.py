# family: container
# hazard: unpicklable-callable
# line: 36
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Normalisers are looked up with dict.get(kind, <identity lambda>); the input's kind "raw" has no entry, so the fallback lambda is what reaches ProcessPoolExecutor.map and is pickled under every start method. Modelled on https://github.com/python-adaptive/adaptive/issues/206 (a lambda handed to a ProcessPoolExecutor: "Does not work with lambda functions").
"""Normalise a column of values according to its declared kind.

Usage: container_dict_get_default_lambda.py [--kind KIND]
"""
import argparse
import concurrent.futures


def to_celsius(value):
    return round((value - 32) * 5 / 9, 1)


def to_percent(value):
    return round(value * 100, 1)


NORMALISERS = {"fahrenheit": to_celsius, "ratio": to_percent}


def parse_args(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--kind", default="raw")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    values = [98.6, 32.0, 212.0, 0.25]
    normalise = NORMALISERS.get(args.kind, lambda value: value)
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as pool:
        print(list(pool.map(normalise, values)))


if __name__ == "__main__":
    main()
