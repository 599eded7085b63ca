"""oasislmf.utils.concurrency before PR #90: the multiprocessing wrapper on the stdlib Pool."""
from __future__ import annotations

import multiprocessing
from typing import Callable, Iterable


def multiprocess(func: Callable, params: Iterable, pool_size: int = 2) -> list:
    """Run func over params in a process pool and return the results in order."""
    params = list(params)
    pool = multiprocessing.Pool(processes=pool_size)
    try:
        return pool.map(func, params)
    finally:
        pool.close()
        pool.join()
