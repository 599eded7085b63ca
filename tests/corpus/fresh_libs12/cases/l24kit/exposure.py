"""Exposure records and the per-location loss calculation of a toy catastrophe model (shared)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Location:
    loc_id: int
    tiv: float          # total insured value
    vulnerability: float


def ground_up_loss(loc: Location, hazard_intensity: float = 0.3) -> float:
    return round(loc.tiv * min(1.0, loc.vulnerability * hazard_intensity), 2)


def portfolio(n: int) -> list[Location]:
    return [Location(i, 1000.0 * (i + 1), 0.1 * (i % 4 + 1)) for i in range(n)]
