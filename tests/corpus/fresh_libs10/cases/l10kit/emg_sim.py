"""emg3d-like survey, model and simulation (stand-in for emg3d.simulations before PR #250)."""
import threading
from dataclasses import dataclass, field


@dataclass
class Source:
    name: str
    strength: float


@dataclass
class Survey:
    sources: dict = field(default_factory=dict)
    frequencies: tuple = (1.0, 2.0)

    def add(self, name, strength):
        self.sources[name] = Source(name, strength)

    def pairs(self):
        return [(s, f) for s in self.sources for f in self.frequencies]


class Model:
    def __init__(self, resistivities):
        self.resistivities = list(resistivities)

    def conductivity(self):
        return sum(1.0 / r for r in self.resistivities)


class Simulation:
    """Keeps the computed fields in a dict guarded by a reentrant lock."""

    def __init__(self, survey, model, max_workers=2):
        self.survey = survey
        self.model = model
        self.max_workers = max_workers
        self._dict_efield = {}
        self._efield_lock = threading.RLock()

    def store(self, key, value):
        with self._efield_lock:
            self._dict_efield[key] = value

    def field_for(self, key):
        with self._efield_lock:
            return self._dict_efield.get(key)

    def total(self):
        with self._efield_lock:
            return round(sum(self._dict_efield.values()), 6)
