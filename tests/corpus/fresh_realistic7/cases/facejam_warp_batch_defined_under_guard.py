# family: callable
# hazard: main-only-function
# line: 28
# expect: fork=ok spawn=attribute_error_mp_main+hang forkserver=attribute_error_mp_main+hang
# timeout: 8
# note: https://github.com/ctralie/FaceJam/issues/2 -- "AttributeError: Can't get attribute 'makeWarpsBatch' on <module '__mp_main__' from ...FaceJam.py'>" repeated by every SpawnPoolWorker on Windows; reduced to an argparse CLI whose batch warp function is defined inside the `if __name__ == "__main__":` block and mapped over a Pool
import argparse
import multiprocessing as mp
import sys


def triangle_area(tri):
    (x1, y1), (x2, y2), (x3, y3) = tri
    return abs(x1 * (y2 - y3) + x2 * (y3 - y1) + x3 * (y1 - y2)) / 2.0


def split_batches(frames, n):
    return [frames[i::n] for i in range(n)]


class FaceJam:
    def __init__(self, n_frames, n_threads):
        self.frames = [[(0, 0), (i + 1, 0), (0, i + 2)] for i in range(n_frames)]
        self.n_threads = n_threads

    def warp_all(self, warp_fn):
        with mp.Pool(self.n_threads) as pool:
            parts = pool.map(warp_fn, split_batches(self.frames, self.n_threads))
        return sum(parts, [])


if __name__ == "__main__":
    def makeWarpsBatch(batch):
        return [round(triangle_area(t), 2) for t in batch]

    ap = argparse.ArgumentParser(description="warp a face onto a song's beats")
    ap.add_argument("--frames", type=int, default=8)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    jam = FaceJam(args.frames, args.threads)
    areas = jam.warp_all(makeWarpsBatch)
    print("warped", len(areas), "frames; total area", sum(areas))
    sys.exit(0)
