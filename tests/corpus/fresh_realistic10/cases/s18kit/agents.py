"""Rollout agents run as subprocesses by the experiment launcher."""
from dataclasses import dataclass


@dataclass
class AgentSpec:
    agent_id: int
    episodes: int = 3
    seed: int = 0


def rollout(spec, results):
    total = 0
    for ep in range(spec.episodes):
        total += (spec.seed * 31 + spec.agent_id * 7 + ep) % 10
    results.put((spec.agent_id, total))


def make_specs(n, seed):
    return [AgentSpec(agent_id=i, seed=seed) for i in range(n)]
