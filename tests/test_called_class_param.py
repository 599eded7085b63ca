"""Calling what the callers pass makes an object of the class they pass: `executor = executor_cls()` in a daemonic
Process's target, whose method opens a Pool, fails with "daemonic processes are not allowed to have children" (jina
#4642; fresh_reports6 jina_executor_pool_in_daemon_pod, a blind miss: the call of a parameter gave nothing). Proven
under fork, spawn and forkserver; a non-daemonic host and a class whose method starts nothing are near misses."""
import pytest
from helpers import found, run_program

PROGRAM = """
import multiprocessing


def double(n):
    return 2 * n


class PoolExecutor:
    def run(self, docs):
        with multiprocessing.Pool(2) as pool:
            return sum(pool.map(double, docs))


class PlainExecutor:
    def run(self, docs):
        return sum(double(d) for d in docs)


def host(executor_cls, docs, out):
    executor = executor_cls()
    try:
        out.put(executor.run(docs))
    except AssertionError as exc:
        out.put(str(exc))


if __name__ == "__main__":
    out = multiprocessing.Queue()
    pod = multiprocessing.Process(target=host, args=(EXECUTOR, [1, 2, 3], out), daemon=DAEMON)
    pod.start()
    print("RESULT=%s" % out.get(timeout=30))
    pod.join()
"""

CASES = {("PoolExecutor", "True"): True, ("PoolExecutor", "False"): False, ("PlainExecutor", "True"): False}


def _program(executor, daemon):
    return PROGRAM.replace("EXECUTOR", executor).replace("DAEMON", daemon)


@pytest.mark.parametrize("executor, daemon", sorted(CASES))
def test_an_object_of_the_class_the_callers_pass(executor, daemon):
    rows = [f.start.row for f in found(_program(executor, daemon), "MP413")]
    assert rows == ([11] if CASES[(executor, daemon)] else [])


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("executor, daemon", sorted(CASES))
def test_runtime(tmp_path, executor, daemon, method):
    path = tmp_path / "prog.py"
    path.write_text(_program(executor, daemon))
    out = run_program(path, method, timeout=60)
    expected = "daemonic processes are not allowed to have children" if CASES[(executor, daemon)] else "RESULT=12"
    assert expected in out.stdout, (out.stdout, out.stderr)
