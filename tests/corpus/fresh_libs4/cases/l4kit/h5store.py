"""HDF5-backed samples, eager and lazy (the lazy one drops its handle when pickled)."""
import h5py
import numpy as np


def write_samples(path, n=8):
    with h5py.File(path, "w") as fh:
        fh.create_dataset("x", data=np.arange(n * 3, dtype="f8").reshape(n, 3))


class H5Samples:
    def __init__(self, path):
        self.path = path
        self.file = h5py.File(path, "r")

    def __len__(self):
        return self.file["x"].shape[0]

    def row_sum(self, index):
        return float(self.file["x"][index].sum())


class LazyH5Samples:
    def __init__(self, path):
        self.path = path
        self._file = None

    @property
    def file(self):
        if self._file is None:
            self._file = h5py.File(self.path, "r")
        return self._file

    def __getstate__(self):
        return {"path": self.path, "_file": None}

    def row_sum(self, index):
        return float(self.file["x"][index].sum())
