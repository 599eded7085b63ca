# family: crossmodule
# hazard: none
# line: none
# files: r2kit/__init__.py r2kit/paths.py r2kit/convert.py
# expect: fork=ok spawn=ok forkserver=ok
# note: r2miss near miss: the same configuration, also run in each worker as the pool's initializer.
"""Convert a batch of inputs into the configured output folder."""
import multiprocessing
import sys

from r2kit import convert, paths


def main():
    root = "/tmp/r2miss-out"
    paths.configure(root)
    with multiprocessing.Pool(2, initializer=paths.configure, initargs=(root,)) as pool:
        depths = pool.map(convert.convert, ["a", "b"])
    print("RESULT=%s" % depths)
    return 0


if __name__ == "__main__":
    sys.exit(main())
