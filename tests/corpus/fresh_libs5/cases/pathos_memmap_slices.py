# family: args
# hazard: unpicklable-argument
# line: 27
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/numpy/numpy/issues/2049 -- "currently cant pickle a np.memmap object" (closed won't-fix: pickling a memmap would need the file object). Plain pickle now copies a memmap as an array, but dill (pathos) pickles the object's `_mmap` and fails: "cannot pickle 'mmap.mmap' object".
import os
import tempfile

import numpy as np
from pathos.pools import ProcessPool


def block_mean(block):
    return float(block.mean())


def make_signal(path, length=4000):
    np.save(path, np.arange(length, dtype="float64"))
    return np.load(path, mmap_mode="r")


def chunk_means(signal, chunks):
    step = len(signal) // chunks
    blocks = [signal[i * step:(i + 1) * step] for i in range(chunks)]
    pool = ProcessPool(nodes=2)
    try:
        return pool.map(block_mean, blocks)
    finally:
        pool.close()
        pool.join()
        pool.clear()


if __name__ == "__main__":
    signal = make_signal(os.path.join(tempfile.gettempdir(), "signal.npy"))
    print("RESULT=%d" % len(chunk_means(signal, 4)))
