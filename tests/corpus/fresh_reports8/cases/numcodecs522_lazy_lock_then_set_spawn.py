# family: start_method
# hazard: none
# line: none
# files: r8kit/blosc_lazy.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/zarr-developers/numcodecs/issues/522 -- numcodecs' fix: the blosc mutex is made the first time compress() needs it, so importing the codec no longer fixes the context and the user's set_start_method("spawn") works
import multiprocessing as mp
import sys

import r8kit.blosc_lazy as blosc

CHUNKS = [bytes([i]) * 4096 for i in range(6)]


def encode_chunk(chunk):
    return len(blosc.compress(chunk))


class ChunkStore:
    def __init__(self, chunks, workers=2):
        self.chunks = chunks
        self.workers = workers

    def encoded_sizes(self):
        with mp.Pool(self.workers) as pool:
            return pool.map(encode_chunk, self.chunks)


def main():
    mp.set_start_method("spawn")
    sizes = ChunkStore(CHUNKS).encoded_sizes()
    print(f"RESULT={len(sizes)}")
    if len(sizes) != len(CHUNKS):
        sys.exit(3)


if __name__ == "__main__":
    main()
