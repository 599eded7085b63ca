"""`@dask.delayed` and `dask.delayed(f)(x)` tasks (the catalog's `delayed` list of dask.compute): computed
on the processes scheduler, the function and its arguments cross with cloudpickle, which refuses an
sqlite3 connection under every start method; the threaded default scheduler pickles nothing. The first
test runs the programs with dask when it is installed (`pip install -e '.[libs]'`)."""
import importlib.util
import os
import sys
import textwrap
from pathlib import Path

import pytest

from helpers import codes, methods, run_in_session

RUNNER = Path(__file__).parent / "fixtures" / "runner"

PROGRAM = """
import sqlite3
import dask

@dask.delayed
def summary(conn, table):
    return table

def plain(conn, table):
    return table

def main():
    conn = {conn}
    {compute}

if __name__ == "__main__":
    main()
"""
DECORATED = 'print(dask.compute(*[summary(conn, t) for t in ("a", "b")], scheduler="processes"))'
WRAPPED = 'print(dask.delayed(plain)(conn, "x").compute(scheduler="processes"))'
THREADS = 'print(dask.compute(*[summary(conn, t) for t in ("a", "b")]))'


def program(compute, conn='sqlite3.connect(":memory:")'):
    return textwrap.dedent(PROGRAM.replace("{conn}", conn).replace("{compute}", compute))


@pytest.mark.parametrize("compute, fails", [(DECORATED, True), (WRAPPED, True), (THREADS, False)])
def test_what_dask_does_and_what_mpguard_says(tmp_path, compute, fails):
    source = program(compute)
    assert ("MP203" in codes(source)) == fails
    if fails:
        assert methods(source, "MP203") == {"fork", "spawn", "forkserver"}
    if importlib.util.find_spec("dask") is None:
        pytest.skip("dask is not installed (pip install -e '.[libs]'): only the analysis was checked")
    path = tmp_path / "prog.py"
    path.write_text(source)
    for method in ("fork", "spawn"):
        env = {**os.environ, "PYTHONPATH": str(RUNNER), "MPGUARD_DEFAULT_METHOD": method}
        proc = run_in_session([sys.executable, str(path)], text=True, timeout=120, env=env)
        assert (proc.returncode != 0) == fails, proc.stderr[-2000:]
        if fails:
            assert "cannot pickle 'sqlite3.Connection' object" in proc.stderr


def test_picklable_arguments_are_fine():
    assert codes(program(DECORATED, conn='":memory:"')) == set()
    assert codes(program(WRAPPED, conn='":memory:"')) == set()
