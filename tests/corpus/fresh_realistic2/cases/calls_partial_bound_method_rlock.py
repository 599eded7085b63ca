# family: calls
# hazard: unpicklable-callable
# line: 44
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/chroma-core/chroma-cumber/issues/2 ("TypeError: cannot pickle '_thread.RLock' object") in an image tool: a Resizer keeps an RLock around its size cache; the per-run options are bound with functools.partial(self.resize, size=...), and the partial goes to Pool.imap. The partial pickles its bound method, the method its instance, the instance its RLock, under every start method.
"""Resize a batch of (simulated) images to thumbnails in a process pool.

Usage: thumbs.py [--size N] [--workers N]
"""
import argparse
import functools
import multiprocessing
import threading

IMAGES = {"cat.png": (1200, 800), "dog.jpg": (640, 480), "map.gif": (3000, 3000)}


class Resizer:
    def __init__(self, keep_ratio=True):
        self.keep_ratio = keep_ratio
        self._cache = {}
        self._cache_lock = threading.RLock()

    def resize(self, item, size):
        name, (width, height) = item
        with self._cache_lock:
            if name in self._cache:
                return self._cache[name]
        scale = size / max(width, height)
        if not self.keep_ratio:
            return name, (size, size)
        return name, (round(width * scale), round(height * scale))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=128)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    resizer = Resizer()
    job = functools.partial(resizer.resize, size=args.size)
    with multiprocessing.Pool(args.workers) as pool:
        for name, dims in pool.imap(job, sorted(IMAGES.items())):
            print(name, dims)


if __name__ == "__main__":
    main()
