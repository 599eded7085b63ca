"""stefuna's Worker before PR #15: the worker config is a class attribute that the
Server sets in the parent process."""
from __future__ import annotations

import json


class Worker:
    # This is set to the single worker instance per child process.
    worker_instance = None

    # Worker config, set from the server init.
    config = None

    def __init__(self, region=None, heartbeat=0):
        self.region = region
        self.heartbeat = heartbeat

    def run_task(self, task_token, input_data):  # pragma: no cover - abstract
        raise NotImplementedError


def init_worker(worker_class, region, heartbeat):
    """One-time initialize of each worker process."""
    Worker.worker_instance = worker_class(region=region, heartbeat=heartbeat)


def run_worker_task(task_token, input_data):
    return Worker.worker_instance.run_task(task_token, json.loads(input_data))
