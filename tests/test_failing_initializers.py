"""MP415 (rules/failing_initializers.py): a pool's initializer that raises on every run. Reported only when the
raise is certain; a raise that depends on data (fresh_realistic7 autogpt_executor_initializer_health_check: a
health check that raises when a connection fails) stays silent. The runtime test measures both pools: the executor
breaks (BrokenProcessPool), the Pool replaces dying workers forever (get() times out)."""
from __future__ import annotations

import textwrap

import pytest
from helpers import codes, rows, run_program

PROGRAM = """
    import multiprocessing
    import sys
    from concurrent.futures import ProcessPoolExecutor

    SETTINGS = {}


    def _fail(what):
        raise RuntimeError(f"{what} is not configured")


    def init_worker(name):
        BODY


    def work(n):
        return n * n


    if __name__ == "__main__":
        POOL
"""

EXECUTOR = """with ProcessPoolExecutor(2, initializer=init_worker, initargs=("db",)) as executor:
        print("RESULT", executor.submit(work, 3).result(timeout=20))"""
POOL = """with multiprocessing.Pool(2, initializer=init_worker, initargs=("db",)) as pool:
        print("RESULT", pool.apply_async(work, (3,)).get(timeout=5))"""


def program(body: str, pool: str = EXECUTOR) -> str:
    return textwrap.dedent(PROGRAM).replace("BODY", body).replace("POOL", pool)


def creation_row(src: str) -> int:
    """The `with ...(2, initializer=init_worker, ...)` line."""
    return next(i for i, line in enumerate(src.splitlines(), 1) if "initializer=init_worker" in line)


@pytest.mark.parametrize("body", [
    'raise RuntimeError("no database")',
    'SETTINGS["name"] = name\n    raise RuntimeError(name)',
    '_fail(name)',                                       # a function of the module that always raises
    'if name:\n        raise KeyError(name)\n    else:\n        raise ValueError(name)',
])
@pytest.mark.parametrize("pool", [EXECUTOR, POOL])
def test_an_initializer_that_always_raises(body, pool):
    src = program(body, pool)
    assert rows(src, "MP415") == [creation_row(src)]


@pytest.mark.parametrize("body", [
    'if not SETTINGS:\n        raise RuntimeError(name)',          # depends on data
    'if name == "db":\n        return\n    raise RuntimeError(name)',
    'try:\n        _fail(name)\n    except RuntimeError:\n        SETTINGS["failed"] = name',
    'for _ in range(1):\n        pass\n    SETTINGS["name"] = name',
    'SETTINGS["name"] = name',
    'print(name)\n    _unknown(name)',                 # a name that is not a function of the module
])
def test_an_initializer_that_may_not_raise_is_silent(body):
    compile(program(body), "init.py", "exec")
    assert "MP415" not in codes(program(body))


def test_the_health_check_that_raises_when_the_connection_fails_is_silent():
    src = """
    import socket
    from concurrent.futures import ProcessPoolExecutor

    def check_database(host, port):
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return True
        except OSError as exc:
            raise RuntimeError(f"unreachable: {exc}") from None

    def init_worker(host, port):
        check_database(host, port)

    def work(n):
        return n

    if __name__ == "__main__":
        with ProcessPoolExecutor(2, initializer=init_worker, initargs=("127.0.0.1", 1)) as ex:
            print(ex.submit(work, 1).result())
    """
    assert "MP415" not in codes(src)


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("pool", ["executor", "pool"])
def test_runtime_initializer_that_raises(tmp_path, method, pool):
    path = tmp_path / "init.py"
    path.write_text(program("_fail(name)", EXECUTOR if pool == "executor" else POOL))
    out = run_program(path, method, timeout=60)
    assert out.returncode != 0 and "RESULT" not in out.stdout
    if pool == "executor":
        assert "BrokenProcessPool" in out.stderr, out.stderr
    else:  # the Pool starts new workers that die the same way; get(timeout=5) gives up
        assert "TimeoutError" in out.stderr and out.stderr.count("RuntimeError: db is not configured") > 2, \
            out.stderr[-2000:]
