# family: container
# hazard: unpicklable-callable
# line: 31
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: A table of unit converters is built by a dict comprehension of lambdas (with default-argument binding); the converter taken out by name is passed to Pool.map, which pickles the function on every start method. Modelled on https://github.com/luinardi/hypermapper/pull/63 (lambdas in a parameter table broke multiprocessing).
"""Convert a list of measurements to another unit in parallel.

Usage: container_comprehension_table_lambdas.py [--unit UNIT]
"""
import argparse
import multiprocessing

FACTORS = {"mm": 1000.0, "cm": 100.0, "m": 1.0, "km": 0.001}

CONVERTERS = {unit: (lambda metres, f=factor: round(metres * f, 3))
              for unit, factor in FACTORS.items()}


def parse_args(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--unit", default="cm", choices=sorted(CONVERTERS))
    parser.add_argument("--jobs", type=int, default=2)
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    measurements = [0.5, 1.25, 3.0, 12.75]
    convert = CONVERTERS[args.unit]
    with multiprocessing.Pool(args.jobs) as pool:
        converted = pool.map(convert, measurements)
    for before, after in zip(measurements, converted):
        print(f"{before} m = {after} {args.unit}")


if __name__ == "__main__":
    main()
