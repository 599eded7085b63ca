"""PyBDSF-like islands of an image and their Gaussian fits; degenerate islands crash the native fitter."""
import ctypes

import numpy as np


class Island:
    def __init__(self, island_id, image):
        self.island_id = island_id
        self.image = image

    @property
    def degenerate(self):
        return self.image.shape[0] < 2 or not np.isfinite(self.image).all()


def find_islands(count=10, bad=(6,), seed=11):
    rng = np.random.default_rng(seed)
    islands = []
    for k in range(count):
        size = 1 if k in bad else 6 + k % 3
        islands.append(Island(k, rng.normal(5.0, 1.0, size=(size, size))))
    return islands


def _native_fit(image):
    """Stand-in for the compiled fitter: like the MGFunction crash under numpy 2, a degenerate island makes it
    read through a null pointer and the process dies with SIGSEGV (no Python traceback)."""
    if image.shape[0] < 2:
        ctypes.string_at(0)
    return float(image.max()), float(image.mean())


def _python_fit(image):
    return float(np.nanmax(image)), float(np.nanmean(image))


def fit_island(isl, mode="native"):
    peak, mean = (_native_fit if mode == "native" else _python_fit)(isl.image)
    return isl.island_id, round(peak, 3), round(mean, 3)


def fit_island_native(isl):
    return fit_island(isl, "native")


def fit_island_python(isl):
    return fit_island(isl, "python")
