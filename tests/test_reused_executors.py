"""MP423: a process-wide ThreadPoolExecutor (kept by a factory in a class attribute or a global) that the parent ran a
task on before a fork, and that the child's task asks for again: the child gets the executor without its worker
thread, and its idle count says the worker is free, so a task submitted there never runs (apache/iceberg-python
#2545, fresh_reports18 iceberg2545_scan_partitions_forked_executor_singleton). Near misses: the factory also tests the
pid (PR #2546), the parent only makes the pool, the child makes its own. The programs report the child's executor
state instead of waiting on it (an orphaned executor: threads recorded, none alive), so no run hangs. Proven under
fork, spawn and forkserver."""
import textwrap

import pytest
from helpers import found, run_program

from test_semantic_crossmodule import findings, project

SAME_MODULE = """
    from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor


    class Pools:
        _shared = None

        @staticmethod
        def shared():
            if Pools._shared is None:
                Pools._shared = ThreadPoolExecutor(max_workers=1)
            return Pools._shared


    def double(x):
        return 2 * x


    def scan(x):
        pool = Pools.shared()
        threads = getattr(pool, "_threads", set())
        if threads and not any(t.is_alive() for t in threads):
            return "orphaned"  # a task submitted now would wait for a thread that is not there
        return pool.submit(double, x).result()


    def warm(values):
        return list(Pools.shared().map(double, values))


    def main():
        warm([1, 2])
        with ProcessPoolExecutor(max_workers=1) as processes:
            print("RESULT=%s" % list(processes.map(scan, [3])))


    if __name__ == "__main__":
        main()
"""

PID_CHECKED = SAME_MODULE.replace("""    class Pools:
        _shared = None
""", """    import os


    class Pools:
        _shared = None
        _pid = None
""").replace("""            if Pools._shared is None:
                Pools._shared = ThreadPoolExecutor(max_workers=1)""", """            if Pools._shared is None or Pools._pid != os.getpid():
                Pools._shared = ThreadPoolExecutor(max_workers=1)
                Pools._pid = os.getpid()""")

NO_TASK = SAME_MODULE.replace("return list(Pools.shared().map(double, values))", "return Pools.shared() and values")

OWN_POOL = SAME_MODULE.replace("""        pool = Pools.shared()
        threads""", """        pool = ThreadPoolExecutor(max_workers=1)
        threads""")

GLOBAL = SAME_MODULE.replace("""    class Pools:
        _shared = None

        @staticmethod
        def shared():
            if Pools._shared is None:
                Pools._shared = ThreadPoolExecutor(max_workers=1)
            return Pools._shared
""", """    _POOL = None


    def shared_pool():
        global _POOL
        if not _POOL:
            _POOL = ThreadPoolExecutor(max_workers=1)
        return _POOL
""").replace("Pools.shared()", "shared_pool()")

FACTORY = """
    from concurrent.futures import ThreadPoolExecutor


    class Pools:
        _shared = None

        @staticmethod
        def shared():
            if Pools._shared is None:
                Pools._shared = ThreadPoolExecutor(max_workers=1)
            return Pools._shared
"""

PLANNER = """
    def plan(executor, names):
        return [len(n) for n in executor.map(str.upper, names)]
"""

CALLER = """
    from concurrent.futures import ProcessPoolExecutor

    from kit import planner
    from kit.pools import Pools


    def double(x):
        return 2 * x


    def scan(x):
        pool = Pools.shared()
        threads = getattr(pool, "_threads", set())
        if threads and not any(t.is_alive() for t in threads):
            return "orphaned"
        return pool.submit(double, x).result()


    def prepare(names):
        executor = Pools.shared()
        return planner.plan(executor, names)


    def main():
        sizes = prepare(["a", "bc"])
        with ProcessPoolExecutor(max_workers=1) as processes:
            print("RESULT=%s" % list(processes.map(scan, sizes)))


    if __name__ == "__main__":
        main()
"""


@pytest.mark.parametrize("program", [SAME_MODULE, GLOBAL], ids=["class-attribute", "global"])
def test_same_module(program):
    [finding] = found(program, "MP423")
    assert "keeps for the whole process" in finding.message and "`scan`" in finding.message


@pytest.mark.parametrize("program", [PID_CHECKED, NO_TASK, OWN_POOL], ids=["pid-checked", "no-task", "own-pool"])
def test_same_module_near_misses(program):
    assert program != SAME_MODULE
    assert found(program, "MP423") == []


def test_another_module(tmp_path):
    root = project(tmp_path, {"kit/__init__.py": "", "kit/pools.py": FACTORY, "kit/planner.py": PLANNER,
                              "main.py": CALLER})
    [finding] = [f for f in findings(root / "main.py") if f.code == "MP423"]
    assert "`Pools.shared()`" in finding.message


def test_another_module_near_miss(tmp_path):
    safe = FACTORY.replace("if Pools._shared is None:", "if Pools._shared is None or Pools._pid != os.getpid():") \
        .replace("from concurrent", "import os\n    from concurrent").replace("_shared = None", "_shared = _pid = None")
    root = project(tmp_path, {"kit/__init__.py": "", "kit/pools.py": safe, "kit/planner.py": PLANNER,
                              "main.py": CALLER})
    assert [f for f in findings(root / "main.py") if f.code == "MP423"] == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    cases = [("same", SAME_MODULE, "orphaned"), ("global", GLOBAL, "orphaned"), ("pid", PID_CHECKED, "[6]"),
             ("notask", NO_TASK, "[6]"), ("own", OWN_POOL, "[6]")]
    for name, program, forked in cases:
        path = tmp_path / f"{name}.py"
        path.write_text(textwrap.dedent(program))
        out = run_program(path, method)
        expected = forked if method == "fork" else "[6]"
        expected = "RESULT=['orphaned']" if expected == "orphaned" else f"RESULT={expected}"
        assert out.returncode == 0 and expected in out.stdout, (name, out.stdout, out.stderr)
    root = project(tmp_path / "x", {"kit/__init__.py": "", "kit/pools.py": FACTORY, "kit/planner.py": PLANNER,
                                    "main.py": CALLER})
    out = run_program(root / "main.py", method, cwd=root)
    expected = "RESULT=['orphaned', 'orphaned']" if method == "fork" else "RESULT=[2, 4]"
    assert out.returncode == 0 and expected in out.stdout, out.stderr
