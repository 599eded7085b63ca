# family: start_method
# hazard: set-start-method-misuse
# line: 30 r8kit/blosc.py:5
# files: r8kit/blosc.py
# expect: fork=context_already_set spawn=context_already_set forkserver=context_already_set
# note: https://github.com/zarr-developers/numcodecs/issues/522 -- `import numcodecs` then mp.set_start_method("spawn") raises "context has already been set": numcodecs.blosc made a multiprocessing.Lock() at import, and making a Lock fixes the default context
import multiprocessing as mp
import sys

import r8kit.blosc as blosc

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
