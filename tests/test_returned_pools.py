"""A pool another project module's helper makes and returns, and a pool class the callers hand in (fresh_libs11
recsys314: `with sarses.prefork_worker_pool(1) as worker: worker.apply(update_task, (6,))`, where the helper returns
`billiard.Pool(n)`, and the task's step opens `self.config["pool_cls"](n)` of the config dict its constructor
kept, `multiprocessing.Pool` there). The helper's result is that pool at the call (semantic/returned_pools): its tasks
run in daemonic workers and are pickled for it. Calling a parameter, or an item or attribute of one, that every
caller fills with a Pool (or Manager) class makes a pool there (semantic/param_calls). billiard's own processes may
be started by a daemonic one (catalog `daemonic_parents`). Near misses: a helper returning a thread pool or a pool
only sometimes, billiard's pool inside the task, callers that give a thread pool class. Proven under fork, spawn and
forkserver."""
import pytest
from helpers import found, run_program

from test_semantic_crossmodule import findings, project

DAEMONIC = ("daemonic processes are not allowed to have children",)

POOLS = """
    import multiprocessing


    def worker_pool(n):
        pool = multiprocessing.Pool(n)
        return pool
"""

# the helper's pool runs a task that opens a pool of the class an options object (a dataclass field) names
HELPER_POOL = """
    import multiprocessing
    from dataclasses import dataclass

    from kit import pools


    @dataclass
    class Options:
        pool_cls: object
        size: int = 2


    def inc(x):
        return x + 1


    def fan_out(options, xs):
        with options.pool_cls(options.size) as inner:
            return sum(inner.map(inc, xs))


    def job(xs):
        return fan_out(Options(multiprocessing.Pool), xs)


    def main():
        outer = pools.worker_pool(1)
        try:
            print("RESULT=%s" % outer.apply(job, ([1, 2, 3],)))
        finally:
            outer.close()
            outer.join()


    if __name__ == "__main__":
        main()
"""

# a plain pool made inside the task of the helper's pool
PLAIN_TASK = """
    import multiprocessing

    from kit import pools


    def inc(x):
        return x + 1


    def job(xs):
        with multiprocessing.Pool(2) as inner:
            return sum(inner.map(inc, xs))


    if __name__ == "__main__":
        with pools.worker_pool(1) as outer:
            print("RESULT=%s" % outer.apply(job, ([1, 2, 3],)))
"""


def _files(pools=POOLS, main=HELPER_POOL):
    return {"kit/__init__.py": "", "kit/pools.py": pools, "main.py": main, "plain.py": PLAIN_TASK}


def test_the_helpers_pool_runs_a_task_that_opens_a_pool_through_a_field(tmp_path):
    root = project(tmp_path, _files())
    (finding,) = findings(root / "main.py", "MP413")
    assert finding.start.row == 19  # `options.pool_cls(options.size)`
    assert finding.fix is None  # (the class is the caller's choice: no thread pool written over it)
    (plain,) = findings(root / "plain.py", "MP413")
    assert plain.start.row == 12


@pytest.mark.parametrize("pools", [
    POOLS.replace("multiprocessing.Pool(n)", "multiprocessing.pool.ThreadPool(n)").replace(
        "import multiprocessing\n", "import multiprocessing.pool\n"),
    POOLS.replace("    pool = multiprocessing.Pool(n)\n", "    if n > 4:\n        return None\n"
                  "    pool = multiprocessing.Pool(n)\n"),
    POOLS.replace("def worker_pool(n):", "def worker_pool(n, ctx=None):").replace(
        "multiprocessing.Pool(n)", "multiprocessing.Pool(n, context=ctx)"),
])
def test_helpers_that_give_no_known_process_pool(tmp_path, pools):
    root = project(tmp_path, _files(pools))
    assert findings(root / "main.py", "MP413") == []
    assert findings(root / "plain.py", "MP413") == []


def test_callers_giving_a_thread_pool_class(tmp_path):
    main = HELPER_POOL.replace("Options(multiprocessing.Pool)", "Options(multiprocessing.pool.ThreadPool)").replace(
        "import multiprocessing\n", "import multiprocessing.pool\n", 1)
    root = project(tmp_path, _files(main=main))
    assert findings(root / "main.py", "MP413") == []
    # the task gives a thread pool class; the parent's own call gives multiprocessing's Pool (judged per caller)
    mixed = main.replace("def main():", "def in_parent(xs):\n"
                         "    return fan_out(Options(multiprocessing.Pool), xs)\n\n\n"
                         "def main():\n    in_parent([1])")
    root = project(tmp_path / "mixed", _files(main=mixed))
    assert findings(root / "main.py", "MP413") == []


ITEM_CALLS = """
    import multiprocessing

    import billiard

    SETTINGS = {"pool": multiprocessing.Pool, "manager": multiprocessing.Manager}


    class Stage:
        def __init__(self, settings, pool_cls):
            self.settings = settings
            self.pool_cls = pool_cls

        def by_item(self):
            with self.settings["pool"](2) as pool:
                return pool.map(abs, [-1])

        def by_attribute(self):
            with self.pool_cls(2) as pool:
                return pool.map(abs, [-1])

        def with_manager(self):
            with self.settings["manager"]() as manager:
                return manager.list([1])


    def task(n):
        stage = Stage(SETTINGS, multiprocessing.Pool)
        return stage.by_item(), stage.by_attribute(), stage.with_manager()


    def main():
        with billiard.Pool(1) as worker:
            return worker.apply(task, (1,))
"""


def test_pool_and_manager_classes_kept_by_a_constructor():
    assert sorted(f.start.row for f in found(ITEM_CALLS, "MP413")) == [15, 19, 23]
    thread_pools = ITEM_CALLS.replace('"pool": multiprocessing.Pool', '"pool": multiprocessing.pool.ThreadPool') \
        .replace("Stage(SETTINGS, multiprocessing.Pool)", "Stage(SETTINGS, multiprocessing.pool.ThreadPool)") \
        .replace('"manager": multiprocessing.Manager', '"manager": dict').replace("import multiprocessing\n",
                                                                                 "import multiprocessing.pool\n", 1)
    assert found(thread_pools, "MP413") == []
    billiard_pools = ITEM_CALLS.replace('"pool": multiprocessing.Pool', '"pool": billiard.Pool') \
        .replace("Stage(SETTINGS, multiprocessing.Pool)", "Stage(SETTINGS, billiard.Pool)")
    assert sorted(f.start.row for f in found(billiard_pools, "MP413")) == [23]  # (multiprocessing's Manager still may not)


def test_a_returned_pool_is_judged_as_a_pool_for_what_its_tasks_pickle(tmp_path):
    main = PLAIN_TASK.replace("outer.apply(job, ([1, 2, 3],))", "outer.apply(lambda xs: sum(xs), ([1, 2, 3],))")
    root = project(tmp_path, _files(main=main))
    assert [f.code for f in findings(root / "main.py") if f.code.startswith("MP2")] == ["MP201"]


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    root = project(tmp_path / "x", _files())
    for name in ("main.py", "plain.py"):
        out = run_program(root / name, method, timeout=90, cwd=root)
        assert out.returncode != 0 and any(w in out.stderr for w in DAEMONIC), (name, out.stderr)
    thread = project(tmp_path / "y", _files(POOLS.replace("multiprocessing.Pool(n)", "multiprocessing.pool.ThreadPool(n)")
                                            .replace("import multiprocessing\n", "import multiprocessing.pool\n")))
    for name in ("main.py", "plain.py"):
        out = run_program(thread / name, method, timeout=90, cwd=thread)
        assert out.returncode == 0 and "RESULT=9" in out.stdout, (name, out.stderr)
