# family: state
# hazard: context-mismatch
# line: 31 r11kit/cv_exec.py:27
# files: r11kit/cv_exec.py
# expect: fork=semlock_context_mismatch spawn=ok forkserver=ok
# timeout: 15
# note: https://github.com/seung-lab/cloud-volume/pull/691 -- the download path made its progress Queue and its Lock with mp.Queue()/mp.Lock() (the default context, fork on Linux) and handed them to a ProcessPoolExecutor built on an explicit spawn context; it only worked when a library had already switched the default to spawn
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
        progress = mp.Queue()
        fs_lock = mp.Lock()
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
