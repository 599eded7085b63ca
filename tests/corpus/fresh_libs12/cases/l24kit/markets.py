"""Prediction-market records and the scoring helpers the agents use (shared, no processes here)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Market:
    market_id: str
    question: str
    yes_pool: float
    no_pool: float
    tags: tuple = field(default_factory=tuple)

    @property
    def p_yes(self) -> float:
        total = self.yes_pool + self.no_pool
        return self.yes_pool / total if total else 0.5


def sample_markets() -> list[Market]:
    return [
        Market("m1", "Will it rain?", 30.0, 70.0, ("weather",)),
        Market("m2", "Will the bill pass?", 55.0, 45.0, ("politics",)),
        Market("m3", "Will BTC close up?", 50.0, 50.0, ("crypto",)),
        Market("m4", "Will the team win?", 80.0, 20.0, ("sports",)),
    ]


def edge(market: Market, estimate: float) -> float:
    """Expected edge of betting YES at the pool price with our estimate."""
    return round(estimate - market.p_yes, 4)
