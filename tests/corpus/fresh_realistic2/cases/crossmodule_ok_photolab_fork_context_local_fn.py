# family: crossmodule
# hazard: none
# line: none
# files: photolab/__init__.py photolab/compat.py photolab/images.py photolab/registry.py photolab/filters.py
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss for the fork-only helpers of https://github.com/usc-isi-i2/pyrallel/issues/2: a preview tool starts a nested preview function only through photolab.compat.fork_context() (try/except ValueError in another module) and only when photolab.compat.CAN_FORK; otherwise it renders inline. On Linux the fork context is always found, so the closure is inherited, never pickled.
"""Render previews of a few images in a background process where fork exists.

Usage: preview.py [--filter NAME]
"""
import argparse

from photolab import compat
from photolab.images import checksum, load
from photolab.registry import get
import photolab.filters  # noqa: F401


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--filter", default="invert")
    args = parser.parse_args()
    fn = get(args.filter)
    names = ["a.pgm", "b.pgm", "c.pgm"]

    def render():
        for name in names:
            print(name, checksum(fn(load(name))), flush=True)

    ctx = compat.fork_context()
    if compat.CAN_FORK and ctx is not None:
        proc = ctx.Process(target=render)
        proc.start()
        proc.join()
        print("preview exit", proc.exitcode)
    else:
        render()


if __name__ == "__main__":
    main()
