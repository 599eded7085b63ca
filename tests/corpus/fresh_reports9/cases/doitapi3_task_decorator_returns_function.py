# family: callable
# hazard: unpicklable-target
# line: 44
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/smarie/python-doit-api/issues/3 -- the fix the maintainer settles on: @task returns the decorated function itself (the task description is attached to it), so the action sent to the workers is the module attribute of the same name
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
        func.doit_task = TaskSpec(func.__name__, func, list(file_dep), list(targets))
        return func

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
        for func in self.tasks:
            spec = func.doit_task
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
