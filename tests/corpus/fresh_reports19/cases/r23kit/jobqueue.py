"""A chancy-like job queue: job records, a registry of job functions and the queue the worker pulls from."""
import os
from collections import deque
from dataclasses import dataclass, field


@dataclass
class Job:
    id: int
    func: str
    kwargs: dict = field(default_factory=dict)
    max_attempts: int = 1
    attempts: int = 0
    state: str = "pending"


def make_thumbnail(size):
    return sum(i * i for i in range(size)) % 997


def render_report(pages):
    return pages * 11


def native_decode(blob):
    # a C extension that aborts on a corrupt blob: the worker process dies without a traceback
    if blob == "corrupt":
        os._exit(134)
    return len(blob)


REGISTRY = {
    "thumbnail": make_thumbnail,
    "report": render_report,
    "decode": native_decode,
}


def run_job(func_name, kwargs):
    """What runs inside a pool worker."""
    return REGISTRY[func_name](**kwargs)


class MemoryQueue:
    def __init__(self, jobs):
        self._pending = deque(jobs)

    def pull(self):
        return self._pending.popleft() if self._pending else None


def sample_jobs():
    return [
        Job(1, "thumbnail", {"size": 50}),
        Job(2, "report", {"pages": 3}),
        Job(3, "decode", {"blob": "corrupt"}),
        Job(4, "thumbnail", {"size": 80}),
        Job(5, "decode", {"blob": "abcdef"}),
        Job(6, "report", {"pages": 7}),
    ]
