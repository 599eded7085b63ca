# family: pathos
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 30
# note: qatrackplus/qatrackplus#584 (the maintainer points to pathos/dill for functions pickle cannot send): a closure from a factory and a lambda mapped with pathos' ProcessPool under a main guard.
"""Apply per-column unit conversions with pathos."""
import sys

from pathos.pools import ProcessPool


def make_converter(factor, offset):
    def convert(value):
        return round(value * factor + offset, 2)
    return convert


def main():
    celsius = [0.0, 37.0, 100.0]
    to_fahrenheit = make_converter(1.8, 32.0)
    pool = ProcessPool(nodes=2)
    try:
        fahrenheit = pool.map(to_fahrenheit, celsius)
        kelvin = pool.map(lambda c: round(c + 273.15, 2), celsius)
    finally:
        pool.close()
        pool.join()
        pool.clear()
    print(f"RESULT={fahrenheit + kelvin}")
    if fahrenheit != [32.0, 98.6, 212.0] or kelvin != [273.15, 310.15, 373.15]:
        sys.exit(3)


if __name__ == "__main__":
    main()
