# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: A safe form of the object in https://github.com/niosh-mining/obsplus/issues/222 ("No longer able to pickle WaveBank ... unable to pickle a generator object"): the bank still keeps a generator over its files, but its __getstate__ drops it (the index is re-read on demand), so the bank bound into the mapped function pickles under every start method.
"""Fetch waveforms for several time windows in parallel from a directory bank."""
import functools
import multiprocessing
import os
import sys
import tempfile


class WaveBank:
    def __init__(self, base_path):
        self.bank_path = base_path
        self._index_iter = None

    def __getstate__(self):
        state = dict(self.__dict__)
        state["_index_iter"] = None
        return state

    def update_index(self):
        self._index_iter = (name for name in sorted(os.listdir(self.bank_path)) if name.endswith(".mseed"))
        return self

    def read_index(self):
        return [n for n in sorted(os.listdir(self.bank_path)) if n.endswith(".mseed")]

    def get_waveforms(self, starttime, endtime):
        return [n for n in self.read_index() if starttime <= int(n.split("_")[1].split(".")[0]) < endtime]


def fetch_window(bank, window):
    return len(bank.get_waveforms(*window))


def main():
    folder = tempfile.mkdtemp()
    for t in range(6):
        open(os.path.join(folder, "UU_%d.mseed" % (t * 10)), "w").close()
    bank = WaveBank(folder).update_index()
    windows = [(0, 20), (20, 40), (40, 60)]
    with multiprocessing.Pool(2) as pool:
        counts = pool.map(functools.partial(fetch_window, bank), windows)
    print("RESULT=%s" % counts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
