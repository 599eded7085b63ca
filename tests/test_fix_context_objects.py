"""MP205's fix (session 22): a Queue or Lock of the default context handed to a child of a spawn or forkserver
context is made from that context.

* `ctx.Pool(..., initargs=(lock,))` with `ctx = get_context(method="spawn")` (cpython #119413): `ctx.Lock()`;
* a context the object cannot be made from where it is made (`self._ctx`, set by a classmethod: numba #9192),
  or a spawn-context pool of another module the object is handed to (cloud-volume #691):
  `multiprocessing.get_context("spawn").Queue()`, the method the analysis found.

Near miss: a fork-context child (nothing to fix). Each fixed program runs clean
under fork, spawn and forkserver (the runner imposes the default method)."""
from __future__ import annotations

import subprocess
import textwrap

import pytest
from helpers import found, run_program
from mpguard.fixes.apply import apply_edits, parses
from test_semantic_crossmodule import findings, project

CONTEXT_POOL = """
    import multiprocessing
    import sys

    _lock = None


    def _init(lock):
        global _lock
        _lock = lock


    def square(n):
        with _lock:
            return n * n


    def main():
        ctx = multiprocessing.get_context(method="METHOD")
        lock = multiprocessing.Lock()
        with ctx.Pool(2, initializer=_init, initargs=(lock,)) as pool:
            out = pool.map(square, [1, 2, 3])
        print("RESULT=%s" % out)
        return 0 if out == [1, 4, 9] else 3


    if __name__ == "__main__":
        sys.exit(main())
"""

CLASS_CONTEXT = """
    import multiprocessing
    import os
    import sys


    def child(q, values):
        q.put((os.getpid(), sum(values)))


    class Runner:
        method = "spawn"

        @classmethod
        def prepare(cls):
            cls._ctx = multiprocessing.get_context(cls.method)

        def run(self, values):
            q = multiprocessing.Queue()
            proc = self._ctx.Process(target=child, args=(q, values))
            proc.start()
            pid, total = q.get(timeout=60)
            proc.join(timeout=60)
            return total


    def main():
        Runner.prepare()
        total = Runner().run([1, 2, 3])
        print("RESULT=%d" % total)
        return 0 if total == 6 else 3


    if __name__ == "__main__":
        sys.exit(main())
"""


def fix_of(src: str):
    [finding] = found(src, "MP205")
    assert finding.fix is not None
    out = apply_edits(textwrap.dedent(src), finding.fix.edits)
    assert parses(out)
    return out


def test_a_context_pool_gets_the_lock_of_its_context():
    out = fix_of(CONTEXT_POOL.replace("METHOD", "spawn"))
    assert "    lock = ctx.Lock()\n" in out
    assert found(out, "MP205") == []


def test_no_finding_for_a_fork_context_pool():
    assert found(CONTEXT_POOL.replace("METHOD", "fork"), "MP205") == []


def test_an_attribute_context_names_the_method():
    out = fix_of(CLASS_CONTEXT)
    assert '        q = multiprocessing.get_context("spawn").Queue()\n' in out
    assert found(out, "MP205") == []


HELPER = """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    _progress = None


    def _init(progress):
        global _progress
        _progress = progress


    def _work(n):
        _progress.put(1)
        return n * 2


    def run_all(items, progress):
        with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn"), initializer=_init,
                                 initargs=(progress,)) as pool:
            return sum(pool.map(_work, items))
"""

HELPER_MAIN = """
    import multiprocessing as mp
    import sys

    from kit.runner import run_all


    def main():
        progress = mp.Queue()
        total = run_all([1, 2, 3], progress)
        done = sum(progress.get(timeout=60) for _ in range(3))
        print("RESULT=%d/%d" % (total, done))
        return 0 if (total, done) == (12, 3) else 3


    if __name__ == "__main__":
        sys.exit(main())
"""


def helper_root(tmp_path):
    return project(tmp_path, {"kit/__init__.py": "", "kit/runner.py": HELPER, "main.py": HELPER_MAIN})


def helper_fixed(root):
    [finding] = [f for f in findings(root / "main.py", "MP205") if f.fix is not None]
    out = apply_edits((root / "main.py").read_text(), finding.fix.edits)
    assert parses(out)
    return out


def test_an_object_handed_to_another_modules_spawn_pool(tmp_path):
    out = helper_fixed(helper_root(tmp_path))
    assert '    progress = mp.get_context("spawn").Queue()\n' in out


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("program", ["pool", "class", "helper"])
def test_runtime(tmp_path, method, program):
    if program == "helper":
        root = helper_root(tmp_path)
        out = helper_fixed(root)
    else:
        root = tmp_path
        out = fix_of(CONTEXT_POOL.replace("METHOD", "spawn") if program == "pool" else CLASS_CONTEXT)
    path = root / "main.py"
    if program != "helper":
        path.write_text(textwrap.dedent(CONTEXT_POOL.replace("METHOD", "spawn") if program == "pool"
                                        else CLASS_CONTEXT))
    if method == "fork":  # (where the default is fork, the SemLock made for fork is refused by the spawned child)
        try:
            before = run_program(path, method, timeout=15, cwd=root, hang_expected=True)  # (a hang passes: short)
            assert before.returncode != 0, before.stdout
        except subprocess.TimeoutExpired:
            pass  # (Python 3.10's Pool waits forever for the worker that could not take the lock: not clean either)
    path.write_text(out)
    after = run_program(path, method, timeout=120, cwd=root)
    assert after.returncode == 0, after.stdout + after.stderr
