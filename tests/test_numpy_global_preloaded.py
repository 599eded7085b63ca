"""MP306 for numpy's global random state first used at the script's import (numpy 2 makes and seeds that state on
first use): forked children copy it, and from Python 3.14 so do the forkserver's, whose server imports the script
and so uses it too (measured on 3.14.10 with numpy 2.5.5: 1 distinct value of 3 under forkserver; 3 of 3 when the
script first uses it under the main guard, which the server never runs). Runtime proof under fork, spawn and
forkserver, in a subprocess (numpy is never imported here)."""
import sys

import pytest
from helpers import found, run_program, skip_without

PROGRAM = """
import multiprocessing

import numpy as np

AT_IMPORT


def draw(q):
    q.put(float(np.random.random()))


if __name__ == "__main__":
    IN_MAIN
    q = multiprocessing.Queue()
    procs = [multiprocessing.Process(target=draw, args=(q,)) for _ in range(3)]
    for p in procs:
        p.start()
    values = [q.get() for _ in procs]
    for p in procs:
        p.join()
    print("RESULT=%d" % len(set(values)))
"""
USE = "np.random.random()"


def program(at_import: bool) -> str:
    return PROGRAM.replace("AT_IMPORT", USE if at_import else "").replace("IN_MAIN", "pass" if at_import else USE)


def test_used_at_import_bites_under_3_14_forkserver_too():
    [finding] = found(program(True), "MP306")
    assert finding.later_methods == {("forkserver", (3, 14))}
    assert "from Python 3.14 also into every child of the forkserver" in finding.message


def test_used_under_the_guard_is_fork_only():
    [finding] = found(program(False), "MP306")
    assert finding.later_methods == frozenset() and "3.14" not in finding.message


def test_used_in_a_function_at_import_is_not_judged_to_run_at_import():
    src = program(True).replace(USE, "def warm():\n    np.random.random()", 1)
    for finding in found(src, "MP306"):
        assert finding.later_methods == frozenset()


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("at_import", [True, False])
def test_runtime(tmp_path, method, at_import):
    skip_without("numpy")
    path = tmp_path / "prog.py"
    path.write_text(program(at_import))
    out = run_program(path, method, timeout=60)
    shared = method == "fork" or (method == "forkserver" and sys.version_info >= (3, 14) and at_import)
    assert f"RESULT={1 if shared else 3}" in out.stdout, out.stderr
