# family: crossmodule
# hazard: parent-state-not-inherited
# line: 17 r2kit/paths.py:9 r2kit/paths.py:13
# files: r2kit/__init__.py r2kit/paths.py r2kit/convert.py
# expect: fork=ok spawn=error:TypeError forkserver=error:TypeError
# note: r2miss model: the parent configures a helper module's output root (a function that rebinds the module global) and the pool's task, a function of a third module, resolves paths through the helper; a re-imported helper has no root.
"""Convert a batch of inputs into the configured output folder."""
import multiprocessing
import sys

from r2kit import convert, paths


def main():
    paths.configure("/tmp/r2miss-out")
    with multiprocessing.Pool(2) as pool:
        depths = pool.map(convert.convert, ["a", "b"])
    print("RESULT=%s" % depths)
    return 0


if __name__ == "__main__":
    sys.exit(main())
