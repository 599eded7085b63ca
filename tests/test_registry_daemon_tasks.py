"""MP413 through a task registry of another project module (fresh_realistic6 celery_task_starts_manager_in_pool_worker,
celery/celery#1709): `@app.task` (a method of an object another module made) stores the function in a registry
(`TaskApp.registry[name] = func`), and that module's Pool task looks the name up and calls it, so the registered
function runs in a daemonic Pool worker; one that starts a Manager, a Pool or a Process fails. The helper's summary
names the method's parameter as a "daemon-run" sink (linter/daemon_sinks: daemonic Pool tasks and methods too), and
the decorator's application is a call handing it the function (semantic facts.decorations). Near misses: the
registry run by a thread pool or non-daemonic processes, a registered function that starts nothing, and a decorator
called with arguments (what it returns is not known)."""
from __future__ import annotations

import textwrap

import pytest
from helpers import assert_outcome, run_program

from mpguard.linter.files import analyze_path
from mpguard.linter.settings import Settings

TASKPOOL = """
    from multiprocessing import Pool
    from multiprocessing.pool import ThreadPool


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
            self._pool = POOL(self.concurrency)
            return self

        def send_task(self, task_name, *args):
            return self._pool.apply_async(_execute, (task_name, args))

        def stop(self):
            self._pool.close()
            self._pool.join()


    def _execute(task_name, args):
        func = TaskApp.registry[task_name]
        return func(*args)
"""

MAIN = """
    import multiprocessing
    import sys

    from kit.taskpool import TaskApp

    app = TaskApp("reports", concurrency=2)


    def _sum_region(shared, region, amounts):
        shared[region] = sum(amounts)


    @app.task
    def build_report(regions):
        BODY


    def main():
        app.start()
        try:
            result = app.send_task(build_report.task_name, ["eu", "us"]).get(timeout=20)
        finally:
            app.stop()
        print(f"RESULT={result}")
        return 0


    if __name__ == "__main__":
        sys.exit(main())
"""

MANAGER = """with multiprocessing.Manager() as manager:
            shared = manager.dict()
            helpers = [multiprocessing.Process(target=_sum_region, args=(shared, r, [1, 2])) for r in regions]
            for h in helpers:
                h.start()
            for h in helpers:
                h.join()
            return sorted(shared.items())"""
PLAIN = "return sorted((r, 3) for r in regions)"


def project(tmp_path, pool="Pool", body=MANAGER, decorator="@app.task"):
    (tmp_path / "kit").mkdir()
    (tmp_path / "kit" / "__init__.py").write_text("")
    (tmp_path / "kit" / "taskpool.py").write_text(textwrap.dedent(TASKPOOL).replace("POOL", pool))
    main = tmp_path / "main.py"
    main.write_text(textwrap.dedent(MAIN).replace("BODY", body).replace("@app.task", decorator))
    return main


def mp413_rows(main) -> list[int]:
    return sorted(f.start.row for f in analyze_path(main, Settings(), project_root=main.parent).findings
                  if f.code == "MP413")


def test_a_registered_task_starting_a_manager(tmp_path):
    main = project(tmp_path)
    row = main.read_text().splitlines().index("    with multiprocessing.Manager() as manager:") + 1
    assert mp413_rows(main) == [row]


def test_registered_to_a_thread_pool_is_silent(tmp_path):
    assert mp413_rows(project(tmp_path, pool="ThreadPool")) == []


def test_a_registered_task_starting_nothing_is_silent(tmp_path):
    assert mp413_rows(project(tmp_path, body=PLAIN)) == []


def test_a_decorator_called_with_arguments_is_not_read(tmp_path):
    # `@app.task()`: TaskApp.task then receives no function (what the call returns is applied; not known here)
    assert mp413_rows(project(tmp_path, decorator="@app.task")) != []
    text = (tmp_path / "main.py").read_text()
    (tmp_path / "main.py").write_text(text.replace("@app.task", "@(lambda f: app.task(f))"))
    assert mp413_rows(tmp_path / "main.py") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("pool", ["Pool", "ThreadPool"])
def test_runtime_registered_task_in_a_pool_worker(tmp_path, method, pool):
    main = project(tmp_path, pool=pool)
    out = run_program(main, method, cwd=tmp_path)
    assert_outcome(out, pool == "Pool", "daemonic processes are not allowed to have children",
                   "RESULT=[('eu', 3), ('us', 3)]")


def test_a_module_function_decorator_filling_a_module_registry(tmp_path):
    (tmp_path / "kit").mkdir()
    (tmp_path / "kit" / "__init__.py").write_text("")
    (tmp_path / "kit" / "tasks.py").write_text(textwrap.dedent("""
        from multiprocessing import Pool

        HANDLERS = {}

        def register_task(func):
            HANDLERS[func.__name__] = func
            return func

        def _execute(name, args):
            return HANDLERS[name](*args)

        def run(name, *args):
            with Pool(2) as pool:
                return pool.apply_async(_execute, (name, args)).get(timeout=20)
    """))
    main = tmp_path / "main.py"
    main.write_text(textwrap.dedent("""
        import multiprocessing
        from kit.tasks import register_task, run

        def square(n):
            return n * n

        @register_task
        def fan_out(n):
            with multiprocessing.Pool(2) as p:
                return p.map(square, range(n))

        @register_task
        def plain(n):
            return n

        if __name__ == "__main__":
            print(run("fan_out", 3))
    """))
    assert mp413_rows(main) == [10]


def test_a_pool_task_called_directly_by_a_caller_is_silent(tmp_path):
    """The task's own parameter is no sink: `_apply(fan_out, 3)` called in the parent runs there."""
    (tmp_path / "kit").mkdir()
    (tmp_path / "kit" / "__init__.py").write_text("")
    (tmp_path / "kit" / "maps.py").write_text(textwrap.dedent("""
        from multiprocessing import Pool

        def _apply(func, x):
            return func(x)

        def run_all(items):
            with Pool(2) as pool:
                return pool.starmap(_apply, [(abs, x) for x in items])
    """))
    main = tmp_path / "main.py"
    main.write_text(textwrap.dedent("""
        import multiprocessing
        from kit.maps import _apply, run_all

        def square(n):
            return n * n

        def fan_out(n):
            with multiprocessing.Pool(2) as p:
                return p.map(square, range(n))

        if __name__ == "__main__":
            print(_apply(fan_out, 3), run_all([-1, 2]))
    """))
    assert mp413_rows(main) == []
