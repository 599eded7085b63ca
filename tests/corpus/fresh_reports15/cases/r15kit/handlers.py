"""Task handlers of a small pipeline framework (after aqueduct's BaseTaskHandler)."""
from dataclasses import dataclass


@dataclass
class Task:
    task_id: int
    width: int
    height: int
    scale: float = 1.0
    result: int = 0


class BaseTaskHandler:
    def on_start(self):
        """Heavy set-up (a model) happens here, in the worker process."""

    def handle(self, *tasks):
        raise NotImplementedError


class ResizeHandler(BaseTaskHandler):
    def __init__(self, factor):
        self.factor = factor

    def handle(self, *tasks):
        for task in tasks:
            task.scale = self.factor


class AreaHandler(BaseTaskHandler):
    def handle(self, *tasks):
        for task in tasks:
            task.result = int(task.width * task.height * task.scale * task.scale)
