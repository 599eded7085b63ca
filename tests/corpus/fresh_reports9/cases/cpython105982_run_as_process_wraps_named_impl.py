# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/python/cpython/issues/105982 -- the way out the reply points to: the process target must be reachable under its own module name, so the plain functions keep their names (_write_report, _crunch) and the RunParallel wrappers are bound to other names
import multiprocessing
import sys
from types import MethodType

DEFAULT_POOL = []


def run_as_process(_func=None, *, name=None, context_pool=DEFAULT_POOL):
    class RunParallel:
        def __init__(self, func):
            self.func = func

        def __call__(self, *args, **kwargs):
            process = multiprocessing.Process(target=self.func, name=name, args=args, kwargs=kwargs)
            context_pool.append(process)
            process.start()

        def __get__(self, instance, owner):
            return self if instance is None else MethodType(self, instance)

    if _func is None:
        return RunParallel
    return RunParallel(_func)


def process_wait_context(context_pool=DEFAULT_POOL, clear_pool=True):
    finished = []
    for process in context_pool:
        process.join(10)
        finished.append((process.name, process.exitcode))
    if clear_pool:
        context_pool.clear()
    return finished


def _write_report(path, lines):
    with open(path, "w") as fh:
        fh.write("\n".join(lines))


def _crunch(n):
    return sum(i * i for i in range(n))


write_report = run_as_process(_write_report, name="writer")
crunch = run_as_process(_crunch)


if __name__ == "__main__":
    import tempfile

    out = tempfile.mktemp(suffix=".txt")
    write_report(out, ["a", "b"])
    crunch(1000)
    finished = process_wait_context()
    print(f"RESULT={finished}")
    sys.exit(0 if all(code == 0 for _, code in finished) else 1)
