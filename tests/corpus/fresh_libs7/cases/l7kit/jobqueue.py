"""A job worker in the shape of faktory_worker_python's Worker (faktory/worker.py).

Jobs are fetched, looked up in a registry of callables and executed on a ProcessPoolExecutor;
the status of each job is sent back once its future is done."""
from concurrent.futures import ProcessPoolExecutor


class Worker:
    def __init__(self, queues=("default",), concurrency=2):
        self.queues = list(queues)
        self.concurrency = concurrency
        self._registry = {}
        self._executor = None
        self._pending = []

    def register(self, name, func):
        self._registry[name] = func

    @property
    def executor(self):
        if self._executor is None:
            self._executor = ProcessPoolExecutor(max_workers=self.concurrency)
        return self._executor

    def _process(self, job):
        func = self._registry[job["jobtype"]]
        future = self.executor.submit(func, *job.get("args", ()))
        self._pending.append((job["jid"], future))

    def send_status_to_faktory(self):
        statuses = {}
        for jid, future in self._pending:
            statuses[jid] = future.result(timeout=10)
        self._pending.clear()
        return statuses

    def run_jobs(self, jobs):
        try:
            for job in jobs:
                self._process(job)
            return self.send_status_to_faktory()
        finally:
            if self._executor is not None:
                self._executor.shutdown(wait=True)
