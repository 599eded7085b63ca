"""spectral-cube's FilledArrayHandler after PR #712: it keeps only the data and the mask."""
import numpy as np


class FilledArrayHandler:
    """Lazily fills masked-out values; handed to dask.array.from_array."""

    def __init__(self, cube, fill=np.nan):
        self._data = cube._data
        self._mask = cube._mask
        self._fill = fill
        self.shape = cube._data.shape
        self.dtype = cube._data.dtype
        self.ndim = len(self.shape)

    def __getitem__(self, view):
        return np.where(self._mask[view], self._data[view], self._fill)
