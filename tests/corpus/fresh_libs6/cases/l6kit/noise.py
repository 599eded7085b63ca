"""Noise model used by the simulation programs: one legacy RandomState for the whole module."""
import numpy as np

_state = np.random.RandomState()


def jitter(n):
    return _state.randint(0, 10**9, size=n)
