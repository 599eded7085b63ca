"""MP401 at the import of a project module whose top calls set_start_method() when the start method was fixed
before that import runs (rules/import_order): an earlier import of a module that sets it (PyBaMM #3997: `import
thing` sets spawn, `import pybamm` then sets fork and raises; here `thing` forces its method, so that the
children that re-import the script live), a Lock made at an earlier import, or the script's own
set_start_method() or get_context() before the import. Near misses: the second module catches the RuntimeError (the fix PyBaMM was asked for), passes
force=True, or tests get_start_method(allow_none=True) first; the first import sits in a try or under a test;
nothing fixed the method before; the module was already imported."""
import pytest
from helpers import run_program

from test_semantic_crossmodule import findings, project

FIRST = """
import multiprocessing as mp

mp.set_start_method("spawn", force=True)


def hello():
    return "hello"
"""

CODEC = """
import multiprocessing as mp

LOCK = mp.Lock()
"""

SECOND = {
    "raises": 'mp.set_start_method("fork")',
    "platform_test": 'if platform.system() != "Windows":\n    mp.set_start_method("fork")',
    "caught": 'try:\n    mp.set_start_method("fork")\nexcept RuntimeError:\n    pass',
    "forced": 'mp.set_start_method("fork", force=True)',
    "only_when_unset": 'if mp.get_start_method(allow_none=True) is None:\n    mp.set_start_method("fork")',
}

SOLVER = """
import multiprocessing as mp
import platform

SETTING


def _solve(x):
    return x * 2


def solve(items):
    with mp.Pool(2) as pool:
        return pool.map(_solve, items)
"""

SCRIPT = """
import sys

BEFORE
from kit import solver


if __name__ == "__main__":
    print("RESULT=%s" % solver.solve([1, 2, 3]))
"""

BEFORE = {
    "import": "import kit.thing",
    "lock_import": "import kit.codec",
    "own_set": "import multiprocessing\nmultiprocessing.set_start_method('spawn')",
    "own_context": "import multiprocessing\nCTX = multiprocessing.get_context()",
    "nothing": "import os",
    "import_in_try": "try:\n    import kit.thing\nexcept ImportError:\n    pass",
    "import_under_test": "if len(sys.argv) > 5:\n    import kit.thing",
    "solver_first": "from kit import solver\nimport kit.thing",
}

RAISES = {(second, before) for second in ("raises", "platform_test")
          for before in ("import", "lock_import", "own_set", "own_context")}


def _store(tmp_path, second, before):
    return project(tmp_path, {"kit/__init__.py": "", "kit/thing.py": FIRST, "kit/codec.py": CODEC,
                              "kit/solver.py": SOLVER.replace("SETTING", SECOND[second]),
                              "main.py": SCRIPT.replace("BEFORE", BEFORE[before])})


def _row(root) -> int:
    lines = (root / "main.py").read_text().splitlines()
    return next(i for i, line in enumerate(lines, 1) if line == "from kit import solver")


@pytest.mark.parametrize("before", sorted(BEFORE))
@pytest.mark.parametrize("second", sorted(SECOND))
def test_an_import_that_sets_the_start_method_again(tmp_path, second, before):
    root = _store(tmp_path, second, before)
    got = [f.start.row for f in findings(root / "main.py", "MP401")]
    assert got == ([_row(root)] if (second, before) in RAISES else [])


def test_the_platforms_the_second_call_runs_on(tmp_path):
    root = _store(tmp_path, "platform_test", "import")
    (finding,) = findings(root / "main.py", "MP401")
    assert set(finding.start_methods) == {"fork", "spawn", "forkserver"}
    assert "windows" not in set(getattr(finding, "platforms", ()) or ())


def test_an_import_inside_the_main_block_after_the_scripts_own_call(tmp_path):
    root = project(tmp_path, {"kit/__init__.py": "", "kit/solver.py": SOLVER.replace("SETTING", SECOND["raises"]),
                              "main.py": """
        import multiprocessing

        if __name__ == "__main__":
            multiprocessing.set_start_method("spawn")
            from kit import solver
            print(solver.solve([1]))
    """})
    assert [f.start.row for f in findings(root / "main.py", "MP401")] == [6]


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("second,before", [("raises", "import"), ("raises", "lock_import"),
                                           ("platform_test", "own_set"), ("caught", "import"),
                                           ("forced", "import"), ("only_when_unset", "import"),
                                           ("raises", "nothing"), ("caught", "solver_first")])
def test_runtime(tmp_path, second, before, method):
    root = _store(tmp_path, second, before)
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    if (second, before) in RAISES:
        assert out.returncode != 0 and "context has already been set" in out.stderr
    else:
        assert out.returncode == 0 and "RESULT=[2, 4, 6]" in out.stdout, out.stderr
