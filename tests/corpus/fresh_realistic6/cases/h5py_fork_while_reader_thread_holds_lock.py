# family: fork_only
# hazard: fork-with-held-lock
# line: 54
# expect: fork=deadlock spawn=ok forkserver=ok
# timeout: 8
# note: https://github.com/h5py/h5py/issues/2584 -- threads read datasets through h5py (every call under the module lock `phil`) while the program forks a subprocess; a fork that lands while a reader holds phil leaves the lock held in the child, whose first read waits forever
"""Summarise a measurement file in a subprocess while prefetch threads keep reading it."""
import json
import os
import tempfile
import threading
from multiprocessing import Process, Queue

from opskit import h5lite


def write_measurements(folder):
    path = os.path.join(folder, "run.h5.json")
    with open(path, "w") as fh:
        json.dump({"values": list(range(10)), "calib": [0.5, 1.5]}, fh)
    return path


class Prefetcher:
    """Keeps the calibration block warm for the interactive viewer."""

    def __init__(self, h5file, rounds=1):
        self.h5file = h5file
        self.rounds = rounds
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        for _ in range(self.rounds):
            self.h5file.read("calib")

    def start(self):
        self.thread.start()
        self.h5file.busy.wait(5)
        return self


def summarize(path, out_q):
    f = h5lite.File(path)
    values = f.read("values")
    out_q.put((min(values), max(values), sum(values)))


def main():
    path = write_measurements(tempfile.mkdtemp(prefix="h5_"))
    viewer_file = h5lite.File(path, decode_latency=30.0)
    Prefetcher(viewer_file).start()
    out_q = Queue()
    proc = Process(target=summarize, args=(path, out_q))
    proc.start()  # ANCHOR
    summary = out_q.get(timeout=60)
    proc.join()
    print("RESULT=" + ",".join(map(str, summary)))
    return 0 if summary == (0, 9, 45) else 3


if __name__ == "__main__":
    raise SystemExit(main())
