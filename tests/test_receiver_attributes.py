"""Whether a method of another project module's class starts processes by an attribute its constructor fixes
(`if self.workers > 1:`), judged by what the object the call is made on was built with
(semantic/receiver_attributes; chemprop #115's MoleculeDataLoader(num_workers=0), fresh_reports24
chemprop115_train_loader_in_process): the construction's argument resolved to one literal, or the parameter's
literal default. Unknown values, or a module that stores the attribute itself, keep the finding. Proven under fork,
spawn and forkserver (a call at import time: MP101)."""
import pytest
from helpers import run_program

from test_semantic_crossmodule import findings, project

RENDER = """
    from concurrent.futures import ProcessPoolExecutor


    def _double(n):
        return 2 * n


    class Renderer:
        def __init__(self, name, workers=1):
            self.name = name
            self.workers = workers

        def render(self, items):
            if self.workers <= 1:
                return [_double(i) for i in items]
            with ProcessPoolExecutor(self.workers) as pool:
                return list(pool.map(_double, items))
"""

SCRIPT = """
    import sys
    from shop.render import Renderer

    WORKERS = COUNT
    renderer = Renderer(MADE)
    EXTRA
    print("OUT=%s" % renderer.render([1, 2, 3]))
"""


def _script(made, extra="", count="1"):
    return SCRIPT.replace("MADE", made).replace("EXTRA", extra).replace("COUNT", count)


def _found(tmp_path, script):
    root = project(tmp_path, {"shop/__init__.py": "", "shop/render.py": RENDER, "main.py": script})
    return findings(root / "main.py", "MP101")


@pytest.mark.parametrize("made, count", [
    ('"cards"', "1"),  # the constructor's default: 1
    ('"cards", workers=1', "1"),
    ('"cards", 0', "1"),
    ('"cards", workers=WORKERS', "1"),  # a module global bound once to a literal
])
def test_a_receiver_built_not_to_start_processes(tmp_path, made, count):
    assert _found(tmp_path, _script(made, count=count)) == []


@pytest.mark.parametrize("made, extra, count", [
    ('"cards", workers=4', "", "1"),
    ('"cards", workers=WORKERS', "", "3"),
    ('"cards", workers=int(sys.argv[1]) if sys.argv[1:] else 1', "", "1"),  # not known
    ('"cards"', "renderer.workers = 4", "1"),  # this module stores the attribute
])
def test_a_receiver_that_may_start_them(tmp_path, made, extra, count):
    assert len(_found(tmp_path, _script(made, extra, count))) == 1


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    files = {"shop/__init__.py": "", "shop/render.py": RENDER}
    root = project(tmp_path / "one", {**files, "main.py": _script('"cards"')})
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    assert out.returncode == 0 and "OUT=[2, 4, 6]" in out.stdout, out.stderr
    root = project(tmp_path / "four", {**files, "main.py": _script('"cards", workers=4')})
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    if method == "fork":
        assert out.returncode == 0 and "OUT=[2, 4, 6]" in out.stdout, out.stderr
    else:
        assert "bootstrapping phase" in out.stderr, out.stderr
