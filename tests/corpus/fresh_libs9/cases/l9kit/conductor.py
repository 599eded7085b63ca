"""A conductor-python-like SDK after PR #414: Worker is spawn-safe (lazy ApiClient, locks dropped when pickled).

TaskHandler starts one multiprocessing.Process per worker and passes the Worker as an argument.
"""
import multiprocessing
import queue as queue_mod
import threading

_REGISTRY = {}


class RESTClientObject:
    def __init__(self, host):
        self.host = host
        self._reset_lock = threading.Lock()
        self.requests = 0


class ApiClient:
    def __init__(self, configuration):
        self.configuration = configuration
        self.rest_client = RESTClientObject(configuration.server_api_url)


class Configuration:
    def __init__(self, server_api_url="http://localhost:8080/api"):
        self.server_api_url = server_api_url


def worker_task(task_definition_name, poll_interval=0.05):
    def register(func):
        _REGISTRY[task_definition_name] = (func, poll_interval)
        return func
    return register


class Worker:
    def __init__(self, task_definition_name, execute_function, poll_interval, configuration):
        self.task_definition_name = task_definition_name
        self.execute_function = execute_function
        self.poll_interval = poll_interval
        self.configuration = configuration
        self._api_client = None
        self._pending_tasks_lock = threading.Lock()

    @property
    def api_client(self):
        if self._api_client is None:  # built in the worker process, after start
            self._api_client = ApiClient(self.configuration)
        return self._api_client

    def __getstate__(self):
        state = self.__dict__.copy()
        state["_api_client"] = None
        state["_pending_tasks_lock"] = None
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._pending_tasks_lock = threading.Lock()

    def execute(self, task_input):
        with self._pending_tasks_lock:
            return self.execute_function(**task_input)


def _run_worker(worker, tasks, results):
    while True:
        try:
            item = tasks.get(timeout=worker.poll_interval * 40)
        except queue_mod.Empty:
            return
        if item is None:
            return
        task_id, name, task_input = item
        results.put((task_id, worker.task_definition_name, worker.execute(task_input)))


class TaskHandler:
    def __init__(self, configuration, scan_for_annotated_workers=True, workers=()):
        self.configuration = configuration
        self.workers = list(workers)
        if scan_for_annotated_workers:
            for name, (func, interval) in sorted(_REGISTRY.items()):
                self.workers.append(Worker(name, func, interval, configuration))
        ctx = multiprocessing.get_context()
        self.task_queues = {w.task_definition_name: ctx.Queue() for w in self.workers}
        self.results = ctx.Queue()
        self.processes = [
            ctx.Process(target=_run_worker, args=(w, self.task_queues[w.task_definition_name], self.results),
                        name=f"worker-{w.task_definition_name}")
            for w in self.workers
        ]

    def start_processes(self):
        for p in self.processes:
            p.start()

    def submit(self, task_id, name, task_input):
        self.task_queues[name].put((task_id, name, task_input))

    def collect(self, n, timeout=10):
        return [self.results.get(timeout=timeout) for _ in range(n)]

    def stop_processes(self):
        for q in self.task_queues.values():
            q.put(None)
        for p in self.processes:
            if p.is_alive() or p.exitcode is None and p._popen is not None:
                p.join(timeout=5)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop_processes()
        return False
