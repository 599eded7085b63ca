"""Task registry of a tiny auto-tuning framework, after tvm.autotvm.task.

Tasks are looked up by name in the module-level TASK_TABLE, both when a
measurement is requested and inside the measuring worker.
"""
from dataclasses import dataclass, field

TASK_TABLE = {}


@dataclass
class Task:
    name: str
    args: tuple
    flop: int = 0
    tags: list = field(default_factory=list)


def create(name, n, m, *tags):
    return Task(name=name, args=(n, m), flop=2 * n * m, tags=list(tags))


def register_task(task):
    if task.name in TASK_TABLE:
        raise ValueError(f"task {task.name!r} registered twice")
    TASK_TABLE[task.name] = task
    return task


def lookup(name):
    return TASK_TABLE[name]
