"""A process pool made at import time and handed to another project module's function that gives it tasks
(lhotse #126: snowfall's prepare.py computing features at its top through `compute_and_store_features(cuts,
executor=ex)`; fresh_reports24 lhotse126_prepare_script_spawn_executor): the executor starts its workers at that
function's first submit, at the script's import, and a spawned or forkserver worker re-imports the script and
fails to bootstrap. The helper's summary keeps its pool parameter (a sink of role "pool"), even where the helper's
module names no process API. Silent where the call's arguments skip the submit, for a thread pool, under the main
guard, and for a helper that only keeps the pool. Proven under fork, spawn and forkserver."""
import pytest
from helpers import run_program

from test_semantic_crossmodule import findings, project

BATCH = """
    def _size(batch):
        return len(batch)


    def run_batches(pool, batches, workers=2):
        if workers < 2:
            return [_size(b) for b in batches]
        return list(pool.map(_size, batches))


    class Keeper:
        def __init__(self):
            self.pools = []

        def keep(self, pool):
            self.pools.append(pool)
"""

SCRIPT = """
    from concurrent.futures import POOL
    from work import batch

    ex = POOL(2)
    CALL
    ex.shutdown()
"""

RUN = 'print("SIZES=%s" % batch.run_batches(ex, [[1], [2, 3]]))'


def _found(tmp_path, script):
    root = project(tmp_path, {"work/__init__.py": "", "work/batch.py": BATCH, "main.py": script})
    return findings(root / "main.py", "MP101")


def test_an_executor_handed_at_import_to_a_helper_that_submits(tmp_path):
    (finding,) = _found(tmp_path, SCRIPT.replace("POOL", "ProcessPoolExecutor").replace("CALL", RUN))
    assert finding.start.row == 5 and set(finding.start_methods) == {"spawn", "forkserver"}


@pytest.mark.parametrize("pool, call", [
    ("ProcessPoolExecutor", RUN.replace("[2, 3]])", "[2, 3]], workers=1)")),  # the helper skips its submit
    ("ThreadPoolExecutor", RUN),
    ("ProcessPoolExecutor", "if __name__ == '__main__':\n        " + RUN),
    ("ProcessPoolExecutor", "batch.Keeper().keep(ex)"),
])
def test_near_misses(tmp_path, pool, call):
    assert _found(tmp_path, SCRIPT.replace("POOL", pool).replace("CALL", call)) == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    script = SCRIPT.replace("POOL", "ProcessPoolExecutor").replace("CALL", RUN)
    root = project(tmp_path, {"work/__init__.py": "", "work/batch.py": BATCH, "main.py": script})
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    if method == "fork":
        assert out.returncode == 0 and "SIZES=[1, 2]" in out.stdout, out.stderr
    else:
        assert out.returncode != 0 and "bootstrapping phase" in out.stderr, out.stderr
