"""A Process subclass derived from a context's `Process` (`class FileReadingProcess(ctx.Process)`, pyteomics
5.0.1 auxiliary/file_helpers.py) starts with that context's method, not the default one. pyteomics chooses
`ctx = mp.get_context(_get_default_start_method())`, a function that never returns fork when forkserver or
spawn exist; its `map()` starts a feeder thread and then the workers. Read as default-context processes,
the workers were forks with a thread running (an MP423 false alarm found by the session-17 sweep)."""
from __future__ import annotations

import pytest
from helpers import codes, run_program

PROGRAM = '''
import multiprocessing as mp
import sys
import threading

STATE = "unset"


def _method():
    methods = mp.get_all_start_methods()
    if methods[0] == "fork":
        for alternative in ["forkserver", "spawn"]:
            if alternative in methods:
                return alternative
    return methods[0]


ctx = @@CONTEXT@@


class Worker(@@BASE@@):
    def __init__(self, q, out):
        super().__init__()
        self.q, self.out = q, out

    def run(self):
        while self.q.get() is not None:
            pass
        self.out.put(STATE)


def feeder(q, n):
    def feed():
        for i in range(10):
            q.put(i)
        for _ in range(n):
            q.put(None)
    thread = threading.Thread(target=feed, daemon=True)
    thread.start()
    return thread


def main(n=2):
    global STATE
    STATE = "set in the parent"
    q, out = ctx.Queue(), ctx.Queue()
    workers = [Worker(q, out) for _ in range(n)]
    feeder(q, n)
    for w in workers:
        w.start()
    seen = sorted(out.get(timeout=30) for _ in workers)
    for w in workers:
        w.join()
    print("RESULT=" + ",".join(seen))


if __name__ == "__main__":
    main()
'''


def program(context: str, base: str = "ctx.Process") -> str:
    return PROGRAM.replace("@@CONTEXT@@", context).replace("@@BASE@@", base)


@pytest.mark.parametrize("context", ['mp.get_context("spawn")', 'mp.get_context("forkserver")',
                                     "mp.get_context(_method())"])
def test_subclass_of_a_context_that_does_not_fork_is_silent(context):
    assert "MP423" not in codes(program(context))


def test_subclass_of_a_fork_context_forks_with_the_thread_running():
    assert "MP423" in codes(program('mp.get_context("fork")'))


def test_subclass_of_the_default_process_keeps_the_finding():
    assert "MP423" in codes(program('mp.get_context("spawn")', base="mp.Process"))


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_the_subclass_starts_with_its_context(tmp_path, method):
    """Whatever the default start method, a spawn context's subclass re-imports the module (the child sees the
    module's STATE, not the parent's), and a fork context's subclass copies the parent."""
    for context, seen in (('mp.get_context("spawn")', "unset"), ('mp.get_context("fork")', "set in the parent")):
        path = tmp_path / "main.py"
        path.write_text(program(context))
        out = run_program(path, method, timeout=60, cwd=tmp_path)
        assert out.returncode == 0 and f"RESULT={seen},{seen}" in out.stdout, (context, out.stderr)
