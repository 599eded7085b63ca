# family: args
# hazard: global-unpicklable-read-by-cloudpickled-task
# line: 35 34
# files: l24kit/__init__.py l24kit/mechanism.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/Cantera/cantera/issues/678 -- "won't work with dask": with dask.config.set(scheduler='processes') a batch of counterflow flamelets computed by dask.delayed(flamelet_gen) fails with "TypeError: no default __reduce__ due to non-trivial __cinit__": flamelet_gen, defined in the script, reads the module-level gas = ct.Solution(...), and cloudpickle ships it with the function
"""Generate a flamelet table for several strain rates with dask's process scheduler."""
from __future__ import annotations

import sys
from dataclasses import dataclass

import dask

from l24kit.mechanism import Solution, flame_temperature

dask.config.set(scheduler="processes", num_workers=2)

reaction_mechanism = "gri30.yaml"
gas = Solution(reaction_mechanism)


@dataclass
class FlameletRow:
    strain: float
    t_max: float


def flamelet_gen(strain: float) -> FlameletRow:
    return FlameletRow(strain, flame_temperature(gas, strain))


def build_table(strains: list[float]) -> list[FlameletRow]:
    tasks = [dask.delayed(flamelet_gen)(s) for s in strains]
    return list(dask.compute(*tasks))


def main() -> int:
    rows = build_table([100.0, 200.0, 400.0, 800.0])
    extinct = [r.strain for r in rows if r.t_max < 1200.0]
    print(f"RESULT={len(rows)}:{extinct}")
    return 0 if len(rows) == 4 else 3


if __name__ == "__main__":
    sys.exit(main())
