"""The start method a module imported by an imported project module chooses at import (CompileIQ #46,
fresh_reports17 compileiq46: the script imports the tuner, which imports the worker, whose top runs
`set_start_method(os.environ.get("CIQ_PROCESS_MODE", "forkserver"), force=True)` in the `else:` of a frozen-build
test, after `mode = "spawn"` under `if sys.platform == "win32"`). The program runs with forkserver whatever the
platform's default, so a process started at import fails to bootstrap under fork too (MP101). Shapes: the
environment default, a platform choice by statements, a chain of imports. Near misses: the main guard, a module
that chooses fork (Windows: spawn), an import for annotations only. Proven under fork, spawn and forkserver."""
import ast

import pytest
from helpers import run_program

from mpguard.rules.constant_tests import always_false, always_true
from test_semantic_crossmodule import findings, project

SETUP = """
    import multiprocessing
    import os
    import sys

    if getattr(sys, "frozen", False) and hasattr(sys, "_MEIPASS"):
        multiprocessing.freeze_support()
    else:
        mode = os.environ.get("KIT_START", "forkserver")
        if sys.platform == "win32":
            mode = "spawn"
        multiprocessing.set_start_method(mode, force=True)


    def square(x):
        return x * x
"""

RUNNER = """
    from concurrent.futures import ProcessPoolExecutor

    from kit.setup import square


    def run(values):
        with ProcessPoolExecutor(2) as ex:
            return list(ex.map(square, values))
"""

SCRIPT = """
    from kit.runner import run

    print("RESULT=%s" % run([1, 2, 3]))
"""

GUARDED = """
    from kit.runner import run

    if __name__ == "__main__":
        print("RESULT=%s" % run([1, 2, 3]))
"""


def _root(tmp_path, setup=SETUP, script=SCRIPT):
    return project(tmp_path, {"kit/__init__.py": "", "kit/setup.py": setup, "kit/runner.py": RUNNER,
                              "script.py": script})


def test_chosen_through_an_import_of_an_import(tmp_path):
    root = _root(tmp_path)
    (finding,) = findings(root / "script.py", "MP101")
    assert finding.start.row == 4 and finding.start_methods == frozenset({"fork", "spawn", "forkserver"})


@pytest.mark.parametrize("change", ["guard", "fork chosen", "typing only"])
def test_near_misses(tmp_path, change):
    setup, script = SETUP, SCRIPT
    if change == "typing only":  # the runner imports the setter for annotations only, and maps a task of its own
        runner = RUNNER.replace("from kit.setup import square", "from typing import TYPE_CHECKING\n\n"
                                "    if TYPE_CHECKING:\n        from kit.setup import square\n\n\n"
                                "    def square(x):\n        return x * x")
        root = project(tmp_path, {"kit/__init__.py": "", "kit/setup.py": setup, "kit/runner.py": runner,
                                  "script.py": script})
        methods = {m for f in findings(root / "script.py", "MP101") for m in f.start_methods}
        assert methods == {"spawn", "forkserver"}
        return
    if change == "guard":
        script = GUARDED
    else:
        setup = setup.replace('"forkserver")', '"fork")')
    root = _root(tmp_path, setup, script)
    methods = {m for f in findings(root / "script.py", "MP101") for m in f.start_methods}
    assert "fork" not in methods


@pytest.mark.parametrize(("test", "true", "false"), [
    ('getattr(sys, "frozen", False)', False, True),
    ('hasattr(sys, "_MEIPASS")', False, True),
    ('getattr(sys, "frozen", False) and hasattr(sys, "_MEIPASS")', False, True),
    ('not getattr(sys, "frozen", False) and not hasattr(sys, "frozen")', True, False),
    ('getattr(sys, "other", False)', False, False),
])
def test_tests_a_run_from_source_decides(test, true, false):
    from mpguard.semantic.names import ImportMap

    imports = ImportMap()
    imports.add(ast.parse("import sys").body[0])

    class Ctx:
        pass

    ctx = Ctx()
    ctx.imports, ctx.parents, ctx.memo = imports, {}, {}
    expr = ast.parse(test, mode="eval").body
    assert always_true(ctx, expr, None) is true and always_false(ctx, expr, None) is false


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    root = _root(tmp_path / "x")
    out = run_program(root / "script.py", method, cwd=root, drop_env=("KIT_START",))
    assert out.returncode != 0 and "bootstrapping phase" in out.stderr, out.stderr  # (the worker's, then a broken pool)
    guarded = _root(tmp_path / "y", script=GUARDED)
    forked = _root(tmp_path / "z", setup=SETUP.replace('"forkserver")', '"fork")'))
    for base in (guarded, forked):
        out = run_program(base / "script.py", method, cwd=base, drop_env=("KIT_START",))
        assert "RESULT=[1, 4, 9]" in out.stdout, out.stderr
    own = project(tmp_path / "w", {"spawned.py": SAME_MODULE, "forked.py": SAME_MODULE.replace('"spawn"))', '"fork"))')})
    out = run_program(own / "spawned.py", method, cwd=own, drop_env=("APP_START",))
    assert "RESULT=[(False, 1)]" in out.stdout, out.stderr  # (the child re-imported the module)
    out = run_program(own / "forked.py", method, cwd=own, drop_env=("APP_START",))
    assert "RESULT=[(True, 1)]" in out.stdout, out.stderr


SAME_MODULE = """
    import multiprocessing as mp
    import os

    VERBOSE = False


    def work(x):
        return (VERBOSE, x)


    if __name__ == "__main__":
        mp.set_start_method(os.environ.get("APP_START", "spawn"))
        VERBOSE = True
        with mp.Pool(2) as pool:
            print("RESULT=%s" % pool.map(work, [1]))
"""


def test_the_programs_own_method_from_an_environment_default():
    from helpers import methods

    assert methods(SAME_MODULE, "MP302") == {"fork", "spawn", "forkserver"}  # (spawn whatever the default)
    assert methods(SAME_MODULE.replace('"spawn"))', '"fork"))'), "MP302") == set()
