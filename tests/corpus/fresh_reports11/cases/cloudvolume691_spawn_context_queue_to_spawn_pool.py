# family: state
# hazard: none
# line: none
# files: r11kit/cv_exec.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/seung-lab/cloud-volume/pull/691 -- the merged fix: every primitive comes from the same explicit spawn context as the executor (ctx.Queue(), ctx.Lock()), whatever the default start method is
import argparse
import multiprocessing as mp
import sys

from r11kit.cv_exec import _download_chunk, parallel_execution


class VolumeDownloader:
    def __init__(self, shape, chunk, parallel=2):
        self.shape = shape
        self.chunk = chunk
        self.parallel = parallel

    def chunks(self):
        w, h = self.shape
        for x in range(0, w, self.chunk):
            for y in range(0, h, self.chunk):
                yield (x, y, min(x + self.chunk, w), min(y + self.chunk, h))

    def download(self):
        ctx = mp.get_context("spawn")
        progress = ctx.Queue()
        fs_lock = ctx.Lock()
        items = list(self.chunks())
        total = parallel_execution(_download_chunk, items, self.parallel,
                                   progress, fs_lock)
        done = 0
        while done < len(items):
            done += progress.get(timeout=5)
        return total


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--parallel", type=int, default=2)
    args = parser.parse_args(argv)
    vol = VolumeDownloader((64, 64), 32, parallel=args.parallel)
    total = vol.download()
    print("RESULT=", total)
    return 0 if total == 64 * 64 else 3


if __name__ == "__main__":
    sys.exit(main())
