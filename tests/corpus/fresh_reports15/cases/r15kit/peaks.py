"""Per-voxel model fitting for a peaks-from-model run (after dipy.direction.peaks).

fit_chunk() runs in a worker process and reports through the status console.
"""
from dataclasses import dataclass

from . import console


@dataclass(frozen=True)
class Chunk:
    index: int
    voxels: tuple


def _fit_voxel(signal):
    # the direction with the largest response, as a stand-in for a peak search
    return max(range(len(signal)), key=lambda i: (signal[i], -i))


def fit_chunk(chunk):
    peaks = [_fit_voxel(v) for v in chunk.voxels]
    console.write(f"chunk {chunk.index}: {len(peaks)} voxels")
    return chunk.index, peaks


def make_chunks(n_voxels, n_dirs, chunk_size):
    voxels = [tuple((v * 7 + d * 3) % 11 for d in range(n_dirs)) for v in range(n_voxels)]
    return [Chunk(i, tuple(voxels[s:s + chunk_size]))
            for i, s in enumerate(range(0, n_voxels, chunk_size))]
