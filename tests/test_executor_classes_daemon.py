"""MP413 through a project executor class (fresh_reports9 orion1067_*, Epistimio/orion#1067): another module's
class wraps a multiprocessing Pool (`PoolExecutor.__init__` makes it, `submit(fn, ...)` forwards to
`self.pool.apply_async`), a script submits a function that itself makes such an executor; the function runs in a
daemonic Pool worker and its pool fails. Modelled: a method's parameter a daemonic Pool task calls is a sink
(linter/daemon_sinks), `with Executor(...) as ex` binds the object when the class's `__enter__` returns `self`
(semantic/walker), and a Pool subclass making its own workers (the NoDaemonPool recipe) is not daemonic. A pool
class picked in the constructor by a parameter (`_NonDaemonPool if allow_nesting else Pool`) is judged by the
constructor call's argument (a literal, or a parameter every caller leaves at a literal default); unknown: silent."""
from __future__ import annotations

import textwrap

import pytest
from helpers import assert_outcome, codes, run_program

from mpguard.linter.files import analyze_path
from mpguard.linter.settings import Settings

EXECUTOR = """
    import multiprocessing
    import multiprocessing.pool


    class _Process(multiprocessing.Process):
        @property
        def daemon(self):
            return False

        @daemon.setter
        def daemon(self, value):
            pass


    class _NonDaemonPool(multiprocessing.pool.Pool):
        @staticmethod
        def Process(ctx, *args, **kwds):
            return _Process(*args, **kwds)


    class Future:
        def __init__(self, async_result):
            self._result = async_result

        def get(self, timeout=None):
            return self._result.get(timeout)


    class PoolExecutor:
        def __init__(self, n_workers=2, allow_nesting=False):
            CHOICE
            self.pool = pool_cls(n_workers)

        def submit(self, function, *args, **kwargs):
            return Future(self.pool.apply_async(function, args, kwargs))

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.pool.close()
            self.pool.join()
"""

MAIN = """
    import sys

    from kit.executor import PoolExecutor


    def fold_loss(lr, fold):
        return round(lr * 10 + fold, 4)


    def objective(lr):
        with PoolExecutor(n_workers=2) as inner:
            futures = [inner.submit(fold_loss, lr, k) for k in range(3)]
            return sum(f.get(timeout=20) for f in futures)


    class Workon:
        def __init__(self, n_workers=2, allow_nesting=False):
            self.n_workers = n_workers
            self.allow_nesting = allow_nesting

        def run(self, trials):
            with PoolExecutor(self.n_workers, allow_nesting=self.allow_nesting) as executor:
                futures = [executor.submit(objective, t) for t in trials]
                return [round(f.get(timeout=30), 4) for f in futures]


    if __name__ == "__main__":
        print(f"RESULT={WORKON.run([0.1, 0.2])}")
"""

PICKED = "pool_cls = _NonDaemonPool if allow_nesting else multiprocessing.pool.Pool"
PLAIN = "pool_cls = multiprocessing.pool.Pool"
NESTING = "pool_cls = _NonDaemonPool"


def project(tmp_path, choice=PICKED, workon="Workon()"):
    (tmp_path / "kit").mkdir()
    (tmp_path / "kit" / "__init__.py").write_text("")
    (tmp_path / "kit" / "executor.py").write_text(textwrap.dedent(EXECUTOR).replace("CHOICE", choice))
    main = tmp_path / "main.py"
    main.write_text(textwrap.dedent(MAIN).replace("WORKON", workon))
    return main


def mp413_rows(main) -> list[int]:
    return sorted(f.start.row for f in analyze_path(main, Settings(), project_root=main.parent).findings
                  if f.code == "MP413")


INNER = 12  # `with PoolExecutor(n_workers=2) as inner:` in objective()


@pytest.mark.parametrize("choice, workon", [
    (PLAIN, "Workon(allow_nesting=True)"),  # the class always makes a daemonic Pool
    (PICKED, "Workon()"),                    # the default False picks the daemonic Pool
    (PICKED, "Workon(allow_nesting=False)"),
])
def test_a_task_making_an_executor_in_a_daemonic_executor(tmp_path, choice, workon):
    assert mp413_rows(project(tmp_path, choice, workon)) == [INNER]


@pytest.mark.parametrize("choice, workon", [
    (NESTING, "Workon()"),                   # non-daemonic workers: the nested pool works
    (PICKED, "Workon(allow_nesting=True)"),
    (PICKED, "Workon(allow_nesting=len(sys.argv) > 0)"),  # not known: silent
])
def test_non_daemonic_or_unknown_workers_are_silent(tmp_path, choice, workon):
    assert mp413_rows(project(tmp_path, choice, workon)) == []


def test_an_enter_returning_something_else_is_not_followed(tmp_path):
    main = project(tmp_path, PLAIN)
    path = tmp_path / "kit" / "executor.py"
    path.write_text(path.read_text().replace("    def __enter__(self):\n        return self",
                                             "    def __enter__(self):\n        return self.pool"))
    assert mp413_rows(main) == []


NO_DAEMON = """
    import multiprocessing
    import multiprocessing.pool
    import sys


    class NoDaemonProcess(multiprocessing.Process):
        @property
        def daemon(self):
            return False

        @daemon.setter
        def daemon(self, value):
            pass


    class NoDaemonPool(multiprocessing.pool.Pool):
        @staticmethod
        def Process(ctx, *args, **kwds):
            return NoDaemonProcess(*args, **kwds)


    def square(n):
        return n * n


    def work(n):
        with multiprocessing.Pool(2) as inner:
            return sum(inner.map(square, range(n)))


    def run(items, nested):
        pool_cls = CHOICE
        with pool_cls(2) as pool:
            return pool.map(work, items)


    if __name__ == "__main__":
        print(f"RESULT={run([3, 4], '--nested' in sys.argv)}")
"""


@pytest.mark.parametrize("choice, found", [
    ("NoDaemonPool", False),                                  # the recipe: workers may have children
    ("NoDaemonPool if nested else multiprocessing.Pool", False),  # either: not known
    ("multiprocessing.Pool", True),
])
def test_the_no_daemon_pool_recipe_in_one_module(choice, found):
    assert ("MP413" in codes(NO_DAEMON.replace("CHOICE", choice))) is found


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("workon", ["Workon()", "Workon(allow_nesting=True)"])
def test_runtime_executor_class_nesting(tmp_path, method, workon):
    main = project(tmp_path, PICKED, workon)
    out = run_program(main, method, cwd=tmp_path)
    assert_outcome(out, workon == "Workon()", "daemonic processes are not allowed to have children",
                   "RESULT=[6.0, 9.0]")


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_no_daemon_pool_recipe(tmp_path, method):
    path = tmp_path / "nodaemon.py"
    path.write_text(textwrap.dedent(NO_DAEMON).replace("CHOICE", "NoDaemonPool"))
    assert_outcome(run_program(path, method), False, "", "RESULT=[5, 14]")
