"""MP205 through calls: a Queue or Lock of the default context that reaches a spawn-context pool's initargs (or a
spawn-context Process's args) as a parameter of the function that makes the pool, given by a caller of this module
or of another one (cloud-volume #691, fresh_reports11 cloudvolume691: `parallel_execution(fn, items, n, progress,
fs_lock)` in a library module builds `ProcessPoolExecutor(mp_context=get_context("spawn"), initargs=(progress,
fs_lock))`). Where the default is fork the spawned workers refuse the fork-context SemLock. Near misses: the
objects made from the spawn context, a pool of the default context, a default set to spawn first. Proven under
fork, spawn and forkserver."""
import sys

import pytest
from helpers import at_crossing, found, given_copy, run_program

from test_semantic_crossmodule import findings, project

SAME_MODULE = """
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    _q = None


    def _init(q, lock):
        global _q
        _q = q


    def work(x):
        _q.put(x)
        return x


    def run_all(items, q, lock):
        ctx = mp.get_context("spawn")
        with ProcessPoolExecutor(2, mp_context=ctx, initializer=_init, initargs=(q, lock)) as ex:
            return list(ex.map(work, items))


    def main():
        q = mp.Queue()
        lock = mp.Lock()
        print("RESULT=%s" % run_all([1, 2], q, lock))


    if __name__ == "__main__":
        main()
"""

PROCESS = """
    import multiprocessing as mp


    def child(q):
        q.put(1)


    def launch(q):
        ctx = mp.get_context("spawn")
        p = ctx.Process(target=child, args=(q,))
        p.start()
        print("RESULT=%s" % q.get(timeout=10))
        p.join()


    if __name__ == "__main__":
        launch(mp.Queue())
"""

EXECUTION = """
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    _progress = None


    def _init_worker(progress, fs_lock):
        global _progress
        _progress = progress


    def count(item):
        _progress.put(1)
        return item


    def parallel_execution(fn, items, progress, fs_lock):
        ctx = mp.get_context("spawn")
        with ProcessPoolExecutor(2, mp_context=ctx, initializer=_init_worker, initargs=(progress, fs_lock)) as ex:
            return sum(ex.map(fn, items))
"""

CALLER = """
    import multiprocessing as mp

    from kit.execution import count, parallel_execution


    def download():
        progress = mp.Queue()
        fs_lock = mp.Lock()
        total = parallel_execution(count, [1, 2, 3], progress, fs_lock)
        return total


    if __name__ == "__main__":
        print("RESULT=%s" % download())
"""

SPAWN_OBJECTS = ("mp.Queue()", "mp.get_context('spawn').Queue()"), ("mp.Lock()", "mp.get_context('spawn').Lock()")


def spawn_objects(text):
    for old, new in SPAWN_OBJECTS:
        text = text.replace(old, new)
    return text


@pytest.mark.parametrize("program", [SAME_MODULE, PROCESS])
def test_same_module_at_the_crossing_and_at_the_call_that_gives_it(program):
    found_ = found(program, "MP205")
    assert {f.start_methods for f in found_} == {frozenset({"fork"})}
    crossing = at_crossing(found_)
    assert len(crossing) == 1 and "through parameter `q`" in crossing[0].message
    assert [given_copy(f) for f in found_].count(True) == 1


@pytest.mark.parametrize("program", [SAME_MODULE, PROCESS])
def test_same_module_near_misses(program):
    assert found(spawn_objects(program), "MP205") == []
    default_pool = program.replace('mp.get_context("spawn")', "mp.get_context()")
    assert found(default_pool, "MP205") == []
    fork_pool = program.replace('mp.get_context("spawn")', 'mp.get_context("fork")')
    assert found(fork_pool, "MP205") == []
    spawn_default = program.replace('if __name__ == "__main__":\n', 'if __name__ == "__main__":\n'
                                    '    mp.set_start_method("spawn")\n')
    assert found(spawn_default, "MP205") == []


def test_another_module_at_the_call(tmp_path):
    root = project(tmp_path, {"kit/__init__.py": "", "kit/execution.py": EXECUTION, "main.py": CALLER})
    (finding,) = findings(root / "main.py", "MP205")
    assert finding.start.row == 10 and finding.start_methods == frozenset({"fork"})
    site = finding.related_file
    assert site is not None and site.path.endswith("execution.py") and site.line == 20


@pytest.mark.parametrize("change", ["spawn objects", "default pool", "fork pool"])
def test_another_module_near_misses(tmp_path, change):
    execution, caller = EXECUTION, CALLER
    if change == "spawn objects":
        caller = spawn_objects(caller)
    elif change == "default pool":
        execution = execution.replace('mp.get_context("spawn")', "mp.get_context()")
    else:
        execution = execution.replace('mp.get_context("spawn")', 'mp.get_context("fork")')
    root = project(tmp_path, {"kit/__init__.py": "", "kit/execution.py": execution, "main.py": caller})
    assert findings(root / "main.py", "MP205") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    root = project(tmp_path / "x", {"kit/__init__.py": "", "kit/execution.py": EXECUTION, "main.py": CALLER,
                                    "same.py": SAME_MODULE, "process.py": PROCESS})
    fixed = project(tmp_path / "y", {"kit/__init__.py": "", "kit/execution.py": EXECUTION,
                                     "main.py": spawn_objects(CALLER), "same.py": spawn_objects(SAME_MODULE),
                                     "process.py": spawn_objects(PROCESS)})
    for name in ("main.py", "same.py", "process.py"):
        for base, ok in ((root, method != "fork"), (fixed, True)):
            out = run_program(base / name, method, timeout=60, cwd=base)
            assert ("RESULT=" in out.stdout) is ok, (name, out.stderr)
            if not ok:  # (3.10's executor reports the worker's failure as a broken pool; a 3.10 Process child
                # that gets the fork-context SemLock never answers: the parent's get raises queue.Empty)
                assert "A SemLock created in a fork context is being shared" in out.stderr \
                    or "BrokenProcessPool" in out.stderr \
                    or sys.version_info < (3, 11) and "_queue.Empty" in out.stderr, out.stderr

