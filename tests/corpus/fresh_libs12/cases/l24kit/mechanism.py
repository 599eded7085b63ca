"""A cantera-like Solution: a thermo/kinetics object backed by native state that cannot be pickled."""
from __future__ import annotations

import math
import threading


class Solution:
    """Gas mixture for a toy one-step mechanism. Like cantera's Cython-backed Solution, the native
    kinetics handle (here a lock guarding the rate cache) makes the object unpicklable."""

    def __init__(self, mechanism: str = "gri30.yaml"):
        self.mechanism = mechanism
        self._kinetics_lock = threading.Lock()
        self._rates: dict[float, float] = {}
        self.T = 300.0
        self.P = 101325.0

    def set_TP(self, T: float, P: float) -> None:
        self.T, self.P = T, P

    def rate(self) -> float:
        with self._kinetics_lock:
            if self.T not in self._rates:
                self._rates[self.T] = 1.0e3 * math.exp(-15000.0 / self.T)
            return self._rates[self.T]


def flame_temperature(gas: Solution, strain: float) -> float:
    """Toy counterflow flame: the peak temperature drops with the strain rate."""
    gas.set_TP(300.0 + 1700.0 / (1.0 + strain / 400.0), gas.P)
    return round(gas.T + 10.0 * gas.rate(), 1)
