"""A CompileIQ-like MultiProcessWorker (compileiq/worker.py).

Importing this module chooses the start method for the whole program: the
CIQ_PROCESS_MODE environment variable (default "forkserver"), spawn on Windows,
and set_start_method(..., force=True).  Each worker owns a Manager and runs the
objective in a fixed number of processes fed through manager queues.
"""
from __future__ import annotations

import multiprocessing
import os
import sys
import warnings
from queue import Empty

if getattr(sys, "frozen", False) and hasattr(sys, "_MEIPASS"):
    multiprocessing.freeze_support()
else:
    mp_mode = os.environ.get("CIQ_PROCESS_MODE", "forkserver")
    if sys.platform == "win32":
        if "CIQ_PROCESS_MODE" in os.environ:
            warnings.warn("Fork multiprocessing is not available on Windows. Switching to spawn mode.",
                          RuntimeWarning)
        mp_mode = "spawn"
    if mp_mode not in multiprocessing.get_all_start_methods():
        raise ValueError(f"Invalid multiprocessing start method: {mp_mode}")
    multiprocessing.set_start_method(mp_mode, force=True)


def _run_jobs(function, job_queue, scores_queue):
    while True:
        try:
            job_id, params = job_queue.get(timeout=0.5)
        except Empty:
            return
        scores_queue.put((job_id, function(**params)))


class MultiProcessWorker:
    def __init__(self, cache_folder: str) -> None:
        self.cache_folder = cache_folder
        try:
            self.manager = multiprocessing.Manager()
        except EOFError as e:
            raise RuntimeError("Something went wrong when instantiating a manager. Did you perhaps "
                               "forget to put the code in `if __name__ == '__main__'`?") from e

    def run(self, function, params_pool, num_workers: int = 2) -> list:
        job_queue = self.manager.Queue()
        scores_queue = self.manager.Queue()
        for i, params in enumerate(params_pool):
            job_queue.put((i, params))
        procs = [multiprocessing.Process(target=_run_jobs, args=(function, job_queue, scores_queue))
                 for _ in range(num_workers)]
        for p in procs:
            p.start()
        for p in procs:
            p.join()
        scores = dict(scores_queue.get() for _ in range(len(params_pool)))
        return [scores[i] for i in range(len(params_pool))]

    def close(self) -> None:
        self.manager.shutdown()
