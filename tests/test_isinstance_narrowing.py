"""`bytes(cell) if isinstance(cell, memoryview) else cell` never gives a memoryview: an item known only later is
narrowed by the `isinstance` test of the conditional expression that reads it (sqlit #171/#177: the worker sends
result rows through a Pipe; the memoryview cells the driver returns are refused, the sanitised rows are not;
fresh_reports6 sqlit_worker_sends_memoryview_rows, a blind miss, and its near miss). `memoryview(...)` itself is a
builtin the pickle catalog says pickle refuses. Proven under fork, spawn and forkserver."""
import pytest
from helpers import assert_outcome, found, run_program

PROGRAM = """
import multiprocessing


def fetch_rows():
    return [(1, memoryview(b"ab")), (2, memoryview(b"cd"))]


def clean(row):
    return tuple(bytes(cell) if isinstance(cell, memoryview) else cell for cell in row)


def worker(conn):
    rows = ROWS
    try:
        conn.send(rows)
    except TypeError as exc:
        conn.send(str(exc))
    conn.close()


if __name__ == "__main__":
    parent, child = multiprocessing.Pipe()
    p = multiprocessing.Process(target=worker, args=(child,))
    p.start()
    answer = parent.recv()
    p.join()
    if isinstance(answer, str):
        raise SystemExit("TypeError: " + answer)
    print("RESULT=%d" % len(answer))
"""

CASES = {"fetch_rows()": True, "[clean(row) for row in fetch_rows()]": False}


@pytest.mark.parametrize("rows", sorted(CASES))
def test_an_isinstance_test_narrows_the_item(rows):
    assert [f.code for f in found(PROGRAM.replace("ROWS", rows), "MP210")] == (["MP210"] if CASES[rows] else [])


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("rows", sorted(CASES))
def test_runtime(tmp_path, rows, method):
    path = tmp_path / "prog.py"
    path.write_text(PROGRAM.replace("ROWS", rows))
    out = run_program(path, method, timeout=60)
    assert_outcome(out, CASES[rows], ("cannot pickle memoryview objects", "cannot pickle 'memoryview' object"),
                   "RESULT=2")
