"""A small job worker in the shape of saq's Worker: a queue name, a table of functions, a thread pool."""
import concurrent.futures
import importlib


class Worker:
    def __init__(self, queue_name, functions, concurrency=2):
        self.queue_name = queue_name
        self.functions = dict(functions)
        self.concurrency = concurrency
        self._executor = concurrent.futures.ThreadPoolExecutor(max_workers=concurrency)

    def run_once(self, jobs):
        futures = [self._executor.submit(self.functions[name], *args) for name, args in jobs]
        return [f.result() for f in futures]

    def close(self):
        self._executor.shutdown(wait=True)


def run_worker(worker, jobs, results):
    """Process target: run one batch of jobs on a worker built by the parent."""
    results.put((worker.queue_name, worker.run_once(jobs)))
    worker.close()


def load_app(app_path):
    module_name, _, attr = app_path.partition(":")
    return getattr(importlib.import_module(module_name), attr)


def run_worker_from_app(app_path, queue_name, jobs, results):
    """Process target: build the worker in the child from the app's import path."""
    config = load_app(app_path)
    worker = Worker(queue_name, config["functions"], config["concurrency"])
    run_worker(worker, jobs, results)
