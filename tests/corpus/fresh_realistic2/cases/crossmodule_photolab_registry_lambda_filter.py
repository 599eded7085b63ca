# family: crossmodule
# hazard: unpicklable-callable
# line: photolab/batch.py:19 photolab/filters.py:16
# files: photolab/__init__.py photolab/registry.py photolab/filters.py photolab/images.py photolab/batch.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/byexamples/byexample/issues/220 (plugins loaded into a registry, then the registered objects are pickled for the worker processes and fail). photolab's filters module registers one filter as a lambda with registry.add(); the CLI asks photolab.batch.apply_filter("threshold", ...), which takes the callable out of the registry dict and puts it in every starmap task, pickled under every start method.
"""Apply a named photolab filter to a folder of (generated) images.

Usage: apply_filter.py [--filter NAME] [--count N]
"""
import argparse

from photolab.batch import apply_filter
from photolab.images import checksum, load


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--filter", default="threshold")
    parser.add_argument("--count", type=int, default=4)
    args = parser.parse_args()

    names = [f"img{n:03d}.pgm" for n in range(args.count)]
    images = [load(name) for name in names]
    for name, pixels in zip(names, apply_filter(args.filter, images)):
        print(name, checksum(pixels))


if __name__ == "__main__":
    main()
