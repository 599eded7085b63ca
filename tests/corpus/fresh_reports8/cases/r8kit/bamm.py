"""A solver package that forces fork when imported (the change of PyBaMM #3975)."""
import multiprocessing as mp
import platform

if platform.system() != "Windows":
    mp.set_start_method("fork")


def _solve_one(inputs):
    current, capacity = inputs
    return round(capacity / current, 3)


class Simulation:
    def __init__(self, capacity):
        self.capacity = capacity

    def solve_batch(self, currents, nproc=2):
        with mp.Pool(nproc) as pool:
            return pool.map(_solve_one, [(c, self.capacity) for c in currents])
