# family: fork_only
# hazard: none
# line: none
# files: r8kit/h5.py r8kit/h5_forksafe.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/h5py/h5py/pull/2585 -- the fix for h5py #2584: os.register_at_fork acquires `phil` in the forking thread before the fork and releases it in parent and child after, so the fork waits for the reader and the child gets a free lock
import multiprocessing as mp
import os
import sys
import tempfile
import threading

from r8kit import h5_forksafe as h5


def child_reads(path, out):
    out.put(sum(h5.File(path).read_values()))


def write_values(folder, i):
    path = os.path.join(folder, f"test{i}.h5")
    with open(path, "w") as fh:
        fh.write(" ".join(str(float(v)) for v in range(10 * i, 10 * i + 10)))
    return path


class ReaderPool:
    def __init__(self, paths):
        self.paths = paths
        self.locked = threading.Event()
        self.threads = [threading.Thread(target=self._read, args=(p, i == 0)) for i, p in enumerate(paths)]

    def _read(self, path, slow):
        h5.File(path).read_values(on_locked=self.locked.set if slow else None, hold=2.0 if slow else 0.0)

    def start(self):
        for t in self.threads:
            t.start()
        self.locked.wait()

    def join(self):
        for t in self.threads:
            t.join()


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        paths = [write_values(folder, i) for i in range(3)]
        readers = ReaderPool(paths)
        readers.start()
        out = mp.Queue()
        proc = mp.Process(target=child_reads, args=(paths[1], out))
        proc.start()
        total = out.get()
        proc.join()
        readers.join()
    print(f"RESULT={total}")
    if total != 145.0:
        sys.exit(3)
