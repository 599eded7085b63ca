# family: args
# hazard: none
# line: none
# files: l24kit/__init__.py l24kit/mechanism.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/Cantera/cantera/issues/678 -- near miss: the usual answer to Cantera objects not pickling (closed as a duplicate of the pickling issue): build the Solution inside the task, so only the mechanism name and the strain rate travel to dask's worker processes
"""Generate a flamelet table for several strain rates with dask's process scheduler."""
from __future__ import annotations

import sys
from dataclasses import dataclass

import dask

from l24kit.mechanism import Solution, flame_temperature

dask.config.set(scheduler="processes", num_workers=2)

reaction_mechanism = "gri30.yaml"


@dataclass
class FlameletRow:
    strain: float
    t_max: float


def flamelet_gen(strain: float, mechanism: str = reaction_mechanism) -> FlameletRow:
    gas = Solution(mechanism)
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
