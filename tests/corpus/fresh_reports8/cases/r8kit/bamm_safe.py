"""The solver package after the fix asked for in PyBaMM #3997: setting fork may fail quietly."""
import multiprocessing as mp
import platform
import warnings

if platform.system() != "Windows":
    try:
        mp.set_start_method("fork")
    except RuntimeError:
        warnings.warn("start method already set; parallel solves use it", stacklevel=2)


def _solve_one(inputs):
    current, capacity = inputs
    return round(capacity / current, 3)


class Simulation:
    def __init__(self, capacity):
        self.capacity = capacity

    def solve_batch(self, currents, nproc=2):
        with mp.Pool(nproc) as pool:
            return pool.map(_solve_one, [(c, self.capacity) for c in currents])
