"""Three values that reach a child only through a helper, each a blind miss of fresh_realistic4:

- what a helper returns when it returns a method's result of its argument (`def query(conn, region): return
  conn.execute(...)`): the class of what the caller passes says what that is (a sqlite3 Cursor, refused by pickle),
  in this module (flow) and from another one (`ModuleSummary.derived`, `.types`);
- a global of another project module that the parent sets by attribute (`settings.CURRENCY = args.currency`) and
  that a child reads only through that module's own function (`settings.fmt(amount)`): lost under spawn and
  forkserver, unless the pool's initializer sets it in each worker;
- a child's payload sized by an item of the dict it is given (`range(spec["limit"])` with `{"limit": 20000}`) and
  joined into one string: more than a pipe holds, so joining the child before reading deadlocks.

Each is proven by running it under fork, spawn and forkserver, with its hazard-free near miss."""
import os
import subprocess
import sys

import pytest
from helpers import RUNNER_SITE, assert_outcome, codes, run_program, runtime_proofs_or_skip, run_in_session

from test_semantic_crossmodule import findings, project

DB = """
    import sqlite3


    def open_db():
        conn = sqlite3.connect(":memory:")
        conn.execute("create table sales(region text, amount real)")
        conn.executemany("insert into sales values (?, ?)", [("north", 10.0), ("south", 20.5)])
        return conn


    def query(conn, region):
        return conn.execute("select amount from sales where region = ?", (region,))
"""

REPORT = """
    import multiprocessing

    from kit import db


    def region_amounts(region):
        conn = db.open_db()
        return RETURNED


    if __name__ == "__main__":
        with multiprocessing.Pool(2) as pool:
            results = pool.map(region_amounts, ["north", "south"])
        print("RESULT=%d" % len(results))
"""

# what the task returns -> does pickle refuse it
RETURNED = {"db.query(conn, region)": True, "db.query(conn, region).fetchall()": False}


def _report(tmp_path, returned):
    return project(tmp_path, {"kit/__init__.py": "", "kit/db.py": DB, "main.py": REPORT.replace("RETURNED", returned)})


@pytest.mark.parametrize("returned", sorted(RETURNED))
def test_what_another_modules_helper_returns_from_its_arguments_method(tmp_path, returned):
    got = findings(_report(tmp_path, returned) / "main.py")
    assert [f.code for f in got] == (["MP207"] if RETURNED[returned] else [])
    assert all("sqlite3.Cursor" in f.message for f in got)


LOCAL = """
import multiprocessing as mp
import sqlite3


def open_db():
    return sqlite3.connect(":memory:")


def query(conn, sql):
    return conn.execute(sql)


def rows(region):
    return RETURNED


if __name__ == "__main__":
    with mp.Pool(2) as pool:
        print(pool.map(rows, ["north"]))
"""


@pytest.mark.parametrize("returned, refused", [("query(open_db(), 'select 1')", True),
                                                ("query(open_db(), 'select 1').fetchall()", False),
                                                ("query('select', '1')", False)])
def test_a_local_helper_returning_its_arguments_method_result(returned, refused):
    # (`query('select', '1')`: `str.execute` is nothing the catalog knows: not judged)
    assert ("MP207" in codes(LOCAL.replace("RETURNED", returned))) is refused


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("returned", sorted(RETURNED))
def test_runtime_cursor(tmp_path, returned, method):
    root = _report(tmp_path, returned)
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    assert_outcome(out, RETURNED[returned], "cannot pickle 'sqlite3.Cursor' object", "RESULT=2")


SETTINGS = """
    CURRENCY = "USD"


    def init(currency):
        global CURRENCY
        CURRENCY = currency


    def fmt(amount):
        return f"{amount:.2f} {CURRENCY}"
"""

CLI = """
    import argparse
    import multiprocessing as mp
    import sys

    import kit.settings as settings


    def render_line(item):
        name, amount = item
        return f"{name}: " + READ


    if __name__ == "__main__":
        ap = argparse.ArgumentParser()
        ap.add_argument("--currency", default="EUR")
        args = ap.parse_args()
        settings.CURRENCY = args.currency
        with mp.Pool(2POOL) as pool:
            lines = pool.map(render_line, [("north", 10.0), ("south", 20.5)])
        print("RESULT=" + "|".join(lines))
        sys.exit(0 if all(line.endswith("EUR") for line in lines) else 3)
"""

# (what the task reads, the pool's extra arguments) -> is the parent's setting lost to spawned workers
VARIANTS = {
    ("settings.fmt(amount)", ""): True,
    ("settings.fmt(amount)", ", initializer=settings.init, initargs=(args.currency,)"): False,
    ('f"{amount:.2f} EUR"', ""): False,
}


def _cli(tmp_path, read, pool):
    return project(tmp_path, {"kit/__init__.py": "", "kit/settings.py": SETTINGS,
                              "main.py": CLI.replace("READ", read).replace("POOL", pool)})


@pytest.mark.parametrize("read, pool", sorted(VARIANTS))
def test_a_global_set_by_attribute_and_read_in_its_own_module(tmp_path, read, pool):
    got = findings(_cli(tmp_path, read, pool) / "main.py")
    assert [(f.code, f.start.row) for f in got] == ([("MP302", 18)] if VARIANTS[(read, pool)] else [])
    assert all(f.start_methods == {"spawn", "forkserver"} for f in got)


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("read, pool", sorted(VARIANTS))
def test_runtime_module_global(tmp_path, read, pool, method):
    out = run_program(_cli(tmp_path, read, pool) / "main.py", method, timeout=60, cwd=tmp_path)
    lost = VARIANTS[(read, pool)] and method != "fork"
    assert out.returncode == (3 if lost else 0), out.stderr
    assert ("USD" in out.stdout) is lost


EXPORTER = """
import multiprocessing as mp


def export_rows(spec, out):
    rows = [f"{i},{spec['table']},{'x' * 40}" for i in range(spec["limit"])]
    out.put("\\n".join(rows))


def run_export(spec):
    out = mp.Queue()
    worker = mp.Process(target=export_rows, args=(spec, out))
    worker.start()
    worker.join()
    return out.get()


if __name__ == "__main__":
    text = run_export({"table": "orders", "limit": LIMIT})
    print("RESULT=%d" % len(text.splitlines()))
"""


@pytest.mark.parametrize("limit, deadlocks", [(20000, True), (10, False)])
def test_a_payload_sized_by_an_item_of_the_dict_the_child_is_given(limit, deadlocks):
    assert ("MP410" in codes(EXPORTER.replace("LIMIT", str(limit)))) is deadlocks


@pytest.mark.parametrize("other, deadlocks", [(20, False), (20000, True)])
def test_the_largest_item_the_callers_give_counts(other, deadlocks):
    source = EXPORTER.replace('text = run_export({"table": "orders", "limit": LIMIT})',
                              'text = run_export({"table": "orders", "limit": 10})\n'
                              f'    run_export({{"table": "orders", "limit": {other}}})')
    assert ("MP410" in codes(source)) is deadlocks


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("limit, deadlocks", [(20000, True), (10, False)])
def test_runtime_exporter(tmp_path, limit, deadlocks, method):
    runtime_proofs_or_skip()
    path = tmp_path / "exporter.py"
    path.write_text(EXPORTER.replace("LIMIT", str(limit)))
    env = dict(os.environ, PYTHONPATH=str(RUNNER_SITE), MP_DEFAULT_METHOD=method)
    try:
        proc = run_in_session([sys.executable, str(path)], timeout=8 if deadlocks else 60, env=env)
        out, _err = proc.stdout, proc.stderr
        hung = False
    except subprocess.TimeoutExpired:  # (the deadlocked child would outlive the test: its group is killed)
        hung, out = True, ""
    assert hung is deadlocks
    assert deadlocks or f"RESULT={limit}" in out


UNPACKED = """
import multiprocessing as mp
import sqlite3


def make_client(path):
    conn = sqlite3.connect(path)
    return RETURNED


def use(value):
    print("RESULT=ok")


if __name__ == "__main__":
    first, second = make_client(":memory:")
    p = mp.Process(target=use, args=(PASSED,))
    p.start()
    p.join()
"""

# (what the helper returns, what the Process is given) -> does pickle refuse it (under spawn and forkserver)
UNPACKINGS = {("conn, path", "first"): True, ("conn, path", "second"): False,
              ("[path, conn]", "second"): True, ("[path, conn]", "first"): False}


@pytest.mark.parametrize("returned, passed", sorted(UNPACKINGS))
def test_a_tuple_a_helper_returns_unpacked_by_position(returned, passed):
    source = UNPACKED.replace("RETURNED", returned).replace("PASSED", passed)
    assert ("MP203" in codes(source)) is UNPACKINGS[(returned, passed)]


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("returned, passed", sorted(UNPACKINGS))
def test_runtime_unpacked(tmp_path, returned, passed, method):
    path = tmp_path / "unpacked.py"
    path.write_text(UNPACKED.replace("RETURNED", returned).replace("PASSED", passed))
    out = run_program(path, method, timeout=60, cwd=tmp_path)
    refused = UNPACKINGS[(returned, passed)] and method != "fork"  # (Process args are not pickled under fork)
    assert_outcome(out, refused, "cannot pickle 'sqlite3.Connection' object", "RESULT=ok")


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_the_fix_restores_the_module_global_in_each_worker(tmp_path, method):
    """MP302's fix for a global read through the module's function: the pool's initializer sets it again in each
    worker (unsafe: the value as it is when the pool is made), and the fixed program prints EUR everywhere."""
    root = _cli(tmp_path, "settings.fmt(amount)", "")
    fixed = subprocess.run([sys.executable, "-m", "mpguard", "check", "--fix", "--unsafe-fixes", "main.py"],
                           cwd=root, capture_output=True, text=True, timeout=120)
    text = (root / "main.py").read_text()
    assert "initializer=_restore_settings_CURRENCY, initargs=(settings.CURRENCY,)" in text, fixed.stdout
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    assert out.returncode == 0 and "USD" not in out.stdout, out.stderr


TABLE = """
import multiprocessing as mp
import threading
from concurrent.futures import ProcessPoolExecutor


class Job:
    def __init__(self, n):
        self.n = n
        self.done = MADE


def run(job):
    return getattr(job, "n", job)  # (the keys are the numbers themselves)


def jobs_for(ns):
    return {n: Job(n) for n in ns}


if __name__ == "__main__":
    table = jobs_for([1, 2])
    with ProcessPoolExecutor(2, mp_context=mp.get_context("spawn")) as ex:
        print("RESULT=%s" % sum(ex.map(run, table.READ())))
"""

# (what each Job keeps, how the table is read) -> does pickle refuse the tasks' arguments
TABLES = {("threading.Event()", "values"): True, ("threading.Event()", "keys"): False, ("None", "values"): False}


@pytest.mark.parametrize("made, read", sorted(TABLES))
def test_the_values_of_a_dict_a_helper_returns(made, read):
    assert ("MP203" in codes(TABLE.replace("MADE", made).replace("READ", read))) is TABLES[(made, read)]


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("made, read", sorted(TABLES))
def test_runtime_table(tmp_path, made, read, method):
    path = tmp_path / "table.py"
    path.write_text(TABLE.replace("MADE", made).replace("READ", read))
    out = run_program(path, method, timeout=60, cwd=tmp_path)
    assert_outcome(out, TABLES[(made, read)], "cannot pickle '_thread.lock' object", "RESULT=3")


RUNNER = """
import threading
from concurrent.futures import ProcessPoolExecutor


class ScriptRunner:
    def __init__(self, logger):
        self.logger = logger

    def run_model(self, name):
        return name.upper()


def run_all(runner, models):
    with ProcessPoolExecutor(max_workers=2) as executor:
        futures = [executor.submit(runner.run_model, name) for name in models]
        return [future.result() for future in futures]


if __name__ == "__main__":
    print("RESULT=%s" % run_all(ScriptRunner(KEPT), ["orders", "customers"]))
"""

# what the runner keeps -> does pickle refuse the bound method handed to submit (dbt-fal #777's shape, fresh_libs5)
KEPT = {"threading.Lock()": True, '"fal"': False}


@pytest.mark.parametrize("kept", sorted(KEPT))
def test_a_bound_method_of_the_object_the_callers_pass(kept):
    assert ("MP201" in codes(RUNNER.replace("KEPT", kept))) is KEPT[kept]


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("kept", sorted(KEPT))
def test_runtime_bound_method_of_a_parameter(tmp_path, kept, method):
    path = tmp_path / "runner.py"
    path.write_text(RUNNER.replace("KEPT", kept))
    out = run_program(path, method, timeout=60, cwd=tmp_path)
    assert_outcome(out, KEPT[kept], "cannot pickle '_thread.lock' object", "RESULT=['ORDERS', 'CUSTOMERS']")
