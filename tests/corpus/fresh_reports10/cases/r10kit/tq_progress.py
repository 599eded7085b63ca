"""Task execution with a progress channel, in the shape of python-task-queue's LocalTaskQueue."""
from dataclasses import dataclass

PROGRESS = None


def init_progress(queue):
    global PROGRESS
    PROGRESS = queue


@dataclass
class SquareTask:
    n: int

    def execute(self):
        return self.n * self.n


def execute(task):
    result = task.execute()
    PROGRESS.put(1)
    return result
