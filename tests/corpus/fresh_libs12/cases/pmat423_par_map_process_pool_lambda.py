# family: callable
# hazard: lambda-to-process-pool-submit
# line: 40 l24kit/parallelism.py:18
# files: l24kit/__init__.py l24kit/markets.py l24kit/parallelism.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/gnosis/prediction-market-agent-tooling/pull/423 -- "Use Loky for parallelism": par_map's docstring warned "If executor is ProcessPoolExecutor, make sure the function passed is pickable, e.g. no lambda functions"; an agent that scores markets with a lambda through par_map(..., ProcessPoolExecutor) fails with "Can't pickle <function <lambda>>"
"""Score open markets in worker processes and pick the ones worth betting on."""
from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass

from l24kit.markets import Market, edge, sample_markets
from l24kit.parallelism import par_map


@dataclass
class KellyAgent:
    name: str
    bankroll: float
    min_edge: float = 0.05

    def estimate(self, market: Market) -> float:
        # a crude "model": lean against lopsided pools
        return round(0.5 + (0.5 - market.p_yes) * 0.4, 4)

    def stake(self, market: Market, est: float) -> float:
        e = edge(market, est)
        return round(self.bankroll * e, 2) if e >= self.min_edge else 0.0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bankroll", type=float, default=100.0)
    args = parser.parse_args()

    agent = KellyAgent("kelly", args.bankroll)
    markets = sample_markets()
    estimates = par_map(markets, lambda m: agent.estimate(m))
    stakes = {m.market_id: agent.stake(m, est) for m, est in zip(markets, estimates)}
    total = round(sum(stakes.values()), 2)
    print(f"RESULT={total}")
    return 0 if total == 28.0 else 3


if __name__ == "__main__":
    sys.exit(main())
