# family: callable
# hazard: none
# line: none
# files: l24kit/__init__.py l24kit/markets.py l24kit/parallelism_loky.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/gnosis/prediction-market-agent-tooling/pull/423 -- near miss: the PR's change, par_map on loky's reusable executor; "Loky is using ProcessPool, but they are doing some magic behind the scenes such that even lambdas are okay" (cloudpickle)
"""Score open markets in worker processes and pick the ones worth betting on."""
from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass

from l24kit.markets import Market, edge, sample_markets
from l24kit.parallelism_loky import par_map


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
