"""A module-level value each import computes afresh (`WORKDIR = tempfile.mkdtemp()`), read by the workers and by the
parent: a spawned or forkserver child imports the module again and gets its own folder, so the parent lists none of
what the workers wrote (observed below: `[]` under spawn and forkserver, `['a', 'b']` under fork). Read by one side
only, it says nothing."""
import textwrap

import pytest
from helpers import run_program
from mpguard.linter.analyze import analyze

PROGRAM = textwrap.dedent("""
    import multiprocessing
    import os
    import sys
    import tempfile

    WORKDIR = tempfile.mkdtemp()


    def work(name):
        with open(os.path.join(WORKDIR, name), "w") as fh:
            fh.write(name)
        return name


    if __name__ == "__main__":
        with multiprocessing.Pool(2) as pool:
            pool.map(work, ["a", "b"])
        LISTED
""")
LISTED = 'found = sorted(os.listdir(WORKDIR)); print("RESULT=%s" % found); sys.exit(0 if found == ["a", "b"] else 3)'


def test_read_by_the_workers_and_the_parent():
    found = [(f.code, f.start.row, sorted(f.start_methods)) for f in analyze(PROGRAM.replace("LISTED", LISTED), "c.py").findings]
    assert found == [("MP302", 7, ["forkserver", "spawn"])]


def test_read_by_the_workers_only_is_quiet():
    assert analyze(PROGRAM.replace("LISTED", "pass"), "c.py").findings == []


@pytest.mark.parametrize("method, code", [("fork", 0), ("spawn", 3), ("forkserver", 3)])
def test_runtime(tmp_path, method, code):
    path = tmp_path / "prog.py"
    path.write_text(PROGRAM.replace("LISTED", LISTED))
    out = run_program(path, method, timeout=60)
    assert out.returncode == code, out.stderr
