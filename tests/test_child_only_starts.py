"""MP101 and starts only the main process reaches (docs/sweep.md 15.2, cause 6: gammapy's run_multiprocessing).

A re-imported main module fails to bootstrap only when importing it starts a process *in the child*. A helper
that starts its processes only under a test that is false in every child (`current_process().name ==
"MainProcess"`, or a local such a test sets before an early exit) runs serially there:
a script calling it at its top level re-runs it, but starts nothing while it bootstraps. Near misses without the
test still fail with the bootstrapping RuntimeError. From Python 3.14 the forkserver imports the script in its
server, a process named MainProcess: the start runs there, and MP101 says so for forkserver from 3.14 only
(`later_methods`; the module-level shapes: tests/test_main_name_guard.py)."""
from __future__ import annotations

import sys
import textwrap

import pytest
from helpers import found, run_program
from test_semantic_crossmodule import findings, project

METHODS = ["fork", "spawn", "forkserver"]

# gammapy's shape: the worker count rebound to 1 in a child, then an early exit on it
REBOUND = """
import multiprocessing

DEFAULT_WORKERS = 1


def work(x):
    return x + 100


def fan_out(items, workers=None):
    if workers is None:
        workers = DEFAULT_WORKERS
    if multiprocessing.current_process().name != "MainProcess":
        workers = 1
    if workers == 1:
        return [work(x) for x in items]
    procs = [multiprocessing.Process(target=work, args=(x,)) for x in items]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    if any(p.exitcode != 0 for p in procs):
        raise SystemExit("a child failed")
    return [work(x) for x in items]
"""

# another shape: an early exit on the test itself, from a module imported as `from ... import`
EARLY_EXIT = """
from multiprocessing import Process, current_process


def echo(tag):
    return tag


def launch(tags, parallel=True):
    if "MainProcess" != current_process().name:
        return [echo(t) for t in tags]
    if not parallel:
        return [echo(t) for t in tags]
    children = [Process(target=echo, args=(t,)) for t in tags]
    for c in children:
        c.start()
    for c in children:
        c.join()
    if any(c.exitcode != 0 for c in children):
        raise SystemExit("a child failed")
    return [echo(t) for t in tags]
"""

# the start itself under the test (no early exit)
UNDER_TEST = """
import multiprocessing as mp


def job(n):
    return n


def spread(numbers):
    if mp.current_process().name == "MainProcess":
        ps = [mp.Process(target=job, args=(n,)) for n in numbers]
        for p in ps:
            p.start()
        for p in ps:
            p.join()
        if any(p.exitcode != 0 for p in ps):
            raise SystemExit("a child failed")
    return [job(n) for n in numbers]
"""

REBOUND_SCRIPT = "from tools import runner\n\nprint('RESULT', runner.fan_out([1, 2], workers=2))\n"
EARLY_SCRIPT = "from tools.runner import launch\n\nprint('RESULT', launch(['a', 'b']))\n"
UNDER_SCRIPT = "import tools.runner as r\n\nprint('RESULT', r.spread([3, 4]))\n"

CASES = {"rebound": (REBOUND, REBOUND_SCRIPT), "early exit": (EARLY_EXIT, EARLY_SCRIPT),
         "under test": (UNDER_TEST, UNDER_SCRIPT)}


def _without_child_test(helper: str) -> str:
    """The near miss: the same helper without the test a child sees differently."""
    lines = helper.splitlines()
    out, skip = [], 0
    for line in lines:
        if skip:
            skip -= 1
            continue
        if 'current_process().name != "MainProcess"' in line or '"MainProcess" != current_process().name' in line:
            skip = 1
            continue
        if 'current_process().name == "MainProcess"' in line:
            line = line.replace('mp.current_process().name == "MainProcess"', "True")
        out.append(line)
    return "\n".join(out) + "\n"


def _tree(tmp_path, helper: str, script: str):
    return project(tmp_path, {"tools/__init__.py": "", "tools/runner.py": helper, "main.py": script})


def _server_only(found) -> bool:
    """A finding of the start in 3.14's forkserver server alone: no start method before 3.14 (the start methods
    are those of the Python judged, the running one: forkserver where that is 3.14 or later)."""
    now = {"forkserver"} if sys.version_info >= (3, 14) else set()
    return len(found) == 1 and set(found[0].start_methods) == now \
        and found[0].later_methods == {("forkserver", (3, 14))} and "forkserver imports the script" in found[0].message


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_start_only_the_main_process_reaches_bites_in_the_3_14_forkserver_only(tmp_path, case):
    helper, script = CASES[case]
    root = _tree(tmp_path, helper, script)
    assert _server_only(findings(root / "main.py", "MP101"))


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_helper_without_the_test_is_still_found(tmp_path, case):
    helper, script = CASES[case]
    root = _tree(tmp_path, _without_child_test(helper), script)
    assert len(findings(root / "main.py", "MP101")) == 1


def test_the_same_module_function_under_the_test_bites_in_the_3_14_forkserver_only():
    src = UNDER_TEST + "\n\nprint(spread([1]))\n"
    assert _server_only(found(src, "MP101"))
    [near] = found(_without_child_test(UNDER_TEST) + "\n\nprint(spread([1]))\n", "MP101")
    assert set(near.start_methods) == {"spawn", "forkserver"}


def test_a_local_the_child_may_not_hold_keeps_the_finding(tmp_path):
    # the rebinding sits under another test too: a child that skips it keeps the caller's count
    helper = REBOUND.replace('    if multiprocessing.current_process().name != "MainProcess":\n        workers = 1\n',
                             '    if items:\n        if multiprocessing.current_process().name != "MainProcess":\n'
                             '            workers = 1\n')
    root = _tree(tmp_path, helper, REBOUND_SCRIPT)
    assert len(findings(root / "main.py", "MP101")) == 1


def test_daemon_is_not_a_child_test(tmp_path):
    # a plain Process child is not daemonic: `current_process().daemon` says nothing about being a child
    helper = REBOUND.replace('multiprocessing.current_process().name != "MainProcess"',
                             "multiprocessing.current_process().daemon")
    root = _tree(tmp_path, helper, REBOUND_SCRIPT)
    assert len(findings(root / "main.py", "MP101")) == 1


# parent_process() is None in a spawned child until it has re-imported the main module: no child test
PARENT_TEST = EARLY_EXIT.replace("current_process", "parent_process").replace(
    '"MainProcess" != parent_process().name', "parent_process() is not None")


def test_parent_process_is_not_a_child_test(tmp_path):
    root = _tree(tmp_path, PARENT_TEST, EARLY_SCRIPT)
    assert len(findings(root / "main.py", "MP101")) == 1


@pytest.mark.parametrize("method", METHODS)
def test_runtime_parent_process_is_none_while_bootstrapping(tmp_path, method):
    root = _tree(tmp_path, PARENT_TEST, EARLY_SCRIPT)
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    if method == "fork":
        assert out.returncode == 0 and "RESULT" in out.stdout, out.stderr
    else:
        assert out.returncode != 0 and "bootstrapping phase" in out.stderr, out.stderr


@pytest.mark.parametrize("method", METHODS)
def test_runtime(tmp_path, method):
    for case, (helper, script) in sorted(CASES.items()):
        root = _tree(tmp_path / case.replace(" ", "_"), helper, script)
        out = run_program(root / "main.py", method, timeout=60, cwd=root)
        if method == "forkserver" and sys.version_info >= (3, 14):
            # 3.14's forkserver preloads main.py in the server, a process named MainProcess: the child test does
            # not hold there and the server fails to bootstrap (the parent then sees ConnectionResetError), as
            # the finding's later_methods say (forkserver from 3.14)
            assert out.returncode != 0 and "bootstrapping phase" in out.stderr, (case, out.stderr)
        else:
            assert out.returncode == 0 and "RESULT" in out.stdout, (case, out.stderr)
            assert "bootstrapping phase" not in out.stderr, (case, out.stderr)
        near = _tree(tmp_path / f"{case.replace(' ', '_')}_near", _without_child_test(helper), script)
        out = run_program(near / "main.py", method, timeout=60, cwd=near)
        if method == "fork":
            assert out.returncode == 0 and "RESULT" in out.stdout, (case, out.stderr)
        else:  # every child re-imports main.py, whose top level starts processes while it bootstraps
            assert out.returncode != 0 and "bootstrapping phase" in out.stderr, (case, out.stderr)
