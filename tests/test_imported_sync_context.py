"""MP205 for a Queue or Lock another project module makes at its top from the default context (NiceGUI's native-mode
queues, fresh_reports20 kasanice1: `method_queue = multiprocessing.Queue()` at import, kept in a dataclass's fields
and handed to `spawn.Process(kwargs={"config": config})` of a uvicorn-like reloader). The importer hands that very
object on, whether it names the global (`shared.LOCK`) or hands a dict or dataclass that holds it, to a child of an
explicit spawn or forkserver context: where the default is fork, the child refuses the fork-context SemLock
(semantic/imported_syncs, read from the other module's text). Near misses: the objects made from an explicit
context of the same method, a child of the default context, a global rebound at run time, a lock-free RawValue.
Proven under fork, spawn and forkserver."""
import sys

import pytest
from helpers import run_program

from test_semantic_crossmodule import findings, project

SHARED = """
    import multiprocessing as mp

    LOCK = mp.Lock()
    RESULTS = mp.SimpleQueue()
"""

SHARED_EXPLICIT = """
    import multiprocessing as mp

    _ctx = mp.get_context("forkserver")
    LOCK = _ctx.Lock()
    RESULTS = _ctx.SimpleQueue()
"""

RUNNER = """
    from multiprocessing import get_context

    _FS = get_context("forkserver")


    def launch(work, options):
        proc = _FS.Process(target=work, args=(options,))
        proc.start()
        proc.join(30)
        return proc.exitcode
"""

# a dict of options that holds another module's globals, handed to another module's forkserver Process
THROUGH_HELPER = """
    from kit import runner, shared


    def work(options):
        with options["lock"]:
            options["results"].put(options["n"] * 2)


    def main():
        code = runner.launch(work, {"n": 21, "lock": shared.LOCK, "results": shared.RESULTS})
        print("RESULT=%s" % (shared.RESULTS.get() if code == 0 else None))


    if __name__ == "__main__":
        main()
"""

# a dataclass field and the global itself, handed to this module's spawn-context Process
SAME_MODULE = """
    import multiprocessing as mp
    from dataclasses import dataclass

    from kit.shared import LOCK, RESULTS


    @dataclass
    class Job:
        n: int
        results: object


    def work(job, lock):
        with lock:
            job.results.put(job.n * 2)


    def main():
        ctx = mp.get_context("spawn")
        proc = ctx.Process(target=work, args=(Job(21, RESULTS), LOCK))
        proc.start()
        proc.join(30)
        print("RESULT=%s" % (RESULTS.get() if proc.exitcode == 0 else None))


    if __name__ == "__main__":
        main()
"""

# the global in the initargs of this module's spawn-context pool (initargs travel as Process args do)
POOL_INITARGS = """
    import multiprocessing as mp

    from kit import shared

    _results = None


    def init(results):
        global _results
        _results = results


    def work(n):
        _results.put(n * 2)
        return n


    def main():
        with mp.get_context("spawn").Pool(1, initializer=init, initargs=(shared.RESULTS,)) as pool:
            done = pool.map(work, [21])
        print("RESULT=%s" % (shared.RESULTS.get() if done == [21] else None))


    if __name__ == "__main__":
        main()
"""


def _files(shared=SHARED, runner=RUNNER):
    return {"kit/__init__.py": "", "kit/shared.py": shared, "kit/runner.py": runner,
            "main.py": THROUGH_HELPER, "same.py": SAME_MODULE, "pool.py": POOL_INITARGS}


def test_held_by_a_dict_handed_to_another_modules_process(tmp_path):
    root = project(tmp_path, _files())
    found = findings(root / "main.py", "MP205")
    assert [f.start.row for f in found] == [11], found
    (finding,) = found
    assert finding.start_methods == frozenset({"fork"})
    assert "made on line 4 of kit.shared" in finding.message and "forkserver-context child" in finding.message
    assert finding.related_file is not None and finding.related_file.path.endswith("runner.py")
    assert finding.fix is None  # (no edit of another module's text)


def test_a_field_and_the_global_given_to_this_modules_process(tmp_path):
    root = project(tmp_path, _files())
    (finding,) = findings(root / "same.py", "MP205")  # (one finding per Process)
    assert finding.start.row == 21 and finding.start_methods == frozenset({"fork"})
    assert "SimpleQueue from the default context (held by what is passed, made on line 5 of kit.shared)" \
        in finding.message
    alone = SAME_MODULE.replace("args=(Job(21, RESULTS), LOCK)", "args=(21, LOCK)")
    root = project(tmp_path / "alone", {**_files(), "same.py": alone})
    (finding,) = findings(root / "same.py", "MP205")
    assert "a Lock from the default context (`kit.shared.LOCK`, made on line 4 of kit.shared)" in finding.message


def test_the_global_in_a_spawn_pools_initargs(tmp_path):
    root = project(tmp_path, _files())
    (finding,) = findings(root / "pool.py", "MP205")
    assert finding.start.row == 20 and finding.start_methods == frozenset({"fork"})
    assert "(`kit.shared.RESULTS`, made on line 5 of kit.shared) is passed to the initargs of a Pool" in finding.message


@pytest.mark.parametrize("change", ["explicit objects", "default child", "rebound", "raw value", "lock off"])
def test_near_misses(tmp_path, change):
    shared, runner = SHARED, RUNNER
    if change == "explicit objects":
        shared = SHARED_EXPLICIT
    elif change == "default child":
        runner = RUNNER.replace('get_context("forkserver")', "get_context()")
    elif change == "rebound":
        shared += "\n\n    def reset():\n        global LOCK, RESULTS\n        LOCK = RESULTS = None\n"
    elif change == "raw value":
        shared = shared.replace("mp.Lock()", "mp.RawValue('i', 0)").replace("mp.SimpleQueue()", "mp.RawArray('i', 2)")
    else:
        shared = shared.replace("mp.Lock()", "mp.Value('i', 0, lock=False)").replace(
            "mp.SimpleQueue()", "mp.Array('i', 2, lock=False)")
    root = project(tmp_path, _files(shared, runner))
    assert findings(root / "main.py", "MP205") == []
    if change != "default child":
        assert findings(root / "same.py", "MP205") == []
        assert findings(root / "pool.py", "MP205") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    broken = project(tmp_path / "x", _files())
    fixed = project(tmp_path / "y", _files(SHARED_EXPLICIT))
    for name in ("main.py", "same.py", "pool.py"):
        for base, ok in ((broken, method != "fork"), (fixed, True)):
            if name == "pool.py" and not ok and sys.version_info < (3, 11):
                continue  # (3.10 has no check: the pool starts again each worker that dies on the lock, forever)
            out = run_program(base / name, method, timeout=60, cwd=base)
            assert ("RESULT=42" in out.stdout) is ok, (name, method, out.stdout, out.stderr)
            if not ok and sys.version_info >= (3, 11):  # (3.10 has no such check: its child fails otherwise)
                assert "A SemLock created in a fork context is being shared" in out.stderr, out.stderr
