"""Builder/runner half of the tiny auto-tuner (after tvm.autotvm.measure).

build_and_run() executes in a worker process and finds its task by name.
"""
from dataclasses import dataclass

from .autotvm_tasks import lookup


@dataclass(frozen=True)
class MeasureInput:
    task_name: str
    config: dict


@dataclass(frozen=True)
class MeasureResult:
    task_name: str
    tile: int
    cost: int
    error_no: int = 0


def _simulate(n, m, tile):
    # a deterministic stand-in for compiling and timing a kernel
    blocks = (n + tile - 1) // tile
    waste = blocks * tile - n
    return blocks * m + waste * 7


def build_and_run(inp):
    task = lookup(inp.task_name)
    n, m = task.args
    tile = inp.config["tile"]
    return MeasureResult(inp.task_name, tile, _simulate(n, m, tile))
