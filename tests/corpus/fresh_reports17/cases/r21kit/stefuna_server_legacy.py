"""stefuna's Server before PR #15."""
from __future__ import annotations

import os
from multiprocessing import Pool

from .stefuna_config import activity_region
from .stefuna_worker_legacy import init_worker, run_worker_task


class Server:
    worker_class = None

    def __init__(self, name="StefunaWorker", activity_arn=None, processes=None, heartbeat=0,
                 maxtasksperchild=100, server_config=None, worker_config=None):
        if Server.worker_class is None:
            raise ValueError("Server.worker_class must be set to a Worker subclass "
                             "before creating a server instance.")
        Server.worker_class.config = worker_config
        self.config = server_config
        region = activity_region(activity_arn)
        self.server_name = f"{name}-{os.getpid()}"
        self.pool = Pool(processes=processes or os.cpu_count(), initializer=init_worker,
                         initargs=(Server.worker_class, region, heartbeat),
                         maxtasksperchild=maxtasksperchild)

    def run_tasks(self, tasks):
        pending = [self.pool.apply_async(run_worker_task, (token, data)) for token, data in tasks]
        return [p.get(timeout=20) for p in pending]

    def close(self):
        self.pool.close()
        self.pool.join()
