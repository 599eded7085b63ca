"""Flow step description (after aqueduct.flow.FlowStep before PR 36)."""
from dataclasses import dataclass
from typing import Callable

from .handlers import BaseTaskHandler


@dataclass
class FlowStep:
    handler: BaseTaskHandler
    handle_condition: Callable = lambda task: True
    nprocs: int = 1
    batch_size: int = 1
