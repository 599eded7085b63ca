# family: callable
# hazard: unpicklable-target
# line: 21 56
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/python/cpython/issues/105982 -- "PicklingError on multiprocessing for windows ... works fine in Linux": @run_as_process replaces each function with a RunParallel object whose __call__ starts Process(target=self.func); under spawn pickle looks the original function up by its name and finds the RunParallel object instead
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


@run_as_process(name="writer")
def write_report(path, lines):
    with open(path, "w") as fh:
        fh.write("\n".join(lines))


@run_as_process
def crunch(n):
    return sum(i * i for i in range(n))


if __name__ == "__main__":
    import tempfile

    out = tempfile.mktemp(suffix=".txt")
    write_report(out, ["a", "b"])
    crunch(1000)
    finished = process_wait_context()
    print(f"RESULT={finished}")
    sys.exit(0 if all(code == 0 for _, code in finished) else 1)
