"""A DaskSpectralCube-like container: data, a boolean mask, WCS-ish metadata and a lock guarding its caches."""
import threading

import numpy as np


class SpectralAxis:
    def __init__(self, start, step, n):
        self.values = [start + i * step for i in range(n)]
        self.unit = "km/s"


class DaskSpectralCube:
    def __init__(self, data, mask, spectral_axis, header=None):
        self._data = data
        self._mask = mask
        self.spectral_axis = spectral_axis
        self.header = dict(header or {})
        self._cache_lock = threading.RLock()
        self._cache = {}
        self._scheduler_kwargs = {"scheduler": "synchronous"}

    @property
    def shape(self):
        return self._data.shape

    def use_dask_scheduler(self, scheduler, num_workers=None):
        self._scheduler_kwargs = {"scheduler": scheduler}
        if num_workers is not None:
            self._scheduler_kwargs["num_workers"] = num_workers

    def cached(self, key, compute):
        with self._cache_lock:
            if key not in self._cache:
                self._cache[key] = compute()
            return self._cache[key]


def synthetic_cube(nchan=6, ny=8, nx=8):
    rng = np.random.default_rng(12)
    data = rng.normal(1.0, 0.1, size=(nchan, ny, nx)).round(3)
    mask = data > 0.95
    return DaskSpectralCube(data, mask, SpectralAxis(-10.0, 2.0, nchan), header={"BUNIT": "K"})
