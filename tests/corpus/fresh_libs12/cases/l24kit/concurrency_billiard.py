"""oasislmf.utils.concurrency after PR #90: billiard's Pool, which Celery's own workers use."""
from __future__ import annotations

from typing import Callable, Iterable

import billiard


def multiprocess(func: Callable, params: Iterable, pool_size: int = 2) -> list:
    params = list(params)
    pool = billiard.Pool(processes=pool_size)
    try:
        return pool.map(func, params)
    finally:
        pool.close()
        pool.join()
