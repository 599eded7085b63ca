"""A task a function of one module submits to the pool its caller gives as a parameter (`def execute(self, pool):
pool.submit(self.run_local)`, wazuh/wazuh #9060, fresh_libs11 wazuh9060) crosses where the caller, in another
module, passes a multiprocessing Pool or ProcessPoolExecutor: the bound method pickles the object the method is
called on, and a parameter handed on as a task argument pickles what the caller gives it. The helper's module names
no process API, so its summary is asked for only at a call that hands it a process pool.

Near misses: a thread pool given, an object whose state pickles, an argument that pickles. Proven under fork, spawn
and forkserver."""
import pytest
from helpers import assert_outcome, run_program

from test_semantic_crossmodule import findings, project

TASKS = """
    import threading


    class Fetcher:
        def __init__(self, url):
            self.url = url
            self.guard = threading.Lock()

        def fetch(self):
            return len(self.url)

        def dispatch(self, executor):
            return executor.submit(self.fetch).result()


    class PlainFetcher(Fetcher):
        def __init__(self, url):
            self.url = url


    def measure(item):
        return 1


    def fan_out(workers, items):
        return sum(workers.map(measure, items))
"""

MAIN = """
    import threading
    from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

    from jobs.tasks import Fetcher, PlainFetcher, fan_out


    if __name__ == "__main__":
        with EXECUTOR(1) as executor:
            print("RESULT=%s" % CALL)
"""

CASES = {  # name -> (executor, call, fails)
    "bound method of an object holding a lock": ("ProcessPoolExecutor", "Fetcher('abc').dispatch(executor)", True),
    "bound method, thread pool": ("ThreadPoolExecutor", "Fetcher('abc').dispatch(executor)", False),
    "bound method of an object that pickles": ("ProcessPoolExecutor", "PlainFetcher('abc').dispatch(executor)", False),
    "task argument a lock": ("ProcessPoolExecutor", "fan_out(executor, [threading.Lock()])", True),
    "task argument that pickles": ("ProcessPoolExecutor", "fan_out(executor, [3])", False),
}


def _project(root, name):
    executor, call, _fails = CASES[name]
    main = MAIN.replace("EXECUTOR", executor).replace("CALL", call)
    return project(root, {"jobs/__init__.py": "", "jobs/tasks.py": TASKS, "main.py": main})


@pytest.mark.parametrize("name", sorted(CASES))
def test_static(tmp_path, name):
    root = _project(tmp_path, name)
    found = [f for f in findings(root / "main.py") if f.code in ("MP201", "MP203")]
    if CASES[name][2]:
        assert found and "a pool task" in found[0].message and "threading lock" in found[0].message
        assert {m for f in found for m in f.start_methods} == {"fork", "spawn", "forkserver"}
    else:
        assert found == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_runtime(tmp_path, name, method):
    root = _project(tmp_path, name)
    out = run_program(root / "main.py", method, cwd=root)
    assert_outcome(out, CASES[name][2], "cannot pickle '_thread.lock' object", "RESULT=")
