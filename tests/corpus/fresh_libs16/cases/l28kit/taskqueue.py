"""A celery-like task app: with pool="prefork" tasks run in billiard pool children (daemonic processes, as celery's
prefork workers), with pool="solo" in the worker process itself (celery's --pool=solo)."""
import logging
import traceback
from dataclasses import dataclass

import billiard

log = logging.getLogger("worker")


@dataclass
class TaskResult:
    task_id: str
    state: str
    value: object = None


def _trace_task(name, fn, args, kwargs):
    try:
        return TaskResult(name, "SUCCESS", fn(*args, **kwargs))
    except Exception as exc:
        traceback.print_exc()
        return TaskResult(name, "FAILURE", repr(exc))


class App:
    def __init__(self, name, pool="prefork", concurrency=2):
        self.name = name
        self.pool = pool
        self.concurrency = concurrency
        self.registry = {}

    def task(self, fn):
        self.registry[f"{fn.__module__}.{fn.__name__}"] = fn
        return fn

    def run_batch(self, calls):
        """calls: (task name, args, kwargs) triples, as the broker would deliver them."""
        jobs = [(name, self.registry[name], args, kwargs) for name, args, kwargs in calls]
        if self.pool == "solo":
            return [_trace_task(*job) for job in jobs]
        with billiard.Pool(self.concurrency) as workers:
            pending = [workers.apply_async(_trace_task, job) for job in jobs]
            return [p.get(timeout=120) for p in pending]
