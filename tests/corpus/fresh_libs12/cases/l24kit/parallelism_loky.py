"""par_map after PR #423: loky's reusable executor (cloudpickle), so lambdas are fine."""
from __future__ import annotations

from typing import Callable, TypeVar

from loky import get_reusable_executor

A = TypeVar("A")
B = TypeVar("B")


def par_map(items: list[A], func: Callable[[A], B], max_workers: int = 2) -> list[B]:
    executor = get_reusable_executor(max_workers=max_workers)
    futures = [executor.submit(func, item) for item in items]
    return [fut.result() for fut in futures]
