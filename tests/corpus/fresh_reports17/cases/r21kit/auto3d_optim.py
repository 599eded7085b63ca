"""Geometry optimisation on the accelerator (Auto3D batch_opt), one chunk per task."""
from __future__ import annotations

from . import auto3d_device as device


class OptimizationError(RuntimeError):
    pass


def optimize_chunk(chunk: dict[str, list[list[float]]], gpu_idx: int, steps: int) -> dict[str, float]:
    energies = {}
    for smiles, coords in chunk.items():
        optimized = device.run_batch(gpu_idx, coords, steps)
        energies[smiles] = round(sum(sum(x * x for x in c) for c in optimized), 6)
    return energies


def estimate_batch_size(gpu_idx: int, atoms: int) -> int:
    free, _total = device.mem_get_info(gpu_idx)
    return max(1, min(64, free // (atoms * 2**20)))
