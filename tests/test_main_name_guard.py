"""MP101 and MP102 for code at a module's top level under `if current_process().name == "MainProcess":`, a test of
the process's name used as if it were the main guard.

Every child has a name of its own while it bootstraps (`Process-1`, `SpawnPoolWorker-2`: spawn's `prepare` sets it
before it imports the main module), so a spawned or forkserver child that re-imports the script skips the block: no
bootstrapping RuntimeError, no side effect repeated. But from Python 3.14 the forkserver imports the script in its
server process (`_preload_modules = ['__main__']`, whose path earlier versions never handed it), and the server is
named MainProcess: the block runs there, a start in it fails while the server bootstraps, and the parent's start()
then fails (ConnectionResetError). So such a finding holds for forkserver from 3.14 only (`later_methods`); the
tests that hold a start only the main process reaches inside a function are in tests/test_child_only_starts.py.
Near misses that still bite on every version: `parent_process() is None` (None in a spawned child until it has
re-imported the script), `current_process().daemon`, no test at all.

The runtime proofs run on every Python: ok under every method before 3.14; on 3.14 (the lead's chroot,
scripts/test-pythons.sh) the forkserver run fails with the bootstrapping error, and the side effect runs twice."""
from __future__ import annotations

import sys

import pytest
from helpers import check, found, run_program
from test_semantic_crossmodule import findings, project

from mpguard.text.findings import bites

SERVER = {("forkserver", (3, 14))}
# the start methods of the Python judged (the running one): from 3.14 the later method counts
NOW = {"forkserver"} if sys.version_info >= (3, 14) else set()

POOL_UNDER_NAME_TEST = """
import multiprocessing


def square(n):
    return n * n


if multiprocessing.current_process().name == "MainProcess":
    with multiprocessing.Pool(2) as pool:
        print(pool.map(square, range(4)))
"""

ELSE_BRANCH = """
from multiprocessing import Process, current_process


def greet(who):
    print("hello", who)


if "MainProcess" != current_process().name:
    pass
else:
    worker = Process(target=greet, args=("world",))
    worker.start()
    worker.join()
"""


def _server_only(finding) -> bool:
    return finding.later_methods == SERVER and set(finding.start_methods) == NOW


def test_a_pool_under_the_name_test_bites_in_the_3_14_forkserver_only():
    [finding] = found(POOL_UNDER_NAME_TEST, "MP101")
    assert _server_only(finding)
    assert "forkserver imports the script" in finding.message and "MainProcess" in finding.message
    assert bites(finding, "forkserver", (3, 14)) and bites(finding, "forkserver", (3, 15))
    assert not bites(finding, "spawn", (3, 14))
    if not NOW:  # (start_methods are those of the Python judged: on 3.14 they hold forkserver, for every version asked)
        assert not bites(finding, "forkserver", (3, 13))
    assert finding.fix is not None  # the main guard around the statement


def test_the_else_branch_of_the_reversed_test():
    [finding] = found(ELSE_BRANCH, "MP101")
    assert _server_only(finding) and finding.start.row == 13  # worker.start()


def test_an_explicit_spawn_or_fork_context_starts_no_server():
    for method in ("spawn", "fork"):
        src = POOL_UNDER_NAME_TEST.replace("multiprocessing.Pool(2)", f'multiprocessing.get_context("{method}").Pool(2)')
        assert found(src, "MP101") == [], method


def test_an_explicit_forkserver_context_bites_from_3_14_whatever_the_default():
    src = POOL_UNDER_NAME_TEST.replace("multiprocessing.Pool(2)", 'multiprocessing.get_context("forkserver").Pool(2)')
    [finding] = found(src, "MP101")
    assert {m for m, _since in finding.later_methods} == {"fork", "spawn", "forkserver"}
    assert {since for _m, since in finding.later_methods} == {(3, 14)}


@pytest.mark.parametrize("test", ["multiprocessing.parent_process() is None",
                                  "not multiprocessing.current_process().daemon",
                                  "True"])
def test_tests_that_hold_in_a_bootstrapping_child_keep_the_finding(test):
    src = POOL_UNDER_NAME_TEST.replace('multiprocessing.current_process().name == "MainProcess"', test)
    [finding] = found(src, "MP101")
    assert set(finding.start_methods) == {"spawn", "forkserver"} and not finding.later_methods


def test_the_main_guard_is_silent():
    src = POOL_UNDER_NAME_TEST.replace('multiprocessing.current_process().name == "MainProcess"',
                                       '__name__ == "__main__"')
    assert found(src, "MP101") == []


EFFECT_UNDER_NAME_TEST = """
import multiprocessing
import os

if multiprocessing.current_process().name == "MainProcess":
    with open(os.environ.get("LOG", "run.log"), "a") as log:
        log.write("started\\n")


def ping():
    print("pong")


if __name__ == "__main__":
    p = multiprocessing.Process(target=ping)
    p.start()
    p.join()
    with open(os.environ.get("LOG", "run.log")) as log:
        print("RESULT lines=%d" % len(log.readlines()))
"""


def test_a_side_effect_under_the_name_test_reruns_in_the_3_14_forkserver_only():
    [finding] = found(EFFECT_UNDER_NAME_TEST, "MP102")
    assert _server_only(finding) and "forkserver of Python 3.14+" in finding.message
    unguarded = EFFECT_UNDER_NAME_TEST.replace('if multiprocessing.current_process().name == "MainProcess":\n',
                                               "if True:\n")
    [near] = found(unguarded, "MP102")
    assert set(near.start_methods) == {"spawn", "forkserver"} and not near.later_methods


def test_an_imported_module_starting_under_the_name_test(tmp_path):
    boot = """
        import multiprocessing

        def tick():
            print("tick")

        if multiprocessing.current_process().name == "MainProcess":
            ticker = multiprocessing.Process(target=tick)
            ticker.start()
            ticker.join()
    """
    root = project(tmp_path, {"tools/__init__.py": "", "tools/boot.py": boot,
                              "main.py": "import tools.boot\n\nprint('RESULT done')\n"})
    [finding] = findings(root / "main.py", "MP101")
    assert _server_only(finding) and "importing tools.boot" in finding.message
    plain = boot.replace('multiprocessing.current_process().name == "MainProcess"', "True")
    near_root = project(tmp_path / "near", {"tools/__init__.py": "", "tools/boot.py": plain,
                                            "main.py": "import tools.boot\n\nprint('RESULT done')\n"})
    [near] = findings(near_root / "main.py", "MP101")
    assert set(near.start_methods) == {"spawn", "forkserver"}


CHANNEL = """
    import multiprocessing

    COUNTS = {}
    if multiprocessing.current_process().name == "MainProcess":
        COUNTS = multiprocessing.Manager().dict()
"""

MAPPER = """
    import multiprocessing

    from .channel import COUNTS


    def count(word):
        COUNTS[word] = len(word)
        return word.upper()


    def upper_all(words):
        with multiprocessing.Pool(2) as pool:
            return pool.map(count, words)
"""


def test_a_pool_worker_importing_the_module_starts_nothing(tmp_path):
    # a spawn Pool worker that imports the task's module (and the one it imports) is never named MainProcess: the
    # manager is not started in the daemonic worker (no MP413); without the test it is
    root = project(tmp_path, {"tally/__init__.py": "", "tally/channel.py": CHANNEL, "tally/mapper.py": MAPPER})
    assert findings(root / "tally/mapper.py", "MP413") == []
    plain = CHANNEL.replace('multiprocessing.current_process().name == "MainProcess"', "True")
    near = project(tmp_path / "near", {"tally/__init__.py": "", "tally/channel.py": plain, "tally/mapper.py": MAPPER})
    assert len(findings(near / "tally/mapper.py", "MP413")) == 1


def test_other_findings_of_the_module_are_unchanged():
    # the name test only changes when the module's own import starts something: a Pool's task is still judged
    src = POOL_UNDER_NAME_TEST.replace("pool.map(square", "pool.map(lambda n: n")
    assert {f.code for f in check(src)} >= {"MP201"}


START_PROGRAM = """
import multiprocessing


def report(queue):
    queue.put("child ran")


if multiprocessing.current_process().name == "MainProcess":
    queue = multiprocessing.Queue()
    child = multiprocessing.Process(target=report, args=(queue,))
    child.start()
    print("RESULT", queue.get(timeout=20), flush=True)
    child.join()
"""


def _preloading(method: str) -> bool:
    return method == "forkserver" and sys.version_info >= (3, 14)


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_start_under_the_name_test(tmp_path, method):
    path = tmp_path / "prog.py"
    path.write_text(START_PROGRAM)
    out = run_program(path, method, timeout=40)
    if _preloading(method):  # the server runs the block while it imports the script
        assert out.returncode != 0 and "bootstrapping phase" in out.stderr, out.stderr
    else:
        assert out.returncode == 0 and "RESULT child ran" in out.stdout, out.stderr


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_side_effect_under_the_name_test(tmp_path, method):
    path = tmp_path / "prog.py"
    path.write_text(EFFECT_UNDER_NAME_TEST)
    out = run_program(path, method, timeout=40, cwd=tmp_path)
    expected = 2 if _preloading(method) else 1  # the parent's line, and the server's from 3.14
    assert out.returncode == 0 and f"RESULT lines={expected}" in out.stdout, out.stderr
