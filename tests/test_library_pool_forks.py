"""MP423 at the fork of a third-party library's process pool, and through a task of another project module.

- A library pool forks too (data/boundaries.json, kind "pool"): at its creation when the catalog says it starts
  its workers there (pathos), else at its first task (mpire's WorkerPool, pebble). mpire forks whatever the default
  start method is (AutoEIS #94: a jax-like runtime thread holding its lock, then `WorkerPool().map`), so a thread
  left running there bites under every default; `start_method="spawn"` and loky (joblib) fork nothing.
- A thread another module leaves running is judged when the child uses that module; the child's task may be a
  function of a third project module that names it, itself or through what it calls (semantic/named_modules.py).

Proven under fork, spawn and forkserver: the mpire worker finds the lock the parent's thread holds (it waits in
vain), the spawn-started one takes it."""
import ast
import textwrap

import pytest
from helpers import assert_outcome, codes, methods, rows, run_program, skip_without

from mpguard.semantic.named_modules import module_names
from mpguard.semantic.servers import module_imports
from test_semantic_crossmodule import findings, project

HOLDER = """
    import threading
    import time

    from POOL_IMPORT

    LOCK = threading.Lock()
    HELD = threading.Event()


    def hold():
        with LOCK:
            HELD.set()
            time.sleep(4)


    def task(x):
        if LOCK.acquire(timeout=1):
            LOCK.release()
            return "free"
        return "held"


    def run():
        warmer = threading.Thread(target=hold, daemon=True)
        warmer.start()
        HELD.wait(5)
        BODY


    if __name__ == "__main__":
        run()
"""

MPIRE = ("mpire import WorkerPool",
         "with WorkerPool(n_jobs=1ARGS) as pool:\n            print(pool.map(task, [1]), flush=True)")


def holder(pool_import, body, args=""):
    return textwrap.dedent(HOLDER).replace("POOL_IMPORT", pool_import).replace("BODY", body).replace("ARGS", args)


def test_mpire_pool_forks_at_its_first_task_under_every_default():
    src = holder(*MPIRE)
    assert "MP423" in codes(src)
    assert methods(src, "MP423") == {"fork", "spawn", "forkserver"}  # (mpire forks whatever the default is)


@pytest.mark.parametrize("args", [', start_method="spawn"', ', start_method="forkserver"'])
def test_mpire_pool_that_does_not_fork_is_silent(args):
    assert "MP423" not in codes(holder(*MPIRE, args=args))


def test_a_thread_joined_before_the_library_pool_is_silent():
    src = holder(*MPIRE).replace("HELD.wait(5)", "HELD.wait(5)\n    warmer.join()")
    assert "MP423" not in codes(src)


def test_pathos_pool_forks_when_made_under_a_fork_default():
    body = "pool = ProcessPool(nodes=1)\n    print(pool.map(task, [1]))"
    src = holder("pathos.multiprocessing import ProcessPool", body)
    assert methods(src, "MP423") == {"fork"}
    assert rows(src, "MP423") == [src.splitlines().index("    pool = ProcessPool(nodes=1)") + 1]


def test_pebble_pool_forks_at_its_first_task_under_a_fork_default():
    body = "with ProcessPool(max_workers=1) as pool:\n        print(pool.map(task, [1]).result())"
    assert methods(holder("pebble import ProcessPool", body), "MP423") == {"fork"}


def test_loky_workers_are_not_forked():
    body = "print(Parallel(n_jobs=2)(delayed(abs)(i) for i in [1, -2]))"
    assert "MP423" not in codes(holder("joblib import Parallel, delayed", body))


# --- a task of another project module that uses the module whose thread runs ----------------------------------

ENGINE = """
    import threading
    import time

    _lock = threading.Lock()


    def _compile():
        with _lock:
            time.sleep(2)


    def start_engine():
        threading.Thread(target=_compile, daemon=True).start()


    def kernel(values):
        with _lock:
            return sum(values)
"""

FIT = """
    from kit.engine import kernel


    def _score(row):
        return kernel(row)


    class Model:
        def fit(self, row):
            return _score(row)


    def fit_one(row):
        return Model().fit(row)
"""

REPORT = """
    def fit_one(row):
        return len(row)
"""

DRIVER = """
    import multiprocessing

    from kit import engine
    from kit.TASKS import fit_one


    def main():
        engine.start_engine()
        with multiprocessing.Pool(2) as pool:
            print(pool.map(fit_one, [[1, 2], [3]]))


    if __name__ == "__main__":
        main()
"""


def mp423(tmp_path, tasks: str) -> list:
    root = project(tmp_path, {"kit/__init__.py": "", "kit/engine.py": ENGINE, "kit/fit.py": FIT,
                              "kit/report.py": REPORT, "kit/relay.py": "from kit.fit import fit_one as _fit\n\n"
                              "def fit_one(row):\n    return _fit(row)\n",
                              "driver.py": DRIVER.replace("TASKS", tasks)})
    return [f for f in findings(root / "driver.py") if f.code == "MP423"]


@pytest.mark.parametrize("tasks", ["fit", "relay"])  # (the task itself, or a function of a module calling it)
def test_a_task_of_another_module_that_uses_the_threads_module(tmp_path, tasks):
    assert [f.start.row for f in mp423(tmp_path, tasks)] == [10]


def test_a_task_of_another_module_that_never_uses_it_is_silent(tmp_path):
    assert mp423(tmp_path, "report") == []


def test_named_modules_follow_the_modules_own_defs():
    tree = ast.parse(textwrap.dedent(FIT))
    names = module_names(tree, module_imports(tree, "kit.fit").qualify)
    assert names["_score"] == ["kit.engine.kernel"]
    assert names["Model.fit"] == names["fit_one"] == ["kit.engine.kernel"]  # (through `_score()`, `Model().fit`)


# --- runtime proof -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_mpire_worker_inherits_the_held_lock(tmp_path, method):
    skip_without("mpire")
    path = tmp_path / "fit.py"
    path.write_text(holder(*MPIRE))
    assert_outcome(run_program(path, method, timeout=30), False, "", "['held']")
    path.write_text(holder(*MPIRE, args=', start_method="spawn"'))
    assert_outcome(run_program(path, method, timeout=30), False, "", "['free']")
