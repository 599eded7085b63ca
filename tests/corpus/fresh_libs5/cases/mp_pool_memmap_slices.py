# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/numpy/numpy/issues/2049 -- the same memory-mapped slices through the standard multiprocessing Pool: numpy's ndarray reduction sends each memmap block as a plain array copy, so the task arguments pickle.
import os
import tempfile
from multiprocessing import Pool

import numpy as np


def block_mean(block):
    return float(block.mean())


def make_signal(path, length=4000):
    np.save(path, np.arange(length, dtype="float64"))
    return np.load(path, mmap_mode="r")


def chunk_means(signal, chunks):
    step = len(signal) // chunks
    blocks = [signal[i * step:(i + 1) * step] for i in range(chunks)]
    with Pool(2) as pool:
        return pool.map(block_mean, blocks)


if __name__ == "__main__":
    signal = make_signal(os.path.join(tempfile.gettempdir(), "signal.npy"))
    print("RESULT=%d" % len(chunk_means(signal, 4)))
