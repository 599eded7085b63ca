"""Isomer enumeration and 3D embedding on a process pool (Auto3D parallel_embed.py).
The pool uses the default context, which fixes the program's start method the
first time it starts workers."""
from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor


def _embed_one(smiles: str) -> tuple[str, list[list[float]]]:
    coords = [[float(i), float(len(smiles) % 7), float(ord(ch) % 5)] for i, ch in enumerate(smiles)]
    return smiles, coords


def embed_isomers(smiles_list: list[str], workers: int = 2) -> dict[str, list[list[float]]]:
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return dict(pool.map(_embed_one, smiles_list))
