"""A tiny prefork task runner in the style of celery's prefork pool: tasks are
registered by name with ``@app.task`` and executed in a multiprocessing.Pool."""
from multiprocessing import Pool


class TaskApp:
    registry = {}

    def __init__(self, name, concurrency=2):
        self.name = name
        self.concurrency = concurrency
        self._pool = None

    def task(self, func):
        TaskApp.registry[f"{self.name}.{func.__name__}"] = func
        func.task_name = f"{self.name}.{func.__name__}"
        return func

    def start(self):
        self._pool = Pool(self.concurrency)
        return self

    def send_task(self, task_name, *args):
        return self._pool.apply_async(_execute, (task_name, args))

    def stop(self):
        self._pool.close()
        self._pool.join()


def _execute(task_name, args):
    func = TaskApp.registry[task_name]
    return func(*args)
