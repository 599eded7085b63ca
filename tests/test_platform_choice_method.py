"""A start method chosen per platform by a conditional expression, `"spawn" if os.name == "nt" else "fork"`, is read
per platform whether it is written in the `get_context(...)` call or bound to a name first (semantic/
pending_contexts.py `_platform_choice`; fresh_reports11's mempalace1431): fork on POSIX, so MP423 is said there and
only there (rules/context.py `breaks`: a platform the context gives a harmless method is left out, and so is Windows
given fork, which it does not have). Near misses: the choice reversed (spawn on POSIX), a test that is not about the
platform. (The child takes the lock the thread holds: MP305, the specific form, is said.) Proven under fork, spawn and forkserver defaults: the explicit choice wins on Linux."""
import textwrap

import pytest
from helpers import assert_outcome, found, run_program

PROGRAM = """
    import multiprocessing
    import os
    import sys
    import threading
    import time

    LOCK = threading.Lock()
    BUSY = threading.Event()


    def stream():
        for _ in range(40):
            with LOCK:
                BUSY.set()
                time.sleep(0.25)
            time.sleep(0.001)


    def child():
        ok = LOCK.acquire(timeout=3)
        print("child acquired" if ok else "child found it held", flush=True)


    def main():
        threading.Thread(target=stream, daemon=True).start()
        BUSY.wait(5)
        CHOOSE
        proc = ctx.Process(target=child)
        proc.start()
        proc.join()


    if __name__ == "__main__":
        main()
"""

INLINE = 'ctx = multiprocessing.get_context("spawn" if os.name == "nt" else "fork")'
NAMED = 'start_method = "spawn" if os.name == "nt" else "fork"\n    ctx = multiprocessing.get_context(start_method)'
PLATFORM = ('start_method = "spawn" if sys.platform == "win32" else "fork"\n'
            '    ctx = multiprocessing.get_context(start_method)')
REVERSED = 'start_method = "fork" if os.name == "nt" else "spawn"\n    ctx = multiprocessing.get_context(start_method)'
NOT_PLATFORM = ('start_method = "spawn" if len(sys.argv) > 5 else "fork"\n'
                '    ctx = multiprocessing.get_context(start_method)')


def program(choose):
    return textwrap.dedent(PROGRAM).replace("CHOOSE", choose)


@pytest.mark.parametrize("choose", [INLINE, NAMED, PLATFORM])
def test_fork_on_posix_is_found_there_only(choose):
    """(MP305: the lock the child takes, which the running thread holds; MP423 steps aside for it.)"""
    [finding] = found(program(choose), "MP305") + found(program(choose), "MP423")
    assert "windows" in finding.unreachable_on
    assert "windows" not in finding.extra_platforms


@pytest.mark.parametrize("choose", [REVERSED, NOT_PLATFORM])
def test_near_misses_are_silent(choose):
    assert found(program(choose), "MP423") == found(program(choose), "MP305") == []


def test_a_name_bound_to_something_else_too_is_not_read_as_the_choice():
    src = program(NAMED.replace("\n", "\n    if len(sys.argv) > 5:\n        start_method = sys.argv[1]\n", 1))
    assert found(src, "MP423") == found(src, "MP305") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("choose", [NAMED, REVERSED])
def test_runtime(tmp_path, method, choose):
    """On Linux the explicit choice wins under every default: fork finds the lock held, spawn does not."""
    path = tmp_path / "main.py"
    path.write_text(program(choose))
    out = run_program(path, method, timeout=60, cwd=tmp_path)
    assert_outcome(out, False, "", "child found it held" if choose is NAMED else "child acquired")


def test_mp423_itself_when_the_child_takes_no_lock():
    src = program(NAMED).replace("LOCK.acquire(timeout=3)", "True")
    [finding] = found(src, "MP423")
    assert "windows" in finding.unreachable_on and not found(src, "MP305")
