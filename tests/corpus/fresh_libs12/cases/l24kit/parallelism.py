"""par_map as prediction_market_agent_tooling/tools/parallelism.py had it before the loky PR."""
from __future__ import annotations

import concurrent.futures
from concurrent.futures import Executor, ProcessPoolExecutor
from typing import Callable, TypeVar

A = TypeVar("A")
B = TypeVar("B")


def par_map(items: list[A], func: Callable[[A], B], executor: Executor | None = None) -> list[B]:
    """Applies the function to each element using the specified executor. Awaits all results.
    If executor is a ProcessPoolExecutor, make sure the function passed is picklable."""
    own = executor is None
    executor = executor or ProcessPoolExecutor(max_workers=2)
    try:
        futures: list[concurrent.futures.Future] = [executor.submit(func, item) for item in items]
        return [fut.result() for fut in futures]
    finally:
        if own:
            executor.shutdown()
