"""A package's `__init__.py` starts its relative imports from the package itself: `from .core import launch`
in `pkg/__init__.py` is `pkg.core.launch`, not `core.launch` (the summaries used to take the parent package,
so `pkg.go()` calling the re-imported `launch` was not known to start processes; found by speed17's profile
of real packages, whose `__init__` modules commonly re-export and wrap their submodules)."""
from __future__ import annotations

import pytest
from helpers import run_program

from test_semantic_crossmodule import findings, project

CORE = """
    import multiprocessing

    def work():
        print("child ran")

    def launch():
        proc = multiprocessing.Process(target=work)
        proc.start()
        proc.join()
        return proc.exitcode
"""
INIT = """
    from .core import launch

    def go():
        return launch()
"""
UNGUARDED = """
    import pkg

    print("RESULT", pkg.go())
"""
GUARDED = """
    import pkg

    if __name__ == "__main__":
        print("RESULT", pkg.go())
"""
# a module `core` at the top too: the old reading resolved `.core` to it (a different module that starts nothing)
DECOY = """
    def launch():
        return 0
"""


def _tree(tmp_path, main: str):
    return project(tmp_path, {"pkg/__init__.py": INIT, "pkg/core.py": CORE, "core.py": DECOY, "main.py": main})


def test_a_function_of_the_package_init_reaches_its_submodule(tmp_path):
    root = _tree(tmp_path, UNGUARDED)
    assert [f.start.row for f in findings(root / "main.py", "MP101")] == [4]


def test_guarded_call_is_silent(tmp_path):
    root = _tree(tmp_path, GUARDED)
    assert findings(root / "main.py", "MP101") == []


def test_a_plain_module_keeps_its_parent_package(tmp_path):
    """`pkg/helpers.py`'s `from .core import launch` is still `pkg.core.launch` (the parent package)."""
    root = project(tmp_path, {"pkg/__init__.py": "", "pkg/core.py": CORE, "core.py": DECOY,
                              "pkg/helpers.py": INIT, "main.py": "import pkg.helpers\n\npkg.helpers.go()\n"})
    assert [f.start.row for f in findings(root / "main.py", "MP101")] == [3]


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("main", ["unguarded", "guarded"])
def test_runtime(tmp_path, main, method):
    root = _tree(tmp_path, UNGUARDED if main == "unguarded" else GUARDED)
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    if main == "unguarded" and method != "fork":
        assert "bootstrapping phase" in out.stderr, out.stderr
    else:
        assert out.returncode == 0 and "RESULT 0" in out.stdout, out.stderr
