# family: crossmodule
# hazard: none
# line: none
# files: r2kit/__init__.py r2kit/registry.py
# expect: fork=ok spawn=ok forkserver=ok
# note: r2miss near miss: the pool's initializer registers the table again in each worker.
"""Translate codes; each worker registers the table first."""
import multiprocessing
import sys

from r2kit.registry import lookup, register


def translate(code):
    return lookup("codes").get(code, "?")


def main():
    table = {1: "one", 2: "two"}
    register("codes", table)
    with multiprocessing.Pool(2, initializer=register, initargs=("codes", table)) as pool:
        names = pool.map(translate, [1, 2, 3])
    print("RESULT=%s" % names)
    return 0


if __name__ == "__main__":
    sys.exit(main())
