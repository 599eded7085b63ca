"""mpire's `shared_objects=` are handed to each worker: inherited under fork, pickled under spawn and forkserver
(redis-py #1931's shape: a client given as shared objects with start_method="spawn"; fresh_libs4
mpire_spawn_shared_redis_client, a blind miss). The catalog entry's `shared` field says where the argument is. A
thread lock stands in for the client. Proven with mpire under each start method it is given; fork is the near miss."""
import pytest
from helpers import skip_without, methods, run_program

skip_without("mpire")

PROGRAM = """
import threading

from mpire import WorkerPool


def tag(shared, doc_id):
    return doc_id * 2


def main():
    lock = threading.Lock()
    with WorkerPool(n_jobs=2, start_method=METHOD, shared_objects=lock) as pool:
        print("RESULT=%s" % sum(pool.map(tag, [1, 2, 3])))


if __name__ == "__main__":
    main()
"""


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_shared_objects_cross_when_the_workers_are_not_forked(method):
    found = methods(PROGRAM.replace("METHOD", repr(method)), "MP203")
    assert found == (set() if method == "fork" else {"fork", "spawn", "forkserver"})


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    path = tmp_path / "prog.py"
    path.write_text(PROGRAM.replace("METHOD", repr(method)))
    out = run_program(path, "fork", timeout=60)  # (mpire's own start_method decides)
    if method == "fork":
        assert out.returncode == 0 and "RESULT=12" in out.stdout, out.stderr
    else:
        assert out.returncode != 0 and "cannot pickle '_thread.lock' object" in out.stderr, out.stderr
