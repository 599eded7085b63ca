"""A Lock or Queue of the default context handed in `initargs` to a pool or executor of a spawn (or forkserver)
context: initargs travel like Process args, so where the default is fork the workers fail with `RuntimeError: A
SemLock created in a fork context is being shared with a process in a spawn context` (MP205). The fix makes it from
the pool's own context. Both proven below under fork, spawn and forkserver."""
import textwrap

import pytest
from helpers import run_program
from mpguard.fixes.apply import fix_all
from mpguard.linter.analyze import analyze

PROGRAM = textwrap.dedent("""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    _lock = None


    def init(lock):
        global _lock
        _lock = lock


    def work(x):
        with _lock:
            return x


    if __name__ == "__main__":
        ctx = multiprocessing.get_context("spawn")
        lock = multiprocessing.Lock()
        with ProcessPoolExecutor(2, mp_context=ctx, initializer=init, initargs=(lock,)) as ex:
            print("RESULT=%s" % list(ex.map(work, [1, 2])))
""")


def test_reported_where_the_default_is_fork_and_fixed():
    [finding] = analyze(PROGRAM, "case.py").findings
    assert finding.code == "MP205" and sorted(finding.start_methods) == ["fork"]
    fixed = fix_all(PROGRAM, lambda text: analyze(text, "case.py").findings)[0]
    assert "    lock = ctx.Lock()\n" in fixed and analyze(fixed, "case.py").findings == []


def test_a_lock_of_the_same_context_is_fine():
    assert analyze(PROGRAM.replace("multiprocessing.Lock()", "ctx.Lock()"), "case.py").findings == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    fixed = fix_all(PROGRAM, lambda text: analyze(text, "case.py").findings)[0]
    for text, ok in ((PROGRAM, method != "fork"), (fixed, True)):
        path = tmp_path / "prog.py"
        path.write_text(text)
        out = run_program(path, method, timeout=60)
        assert ("RESULT=[1, 2]" in out.stdout) is ok, out.stderr
        if not ok:  # (3.10's executor reports the worker's failure as a broken pool)
            assert "A SemLock created in a fork context is being shared" in out.stderr \
                or "BrokenProcessPool" in out.stderr, out.stderr
