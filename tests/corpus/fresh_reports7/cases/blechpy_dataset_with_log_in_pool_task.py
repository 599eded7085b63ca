# family: args
# hazard: unpicklable-argument
# line: 33
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/nubs01/blechpy/issues/14 -- dat.detect_spikes() sent the dataset object to Pool workers while the dataset kept an open '_io.TextIOWrapper' log, so every run failed with "cannot serialize '_io.TextIOWrapper' object"
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
