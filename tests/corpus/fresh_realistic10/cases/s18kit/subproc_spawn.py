"""Launcher helpers; uses spawn to avoid fork issues in the simulator."""
from multiprocessing import set_start_method

from s18kit.agents import AgentSpec, make_specs, rollout

set_start_method("spawn")

__all__ = ["AgentSpec", "make_specs", "rollout"]
