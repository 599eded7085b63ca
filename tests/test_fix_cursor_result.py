"""MP207's fix for a task returning a sqlite3.Cursor: the task returns `list(cursor)`, its rows, read in the worker
(fixes/cursor_result.py; fresh_realistic4 sales_report_returns_cursor). Proven under fork, spawn and forkserver."""
from __future__ import annotations

import pytest
from helpers import run_program, sent_back_copy
from mpguard.fixes.apply import fix_all, parses
from mpguard.linter.analyze import analyze
from mpguard.text.findings import Applicability

SOURCE = '''import multiprocessing as mp
import sqlite3


def amounts(region):
    conn = sqlite3.connect(":memory:")
    conn.execute("create table sales(region text, amount real)")
    conn.executemany("insert into sales values (?, ?)", [("north", 10.0), ("south", 20.5), ("north", 3.5)])
    cursor = conn.execute("select amount from sales where region = ?", (region,))
    return cursor


if __name__ == "__main__":
    with mp.Pool(2) as pool:
        results = pool.map(amounts, ["north", "south"])
    print("RESULT=%s" % USE)
'''


def mp207(text):
    return [f for f in analyze(text, "case.py").findings if f.code == "MP207" and not sent_back_copy(f)]


def fixed(text):
    return fix_all(text, lambda t: analyze(t, "case.py").findings, unsafe=True)[0]


def test_the_task_returns_the_rows():
    text = SOURCE.replace("USE", "[sorted(rows) for rows in results]")
    [finding] = mp207(text)
    assert finding.fix.applicability is Applicability.UNSAFE
    out = fixed(text)
    assert parses(out)
    assert "    return list(cursor)\n" in out
    assert mp207(out) == []


@pytest.mark.parametrize("use", ["[c.fetchall() for c in results]", "[c.rowcount for c in results]"])
def test_no_fix_when_the_module_uses_a_cursor_api_outside_the_task(use):
    [finding] = mp207(SOURCE.replace("USE", use))
    assert finding.fix is None


def test_no_fix_for_a_container_holding_the_cursor():
    [finding] = mp207(SOURCE.replace("USE", "len(results)").replace("return cursor", "return region, cursor"))
    assert finding.fix is None


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    text = SOURCE.replace("USE", "[sorted(rows) for rows in results]")
    path = tmp_path / "prog.py"
    path.write_text(text)
    before = run_program(path, method, timeout=120)
    assert before.returncode != 0 and "sqlite3.Cursor" in before.stderr
    path.write_text(fixed(text))
    after = run_program(path, method, timeout=120)
    assert after.returncode == 0 and "RESULT=[[(3.5,), (10.0,)], [(20.5,)]]" in after.stdout, after.stderr
