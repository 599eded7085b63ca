"""An import-time side effect after an unguarded process start never runs again in a spawned child: the child's
re-import raises the bootstrap RuntimeError at the start (MP101) and stops there. karpathy/llm.c's
dev/data/fineweb.py writes its shards (`write_datafile`, another module's `open(..., "wb")`) inside a
module-level `with mp.Pool(nprocs) as pool:`; MP102 said the writes run again in every spawned child (two
false findings of the session-17 sweep, on top of the true MP101)."""
from __future__ import annotations

import os
import selectors
import subprocess
import sys
import time

import pytest
from helpers import RUNNER_SITE, run_program, runtime_proofs_or_skip, kill_session

from test_semantic_crossmodule import findings, project

HELPER = """
def write_datafile(filename, toks):
    with open(filename, "ab") as f:
        f.write(bytes(toks))
"""

INSIDE = """
import multiprocessing as mp
import os
from helper import write_datafile


def square(x):
    return x * x


with mp.Pool(2) as pool:
    out = pool.map(square, range(4))
    write_datafile(os.environ["OUT"], [1])
    with open(os.environ["OUT"], "ab") as f:
        f.write(bytes([2]))
"""

# near misses that keep MP102: the effect comes before the pool, or the pool is made only under a test
BEFORE = """
import multiprocessing as mp
import os
from helper import write_datafile


def square(x):
    return x * x


write_datafile(os.environ["OUT"], [1])
with mp.Pool(2) as pool:
    out = pool.map(square, range(4))
"""
CONDITIONAL = INSIDE.replace("with mp.Pool(2) as pool:", "if os.environ.get('RUN', '1') == '1':\n  with mp.Pool(2) as pool:") \
    .replace("\n    ", "\n      ")


def _codes(tmp_path, main):
    root = project(tmp_path, {"helper.py": HELPER, "main.py": main})
    return sorted((f.code, f.start.row) for f in findings(root / "main.py") if f.code in ("MP101", "MP102"))


def test_effects_after_the_unguarded_pool_are_not_rerun(tmp_path):
    assert [code for code, _row in _codes(tmp_path, INSIDE)] == ["MP101"]


def test_an_effect_before_the_pool_reruns(tmp_path):
    assert [code for code, _row in _codes(tmp_path, BEFORE)] == ["MP101", "MP102"]


def test_a_pool_made_under_a_test_may_not_stop_the_child(tmp_path):
    assert [code for code, _row in _codes(tmp_path, CONDITIONAL)].count("MP102") == 2


# The children's traceback says this once per worker that died re-importing the script (3.10-3.14)
BOOTSTRAP_ERROR = "bootstrapping phase"
# Workers seen dying before the hanging program is stopped: twice the pool's two, so replaced workers died too
DEATHS = 4


def _run_until_workers_died(path, method: str, cwd, deaths: int = DEATHS, timeout: float = 10):
    """Run the program whose pool keeps replacing workers that die at bootstrap (run_program's environment) and
    stop it, with every process it started, once `deaths` workers have died, or after `timeout` seconds as
    before: the pool would go on replacing them forever, each replacement an interpreter start."""
    runtime_proofs_or_skip()
    env = {**os.environ, "PYTHONPATH": str(RUNNER_SITE), "MP_DEFAULT_METHOD": method}
    proc = subprocess.Popen([sys.executable, str(path)], cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    seen, deadline = b"", time.monotonic() + timeout
    try:
        with selectors.DefaultSelector() as selector:
            selector.register(proc.stderr, selectors.EVENT_READ)
            while seen.count(BOOTSTRAP_ERROR.encode()) < deaths and time.monotonic() < deadline:
                if selector.select(max(0.0, deadline - time.monotonic())):
                    chunk = os.read(proc.stderr.fileno(), 65536)
                    if not chunk:
                        break  # every writer is gone: the program ended
                    seen += chunk
    finally:  # (also when interrupted)
        kill_session(proc)
        proc.wait()
        proc.stderr.close()
    return seen.decode(errors="replace")


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("case", ["inside", "before"])
def test_runtime_what_the_children_write(tmp_path, monkeypatch, case, method):
    """Under fork the parent alone writes. Under spawn and forkserver every worker dies at the pool while
    re-importing, and the pool keeps replacing them (the program hangs, stopped here once replaced workers died
    too): the effect before the pool runs once more per re-importing child, the effects after it never run in
    a child."""
    root = project(tmp_path, {"helper.py": HELPER, "main.py": INSIDE if case == "inside" else BEFORE})
    out_file = tmp_path / "out.bin"
    monkeypatch.setenv("OUT", str(out_file))
    if method == "fork":
        run_program(root / "main.py", method, timeout=10, cwd=root)  # (it ends: a second hang fails the test)
    else:
        _run_until_workers_died(root / "main.py", method, root)
    written = out_file.read_bytes() if out_file.exists() else b""
    if method == "fork":
        assert written == (b"\x01\x02" if case == "inside" else b"\x01")
    elif case == "inside":
        assert written == b"", written  # no child wrote; the parent waits on its broken pool
    else:
        assert len(written) > 1 and set(written) == {1}, written  # once more per re-importing child
