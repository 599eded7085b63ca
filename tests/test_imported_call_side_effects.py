"""A function or class method of another project module called at import time whose call surely writes to a
file (linter/summaries: `effects_when_called`): a spawned child re-imports the script and writes again (MP102),
as for a function of the script itself. Silent under the main guard, and when the write sits behind a test in
the function. Proven under fork, spawn and forkserver (fresh_reports12 cpython111627)."""
import sys

import pytest
from helpers import run_program

from test_semantic_crossmodule import findings, project

RUNLOG = """
    import os


    class RunLog:
        def __init__(self, path):
            self.path = path

        @classmethod
        def start(cls, path):
            log = cls(path)
            log.write("started")
            return log

        def write(self, line):
            with open(self.path, "a") as fh:
                fh.write(line + "\\n")


    def note(path):
        with open(path, "a") as fh:
            fh.write("started\\n")


    def maybe_note(path, verbose=False):
        if verbose:
            with open(path, "a") as fh:
                fh.write("started\\n")
"""

MAIN = """
    import multiprocessing as mp
    import os
    import sys

    from kit.runlog import RunLog, maybe_note, note

    LOG = os.path.join(os.path.dirname(os.path.abspath(__file__)), "run.log")
    CALL


    def work():
        pass


    if __name__ == "__main__":
        GUARDED
        procs = [mp.Process(target=work) for _ in range(2)]
        for p in procs:
            p.start()
        for p in procs:
            p.join()
        with open(LOG) as fh:
            print("RESULT=starts:%d" % sum(1 for line in fh if line.startswith("started")))
"""


def _root(tmp_path, call, guarded="pass"):
    return project(tmp_path, {"kit/__init__.py": "", "kit/runlog.py": RUNLOG,
                              "main.py": MAIN.replace("CALL", call).replace("GUARDED", guarded)})


@pytest.mark.parametrize("call", ["RUN = RunLog.start(LOG)", "note(LOG)"])
def test_an_imported_call_that_writes_at_import(tmp_path, call):
    (finding,) = findings(_root(tmp_path, call) / "main.py", "MP102")
    assert finding.start.row == 9 and "runlog.py" in finding.message


@pytest.mark.parametrize("call, guarded", [("pass", "RUN = RunLog.start(LOG)"), ("pass", "note(LOG)"),
                                           ("maybe_note(LOG)", "pass")])
def test_near_misses_stay_silent(tmp_path, call, guarded):
    assert findings(_root(tmp_path, call, guarded) / "main.py", "MP102") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    root = _root(tmp_path, "RUN = RunLog.start(LOG)")
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    assert out.returncode == 0, out.stderr
    # every spawned child imports main.py again; from 3.14 the forkserver imports it once and forks the workers
    # from itself (parent + server)
    expected = 1 if method == "fork" else 2 if method == "forkserver" and sys.version_info >= (3, 14) else 3
    assert f"RESULT=starts:{expected}" in out.stdout, out.stdout
    guarded = _root(tmp_path / "guarded", "pass", "RUN = RunLog.start(LOG)")
    out = run_program(guarded / "main.py", method, timeout=60, cwd=guarded)
    assert out.returncode == 0 and "RESULT=starts:1" in out.stdout, out.stderr
