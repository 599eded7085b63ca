# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/nubs01/blechpy/issues/14 -- the dataset made picklable: __getstate__ leaves the open log out and __setstate__ reopens it from the path, so the Pool tasks can carry the dataset
import multiprocessing
import os
import sys
import tempfile
from functools import partial


def detect_channel(dataset, channel):
    samples = dataset.samples[channel]
    threshold = dataset.params["threshold"]
    return channel, sum(1 for s in samples if abs(s) > threshold)


class Dataset:
    def __init__(self, root, n_channels=4):
        self.root = root
        self.params = {"threshold": 2, "n_cores": 2}
        self.samples = {c: [(i * (c + 1)) % 7 - 3 for i in range(50)] for c in range(n_channels)}
        self.log = open(os.path.join(root, "processing.log"), "a")

    def __getstate__(self):
        state = self.__dict__.copy()
        del state["log"]
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self.log = open(os.path.join(self.root, "processing.log"), "a")

    def write_log(self, line):
        self.log.write(line + "\n")
        self.log.flush()

    def detect_spikes(self):
        self.write_log("detecting spikes")
        with multiprocessing.Pool(self.params["n_cores"]) as pool:
            counts = dict(pool.map(partial(detect_channel, self), sorted(self.samples)))
        self.write_log(f"done: {counts}")
        return counts


def main():
    dat = Dataset(tempfile.mkdtemp())
    counts = dat.detect_spikes()
    print("RESULT=" + ",".join(str(counts[c]) for c in sorted(counts)))
    sys.exit(0 if len(counts) == 4 else 3)


if __name__ == "__main__":
    main()
