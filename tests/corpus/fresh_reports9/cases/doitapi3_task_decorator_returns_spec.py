# family: callable
# hazard: unpicklable-target
# line: 44
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/smarie/python-doit-api/issues/3 -- "PicklingError: Can't pickle <function a>: it's not the same object as dodo.a" with num_process=2: @task replaces the dodo function by a task object that keeps the function as its action, and the parallel runner sends that action to worker processes
import multiprocessing
import sys
from dataclasses import dataclass, field


@dataclass
class TaskSpec:
    name: str
    action: object
    file_dep: list = field(default_factory=list)
    targets: list = field(default_factory=list)


def task(_func=None, *, file_dep=(), targets=()):
    def decorate(func):
        return TaskSpec(func.__name__, func, list(file_dep), list(targets))

    return decorate(_func) if _func is not None else decorate


def execute_action(name, action, results):
    results.put((name, action()))


class MRunner:
    """Reduced doit MRunner: one process per ready task when num_process > 1."""

    def __init__(self, tasks, num_process=2):
        self.tasks = tasks
        self.num_process = num_process

    def run_all(self):
        results = multiprocessing.Queue()
        procs = []
        for spec in self.tasks:
            p = multiprocessing.Process(target=execute_action, args=(spec.name, spec.action, results))
            procs.append(p)
        for p in procs:
            p.start()
        out = dict(results.get(timeout=5) for _ in procs)
        for p in procs:
            p.join(5)
        return out


@task(targets=["a.txt"])
def a():
    return "built a"


@task(file_dep=["a.txt"])
def b():
    return "built b"


if __name__ == "__main__":
    done = MRunner([a, b], num_process=2).run_all()
    print(f"RESULT={sorted(done.items())}")
    sys.exit(0 if done == {"a": "built a", "b": "built b"} else 3)
