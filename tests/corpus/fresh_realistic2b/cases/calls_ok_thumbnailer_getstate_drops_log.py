# family: calls
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss, the fix side of https://github.com/rllm-org/rllm/pull/118: the same resizer keeps its open audit log on `self`, but defines __getstate__ that leaves the file out (workers never write to it) and __setstate__ that marks it absent, so mapping the bound method `self.resize` pickles a clean instance under every start method.
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

    def __getstate__(self):
        state = dict(self.__dict__)
        state["audit"] = None       # the log stays with the parent
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)

    def resize(self, path):
        with open(path, "rb") as fh:
            data = fh.read()
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
