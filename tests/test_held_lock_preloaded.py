"""MP305 for a thread the script starts at import: from Python 3.14 the forkserver imports the script (`__main__`)
in its server, which starts that thread too and forks every child from there, so a lock the thread holds stays
locked in the child as under fork (measured: 3.13's forkserver child takes the lock, 3.14's deadlocks). A thread
started under the main guard runs in the parent alone: fork only. Runtime proof under fork, spawn and forkserver;
on 3.14 in the chroot (scripts/test-pythons.sh)."""
import sys

import pytest
from helpers import found, run_program

PROGRAM = """
import multiprocessing
import threading
import time

LOCK = threading.Lock()


def hold_lock():
    with LOCK:
        time.sleep(3)


AT_IMPORT


def work():
    with LOCK:
        print("child got the lock", flush=True)


if __name__ == "__main__":
    UNDER_GUARD
    time.sleep(0.3)
    p = multiprocessing.Process(target=work)
    p.start()
    p.join(8)
    print("RESULT=%s" % ("deadlock" if p.is_alive() else "ok"), flush=True)
    if p.is_alive():
        p.kill()
"""
START = "threading.Thread(target=hold_lock, daemon=True).start()"


def program(at_import: bool) -> str:
    return PROGRAM.replace("AT_IMPORT", START if at_import else "").replace("UNDER_GUARD", "pass" if at_import else START)


def test_a_thread_started_at_import_bites_under_3_14_forkserver_too():
    [finding] = found(program(True), "MP305")
    assert finding.later_methods == {("forkserver", (3, 14))}
    assert "from Python 3.14 the forkserver imports the script" in finding.message


def test_a_thread_started_under_the_guard_is_fork_only():
    [finding] = found(program(False), "MP305")
    assert finding.later_methods == frozenset() and set(finding.start_methods) == {"fork"}
    assert "3.14" not in finding.message


def test_a_module_without_a_guard_is_fork_only():
    src = program(True).replace('if __name__ == "__main__":\n    pass', "def main():\n    pass")
    for finding in found(src, "MP305"):
        assert finding.later_methods == frozenset()


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("at_import", [True, False])
def test_runtime(tmp_path, method, at_import):
    path = tmp_path / "prog.py"
    path.write_text(program(at_import))
    out = run_program(path, method, timeout=60)
    preloaded = method == "forkserver" and sys.version_info >= (3, 14) and at_import
    expected = "deadlock" if method == "fork" or preloaded else "ok"
    assert f"RESULT={expected}" in out.stdout, out.stderr
