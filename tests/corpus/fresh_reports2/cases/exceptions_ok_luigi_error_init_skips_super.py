# family: exceptions
# hazard: none
# line: none
# timeout: 15
# expect: fork=ok spawn=ok forkserver=ok
# note: The shape of https://github.com/spotify/luigi/issues/1227 ("Workers dying on errors that can't be unpickled": `class MyError(BaseException): def __init__(self, a, b): pass` raised in a task's run() killed the scheduler with "TypeError: ('__init__() takes exactly 3 arguments (1 given)', <class '__main__.MyError'>, ())" from the result queue, on Python 2.7), which is safe on Python 3: BaseException.__new__ keeps the constructor's arguments in args even when __init__ does not call super().__init__, so the parent rebuilds MyError(1, 2) (written as a hazard, observed clean under every start method on 3.11-3.13: a near miss).
"""Run pipeline tasks in their own processes and collect their status."""
import multiprocessing
import sys


class MyError(BaseException):
    def __init__(self, a, b):
        pass


class Task:
    def __init__(self, task_id):
        self.task_id = task_id

    def run(self):
        if self.task_id == "MyTask":
            raise MyError(1, 2)
        return "done"


class TaskProcess(multiprocessing.Process):
    def __init__(self, task, result_queue):
        super().__init__()
        self.task = task
        self.result_queue = result_queue

    def run(self):
        try:
            status, error = "DONE", None
            self.task.run()
        except BaseException as ex:  # noqa: BLE001 - reported to the scheduler
            status, error = "FAILED", ex
        self.result_queue.put((self.task.task_id, status, error))


class Worker:
    def __init__(self, wait_interval=5):
        self.wait_interval = wait_interval
        self._task_result_queue = multiprocessing.Queue()

    def run(self, tasks):
        procs = [TaskProcess(t, self._task_result_queue) for t in tasks]
        for p in procs:
            p.start()
        statuses = [self._task_result_queue.get(timeout=self.wait_interval)[:2] for _ in procs]
        for p in procs:
            p.join()
        return sorted(statuses)


if __name__ == "__main__":
    print("RESULT=%s" % Worker().run([Task("Prepare"), Task("MyTask")]))
    sys.exit(0)
