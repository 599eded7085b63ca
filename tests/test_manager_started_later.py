"""MP101 for a SyncManager: constructing one starts nothing. Its server process starts at `start()`, or when a
`with` statement enters it (BaseManager.__enter__ starts a manager not started yet); `multiprocessing.Manager()`
starts it before returning. A manager made at the top and started there was reported twice (its constructor,
as "creates a manager server process", and its `start()`); one made at the top and started under the main guard
was reported at its constructor though nothing starts at import (docs/sweep.md, section 12, left alone)."""
from __future__ import annotations

import textwrap

import pytest
from helpers import assert_outcome, codes, found, methods, run_program

PROGRAM = """
    import multiprocessing
    from multiprocessing.managers import SyncManager

    manager = SyncManager()
    TOP


    def work(shared):
        shared.append(1)


    if __name__ == "__main__":
        MAIN
        shared = manager.list()
        p = multiprocessing.Process(target=work, args=(shared,))
        p.start()
        p.join()
        print("shared", list(shared))
        manager.shutdown()
"""


def program(top: str = "", main: str = "manager.start()") -> str:
    return textwrap.dedent(PROGRAM).replace("TOP", top).replace("MAIN", main)


def test_a_sync_manager_made_at_the_top_and_started_under_the_guard_is_silent():
    assert "MP101" not in codes(program())


def test_a_sync_manager_made_at_the_top_and_never_started_is_silent():
    src = """
        from multiprocessing.managers import SyncManager

        manager = SyncManager()
    """
    assert "MP101" not in codes(src)


def test_a_sync_manager_made_and_started_at_the_top_is_reported_once_at_its_start():
    src = """
        from multiprocessing.managers import SyncManager

        m = SyncManager()
        m.start()
    """
    reported = found(src, "MP101")
    assert len(reported) == 1 and "`m.start()`" in reported[0].message


def test_a_sync_manager_entered_by_a_with_at_the_top_is_reported():
    src = """
        from multiprocessing.managers import SyncManager

        with SyncManager() as m:
            shared = m.list()
    """
    assert methods(src, "MP101") == {"spawn", "forkserver"}


def test_a_made_sync_manager_entered_at_the_top_is_reported():
    src = """
        from multiprocessing.managers import SyncManager

        m = SyncManager()
        with m:
            shared = m.list()
    """
    assert methods(src, "MP101") == {"spawn", "forkserver"}


def test_a_sync_manager_entered_under_the_guard_is_silent():
    src = """
        from multiprocessing.managers import SyncManager

        m = SyncManager()

        if __name__ == "__main__":
            with m:
                shared = m.list()
    """
    assert "MP101" not in codes(src)


@pytest.mark.parametrize("make", ["multiprocessing.Manager()", "multiprocessing.get_context().Manager()"])
def test_multiprocessing_manager_at_the_top_is_still_reported(make):
    src = f"""
        import multiprocessing

        m = {make}
    """
    assert methods(src, "MP101") == {"spawn", "forkserver"}


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("where", ["guard", "top", "with"])
def test_runtime_sync_manager_made_at_the_top(tmp_path, method, where):
    """Made at the top and started under the guard: runs under every method (a child re-importing the module
    makes another manager and starts nothing). Started at the top, or entered by a `with` there: the server
    process, spawned, re-imports the module and starts another manager while bootstrapping."""
    path = tmp_path / "managed.py"
    if where == "with":
        path.write_text(textwrap.dedent("""
            from multiprocessing.managers import SyncManager

            with SyncManager() as m:
                shared = m.list()
                shared.append(1)
                print("shared", list(shared))
        """))
    else:
        path.write_text(program("manager.start()", "pass") if where == "top" else program())
    out = run_program(path, method)
    assert_outcome(out, where != "guard" and method != "fork", "bootstrapping phase", "shared [1]")
