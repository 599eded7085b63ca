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


# A value the import keeps in the process environment (semantic/inherited_environment): every child started after
# the parent's import inherits the key, so its own import reads the parent's folder back (its own `mkdtemp()` only
# makes an unused folder). Observed below: `['a', 'b']` under every start method.
KEPT = [
    'WORKDIR = os.environ.setdefault("JOB_DIR", tempfile.mkdtemp())',
    'WORKDIR = os.path.join(os.environ.setdefault("JOB_DIR", tempfile.mkdtemp(prefix="j-")), "")',
    'WORKDIR = os.environ.get("JOB_DIR") or tempfile.mkdtemp()\nos.environ["JOB_DIR"] = WORKDIR',
    'WORKDIR = os.getenv("JOB_DIR", tempfile.mkdtemp())\nos.environ["JOB_DIR"] = WORKDIR',
]
# ... but not a read of the environment that nothing stores back, nor one that stores another key or another name.
NOT_KEPT = [
    'WORKDIR = os.environ.get("JOB_DIR") or tempfile.mkdtemp()',
    'WORKDIR = os.getenv("JOB_DIR", tempfile.mkdtemp())\nos.environ["OTHER_DIR"] = WORKDIR',
    'WORKDIR = os.environ.setdefault("JOB_DIR", "") + tempfile.mkdtemp()',
    'OTHER = "x"\nWORKDIR = os.environ.get("JOB_DIR") or tempfile.mkdtemp()\nos.environ["JOB_DIR"] = OTHER',
]


def _kept(line: str) -> str:
    return PROGRAM.replace("WORKDIR = tempfile.mkdtemp()", line).replace("LISTED", LISTED)


@pytest.mark.parametrize("line", KEPT)
def test_a_value_kept_in_the_inherited_environment_is_quiet(line):
    assert [f.code for f in analyze(_kept(line), "c.py").findings] == []


@pytest.mark.parametrize("line", NOT_KEPT)
def test_a_value_not_kept_there_is_reported(line):
    assert [f.code for f in analyze(_kept(line), "c.py").findings] == ["MP302"]


def test_kept_in_a_project_with_a_process_target(tmp_path):
    """Another shape: a `Process` target of a script in a project (whose helper module keeps a folder the same
    way, read by nobody's child)."""
    from test_semantic_crossmodule import findings, project
    root = project(tmp_path, {"jobs/__init__.py": "", "jobs/paths.py": """
        import os
        import tempfile
        OUT = os.environ.setdefault("JOBS_OUT", tempfile.mkdtemp())
        def out(name):
            return os.path.join(OUT, name)
    """, "main.py": """
        import os
        import tempfile
        from multiprocessing import Process
        SCRATCH = os.environ.setdefault("JOBS_SCRATCH", tempfile.mkdtemp())
        def write(name):
            open(os.path.join(SCRATCH, name), "w").close()
        if __name__ == "__main__":
            p = Process(target=write, args=("a",))
            p.start(); p.join()
            print(os.listdir(SCRATCH))
    """})
    assert findings(root / "main.py", "MP302") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("line", [KEPT[0], KEPT[2]])
def test_runtime_kept_in_the_environment(tmp_path, method, line):
    path = tmp_path / "prog.py"
    path.write_text(_kept(line))
    out = run_program(path, method, timeout=60, drop_env=("JOB_DIR",))
    assert out.returncode == 0 and "RESULT=['a', 'b']" in out.stdout, out.stderr
