"""Flow step description with a module-level default condition (after aqueduct PR 36)."""
from dataclasses import dataclass
from typing import Callable

from .handlers import BaseTaskHandler


def default_handle_condition(task):
    return True


@dataclass
class FlowStep:
    handler: BaseTaskHandler
    handle_condition: Callable = default_handle_condition
    nprocs: int = 1
    batch_size: int = 1
