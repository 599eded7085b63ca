# family: callable
# hazard: unpicklable-callable
# line: 52
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Reduced from https://github.com/guofei9987/blind_watermark/issues/149 (WaterMarkCore(mode='multiprocessing') keeps its pool in self.pool and calls self.pool.map(self.block_add_wm, ...); the bound method pickles self, which holds the Pool: "NotImplementedError: pool objects cannot be passed between processes or pickled", under every start method). Kept: the core class with the mode switch choosing multiprocessing.Pool vs a thread pool, self.pool, block splitting and per-block embedding through a bound method; numpy/cv2 arrays replaced by lists of ints.
"""Embed a bit string into image blocks in parallel."""
import multiprocessing
import sys
from multiprocessing.pool import ThreadPool


class AutoPool:
    def __init__(self, mode, processes):
        self.mode = mode
        if mode == "multiprocessing":
            self.pool = multiprocessing.Pool(processes=processes)
        elif mode == "multithreading":
            self.pool = ThreadPool(processes=processes)
        else:
            self.pool = None

    def map(self, func, args):
        if self.pool is None:
            return list(map(func, args))
        return self.pool.map(func, args)

    def close(self):
        if self.pool is not None:
            self.pool.close()
            self.pool.join()


class WaterMarkCore:
    def __init__(self, password_img=1, mode="multiprocessing", processes=2, block_size=4):
        self.password_img = password_img
        self.block_size = block_size
        self.wm_bit = []
        self.pool = AutoPool(mode=mode, processes=processes)

    def read_wm(self, wm_bit):
        self.wm_bit = list(wm_bit)

    def block_add_wm(self, arg):
        block, shuffler, i = arg
        wm_1 = self.wm_bit[i % len(self.wm_bit)]
        strength = 36 if wm_1 else 20
        return [(value + strength * shuffler) % 256 for value in block]

    def embed(self, img):
        blocks = [img[i:i + self.block_size] for i in range(0, len(img), self.block_size)]
        args = [(block, self.password_img, i) for i, block in enumerate(blocks)]
        embedded = self.pool.map(self.block_add_wm, args)
        return [v for block in embedded for v in block]


def main():
    core = WaterMarkCore(mode="multiprocessing")
    try:
        core.read_wm([1, 0, 1, 1])
        out = core.embed(list(range(32)))
    finally:
        core.pool.close()
    print("RESULT=%d" % len(out))
    return 0 if len(out) == 32 else 3


if __name__ == "__main__":
    sys.exit(main())
