# family: calls
# hazard: unpicklable-argument
# line: 32
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/rllm-org/rllm/pull/118 ("pool.submit() attempted to pickle the entire class instance"; fixed by turning the task into a static method). Here an image-resizer CLI keeps an open audit log file on `self` in __init__ and maps its own bound method `self.resize` over the files; the bound method pickles its instance for every pool task, and the instance holds a TextIOWrapper: "cannot pickle '_io.TextIOWrapper' object" under every start method.
"""Resize a folder of (fake) images into thumbnails.

Usage: thumbs.py [--size N] [--workers N]
"""
import argparse
import multiprocessing
import os
import sys
import tempfile


class Resizer:
    def __init__(self, size, audit_path):
        self.size = size
        self.audit = open(audit_path, "a", encoding="utf-8")

    def resize(self, path):
        with open(path, "rb") as fh:
            data = fh.read()
        # pretend to scale: keep one byte in every `step`
        step = max(1, len(data) // self.size)
        thumb = data[::step][: self.size]
        return os.path.basename(path), len(thumb)

    def run(self, paths, workers):
        with multiprocessing.Pool(workers) as pool:
            results = pool.map(self.resize, paths)
        for name, n in results:
            self.audit.write(f"{name} -> {n} bytes\n")
        return results

    def close(self):
        self.audit.close()


def make_images(folder, count):
    paths = []
    for i in range(count):
        p = os.path.join(folder, f"img{i:03d}.raw")
        with open(p, "wb") as fh:
            fh.write(bytes(range(256)) * (i + 1))
        paths.append(p)
    return paths


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=64)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        paths = make_images(tmp, 6)
        resizer = Resizer(args.size, os.path.join(tmp, "audit.log"))
        try:
            results = resizer.run(paths, args.workers)
        finally:
            resizer.close()
    print("RESULT=" + ",".join(str(n) for _, n in results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
