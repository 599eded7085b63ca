# family: crossmodule
# hazard: none
# line: none
# files: photolab/__init__.py photolab/registry.py photolab/filters.py photolab/images.py photolab/batch.py
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss for https://github.com/byexamples/byexample/issues/220: the same lambda-registered "threshold" filter, but through photolab.batch.apply_by_name(), which sends only the filter's name; each worker imports photolab.filters (registering the lambda again there) and looks the filter up locally.
"""Apply a named photolab filter to a folder of (generated) images.

Usage: apply_filter.py [--filter NAME] [--count N]
"""
import argparse

from photolab.batch import apply_by_name
from photolab.images import checksum, load


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--filter", default="threshold")
    parser.add_argument("--count", type=int, default=4)
    args = parser.parse_args()

    names = [f"img{n:03d}.pgm" for n in range(args.count)]
    images = [load(name) for name in names]
    for name, pixels in zip(names, apply_by_name(args.filter, images)):
        print(name, checksum(pixels))


if __name__ == "__main__":
    main()
