"""spectral-cube's FilledArrayHandler before PR #712: it keeps the whole cube."""
import numpy as np


class FilledArrayHandler:
    """Lazily fills masked-out values; handed to dask.array.from_array."""

    def __init__(self, cube, fill=np.nan):
        self._cube = cube
        self._fill = fill
        self.shape = cube._data.shape
        self.dtype = cube._data.dtype
        self.ndim = len(self.shape)

    def __getitem__(self, view):
        data = self._cube._data[view]
        mask = self._cube._mask[view]
        return np.where(mask, data, self._fill)
