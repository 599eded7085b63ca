"""A parent that reads only the first rows a child writes (`while len(rows) < limit: rows.append(q.get())`),
gives up with `join(timeout)` and returns: at exit multiprocessing joins the child, which cannot exit
until the rest of its queue is read (cpython#91594). rules/read_bounds.py bounds the reads; MP410 weighs
what is left against the pipe (rules/exit_join.py). The first test runs both sides of the line."""
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from helpers import codes, rows, run_in_session

RUNNER = Path(__file__).parent / "fixtures" / "runner"

PREVIEW = """
import multiprocessing

def export_rows(n_rows, out):
    for i in range(n_rows):
        out.put({"id": i, "payload": "x" * 200})
    out.put(None)

def preview(n_rows={rows}, limit={limit}):
    out = multiprocessing.Queue()
    exporter = multiprocessing.Process(target=export_rows, args=(n_rows, out))
    exporter.start()
    rows = []
    while len(rows) < limit:
        row = out.get(timeout=10)
        if row is None:
            break
        rows.append(row["id"])
    exporter.join(timeout=1)
    return rows

if __name__ == "__main__":
    print(preview())
"""


def program(n_rows, limit):
    return textwrap.dedent(PREVIEW.replace("{rows}", str(n_rows)).replace("{limit}", str(limit)))


@pytest.mark.parametrize("n_rows, limit, hangs", [(2000, 3, True), (10, 3, False), (2000, 2001, False)])
def test_a_preview_of_the_first_rows_then_the_exit(tmp_path, n_rows, limit, hangs):
    source = program(n_rows, limit)
    path = tmp_path / "preview.py"
    path.write_text(source)
    env = {**os.environ, "PYTHONPATH": str(RUNNER), "MPGUARD_DEFAULT_METHOD": "fork"}
    hung, _finished = _run(path, env, 10)
    assert hung == hangs
    assert ("MP410" in codes(source)) == hangs


def test_it_is_reported_at_the_join():
    assert rows(program(20000, 3), "MP410") == [19]


def test_a_limit_the_caller_passes_is_not_known():
    source = program(20000, 3).replace("print(preview())", "print(preview(limit=int(input())))")
    assert "MP410" not in codes(source)


def test_a_loop_that_may_skip_the_append_is_not_bounded():
    source = program(20000, 3).replace('        rows.append(row["id"])', '        if row["id"] % 2:\n            continue\n        rows.append(row["id"])')
    assert "MP410" not in codes(source)


def _run(path, env, timeout):
    """(hung, (exit status, stdout, stderr)) of a program run in its own session: a program that hangs is
    killed with every process it started (a deadlocked child would outlive the test)."""
    try:
        proc = run_in_session([sys.executable, str(path)], timeout=timeout, env=env)
        out, err = proc.stdout, proc.stderr
        return False, (proc.returncode, out, err)
    except subprocess.TimeoutExpired:
        return True, (None, "", "")
