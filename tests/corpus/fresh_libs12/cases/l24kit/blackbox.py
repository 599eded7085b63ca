"""A poli-like black-box base class: one row of x per worker process when parallelize=True."""
from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor

import numpy as np


class AbstractBlackBox:
    def __init__(self, batch_size: int = 1, parallelize: bool = False, num_workers: int = 2):
        self.batch_size = batch_size
        self.parallelize = parallelize
        self.num_workers = num_workers
        self.calls = 0

    def _black_box(self, x: np.ndarray, context=None) -> np.ndarray:
        raise NotImplementedError

    def __call__(self, x: np.ndarray, context=None) -> np.ndarray:
        self.calls += x.shape[0]
        if not self.parallelize:
            return self._black_box(x, context)
        with ProcessPoolExecutor(max_workers=self.num_workers) as executor:
            futures = [
                executor.submit(self._black_box, x[i : i + 1], context)
                for i in range(x.shape[0])
            ]
            rows = [fut.result() for fut in futures]
        return np.concatenate(rows, axis=0)


def encode(sequences: list[str], alphabet: str = "ACDEFGHIKLMNPQRSTVWY") -> np.ndarray:
    """Sequences as an (n, 1) array of strings, the way poli passes them."""
    for seq in sequences:
        bad = set(seq) - set(alphabet)
        if bad:
            raise ValueError(f"unknown residues {bad}")
    return np.array(sequences, dtype=object).reshape(-1, 1)
