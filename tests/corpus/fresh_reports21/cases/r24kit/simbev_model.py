"""simbev-like model: a configuration read from the command line and one simulation per region."""
import configparser
import io
from dataclasses import dataclass


@dataclass(frozen=True)
class SimConfig:
    days: int
    step_minutes: int
    charging_kw: float
    seed: int

    @classmethod
    def from_ini(cls, text):
        parser = configparser.ConfigParser()
        parser.read_file(io.StringIO(text))
        sim = parser["sim_params"]
        return cls(days=sim.getint("days"), step_minutes=sim.getint("stepsize"),
                   charging_kw=sim.getfloat("charging_kw"), seed=sim.getint("seed"))


DEFAULT_INI = """[sim_params]
days = 3
stepsize = 15
charging_kw = 11.0
seed = 7
"""

REGIONS = {"LR_Klein": 12, "LR_Mitte": 30, "SR_Gross": 55, "SR_Metro": 80}


def simulate_region(name, cars, cfg):
    """Energy (kWh) charged by the region's cars over the simulated days; deterministic for a seed."""
    steps_per_day = 24 * 60 // cfg.step_minutes
    state = (cfg.seed * 31 + len(name)) % 97
    charged = 0.0
    for day in range(cfg.days):
        for car in range(cars):
            state = (state * 17 + car + day) % 97
            if state % 4 == 0:
                charged += cfg.charging_kw * (state % steps_per_day + 1) * cfg.step_minutes / 60
    return name, round(charged, 1)
