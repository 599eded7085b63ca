"""stefuna's Worker after PR #15 ("Pass params to init_worker to handle spawned
worker processes properly on unix"): the config is a constructor argument that
init_worker receives through the pool's initargs."""
from __future__ import annotations

import json


class Worker:
    # This is set to the single worker instance per child process.
    worker_instance = None

    def __init__(self, config=None, region=None, heartbeat=0):
        self.config = config
        self.region = region
        self.heartbeat = heartbeat

    def run_task(self, task_token, input_data):  # pragma: no cover - abstract
        raise NotImplementedError


def init_worker(worker_class, worker_config, region, heartbeat, loglevel):
    """One-time initialize of each worker process."""
    Worker.worker_instance = worker_class(config=worker_config, region=region, heartbeat=heartbeat)


def run_worker_task(task_token, input_data):
    return Worker.worker_instance.run_task(task_token, json.loads(input_data))
