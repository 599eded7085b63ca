"""A Pool task that calls one of its own parameters runs, in the daemonic worker, what the pool call hands it there
(`apply_async(_invoke, (name, fn, args))`, the function looked up in the parent's registry: celery-like apps,
lungmask #47, fresh_libs16 lungmask47_fused_in_prefork_task): the function a program registers through the app's
method (`@app.task`, or called plainly) becomes a "daemon-run" sink of that method (linter/daemon_sinks), and a
function that starts processes there is MP413. Whether the app makes the daemonic pool at all is a condition on an
attribute its constructor fixed (`if self.mode == "inline": ...`): judged by what the program's construction passed
(an environment variable's default too, semantic/receiver_attributes), and reported where the function starts
processes, also down a chain of this module's calls (rules/lifecycle._first_spawn). Proven under fork, spawn and
forkserver."""
import pytest
from helpers import run_program

from test_semantic_crossmodule import findings, project

DISPATCH = """
    import multiprocessing


    def _invoke(name, fn, args):
        return name, fn(*args)


    class Dispatcher:
        def __init__(self, mode="pool"):
            self.mode = mode
            self.handlers = {}

        def register(self, fn):
            self.handlers[fn.__name__] = fn
            return fn

        def dispatch(self, calls):
            jobs = [(name, self.handlers[name], args) for name, args in calls]
            if self.mode == "inline":
                return [_invoke(*job) for job in jobs]
            with multiprocessing.Pool(2) as workers:
                pending = [workers.apply_async(_invoke, job) for job in jobs]
                return [p.get(timeout=60) for p in pending]
"""

MAIN = """
    import multiprocessing
    import os

    from jobs.dispatch import Dispatcher

    dispatcher = Dispatcher(MADE)


    def _square(n):
        return n * n


    class Summer:
        def total(self, n):
            return self.fan(n)

        def fan(self, n):
            with multiprocessing.Pool(2) as pool:
                return sum(pool.map(_square, range(n)))


    REGISTER
    def crunch(n):
        return Summer().total(n)


    if __name__ == "__main__":
        print("RESULT=%s" % dispatcher.dispatch([("crunch", (3,))]))
"""


def _main(made="", register="@dispatcher.register"):
    text = MAIN.replace("MADE", made).replace("REGISTER", register)
    if not register:  # registered by a plain call after the def
        text = text.replace('\n    if __name__', '\n    dispatcher.register(crunch)\n\n\n    if __name__')
    return text


def _found(tmp_path, main):
    root = project(tmp_path, {"jobs/__init__.py": "", "jobs/dispatch.py": DISPATCH, "main.py": main})
    return [(f.code, f.start.row) for f in findings(root / "main.py", "MP413")]


@pytest.mark.parametrize("main", [
    _main(),
    _main('mode="pool"'),
    _main('os.environ.get("JOB_MODE", "pool")'),
    _main(register=""),
])
def test_a_registered_function_that_starts_processes_runs_in_a_daemonic_worker(tmp_path, main):
    """(Reported where `crunch` starts them: `Summer().total(n)` reaching the Pool of `fan`.)"""
    assert _found(tmp_path, main) == [("MP413", 19)]


@pytest.mark.parametrize("main", [
    _main('mode="inline"'),
    _main('os.environ.get("JOB_MODE", "inline")'),
    _main().replace("        return Summer().total(n)", "        return n + 1"),  # starts nothing
])
def test_near_misses_say_nothing(tmp_path, main):
    assert _found(tmp_path, main) == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    files = {"jobs/__init__.py": "", "jobs/dispatch.py": DISPATCH}
    root = project(tmp_path / "pool", {**files, "main.py": _main()})
    out = run_program(root / "main.py", method, timeout=90, cwd=root)
    assert out.returncode != 0 and "daemonic processes are not allowed to have children" in out.stderr, out.stderr
    root = project(tmp_path / "inline", {**files, "main.py": _main('mode="inline"')})
    out = run_program(root / "main.py", method, timeout=90, cwd=root)
    assert out.returncode == 0 and "RESULT=[('crunch', 5)]" in out.stdout, out.stderr
