"""join() before recv() deadlocks only when the child's send does not fit the channel's buffer: a duplex Pipe() is a
socketpair (Linux: net.core.wmem_default, 212,992 bytes here), a Queue or Pipe(duplex=False) an os.pipe (64 KiB).
Measured below under fork, spawn and forkserver: 150,000 bytes through Pipe() arrive; 300,000 bytes through Pipe()
and 100,000 through Pipe(duplex=False) hang. A payload that fits Linux's socket buffer is not reported."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mpguard.linter.analyze import analyze
from helpers import runtime_proofs_or_skip, run_in_session

RUNNER_SITE = Path(__file__).parent / "corpus" / "runner_site"

PROGRAM = """
import multiprocessing


def produce(conn):
    conn.send(b"x" * SIZE)
    conn.close()


if __name__ == "__main__":
    parent, child = multiprocessing.Pipe(DUPLEX)
    p = multiprocessing.Process(target=produce, args=(child,))
    p.start()
    p.join()
    print("RESULT=%d" % len(parent.recv()))
"""
CASES = {("150000", ""): False, ("300000", ""): True, ("100000", "duplex=False"): True, ("30000", "False"): False}


def program(size: str, duplex: str) -> str:
    return PROGRAM.replace("SIZE", size).replace("DUPLEX", duplex)


@pytest.mark.parametrize("size, duplex", sorted(CASES))
def test_reported_only_beyond_the_buffer(size, duplex):
    found = [f.code for f in analyze(program(size, duplex), "case.py").findings]
    assert found == (["MP410"] if CASES[(size, duplex)] else [])


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("size, duplex", [("150000", ""), ("100000", "duplex=False")])
def test_runtime(tmp_path, size, duplex, method):
    runtime_proofs_or_skip()
    path = tmp_path / "prog.py"
    path.write_text(program(size, duplex))
    env = {**os.environ, "PYTHONPATH": str(RUNNER_SITE), "MP_DEFAULT_METHOD": method}
    try:
        proc = run_in_session([sys.executable, str(path)], timeout=4, env=env)
        out, _ = proc.stdout, proc.stderr
        hung = False
    except subprocess.TimeoutExpired:
        hung, out = True, ""
    assert hung is CASES[(size, duplex)]
    if not hung:
        assert f"RESULT={size}" in out
