"""A class of another project module that stores lambdas by unpacking a pair into attributes (`self.f, self.g =
(lambda ..., lambda ...)`), or picks the pair (or one lambda) from a local table by a parameter (`self.f, self.g =
transforms[kind]`, pySIP's Parameter: fresh_libs10 pysip5), keeps a lambda in each instance: an instance handed to
a pickling pool fails (semantic/unpacked_stores). Silent when one of the values the store may give is a module
function, when a constant key picks one, or when the table is changed or the pair comes from a call. Proven under
fork, spawn and forkserver."""
import textwrap

import pytest
from helpers import run_program, skip_without

from test_semantic_crossmodule import findings, project

SHAPES = """
    import math


    def ident(x):
        return x


    class Pair:
        def __init__(self, kind):
            self.f, self.g = (lambda x: x, lambda x: x + 1)


    class Table:
        def __init__(self, kind):
            transforms = {"a": (lambda x: math.log(x), lambda x: math.exp(x)), "b": (lambda x: x, lambda x: x)}
            self.f, self.g = transforms[kind]


    class One:
        def __init__(self, kind):
            table = {"a": lambda x: x, "b": lambda x: x * 2}
            self.f = table[kind]


    class PickedLambda:
        def __init__(self, kind):
            table = {"a": (ident, ident), "b": (lambda x: x * 2, lambda x: x)}
            self.f, self.g = table["b"]


    class Mixed:
        def __init__(self, kind):
            table = {"a": (ident, ident), "b": (lambda x: x * 2, lambda x: x)}
            self.f, self.g = table[kind]


    class PickedNamed:
        def __init__(self, kind):
            table = {"a": (ident, ident), "b": (lambda x: x * 2, lambda x: x)}
            self.f, self.g = table["a"]


    class Grown:
        def __init__(self, kind):
            table = {"b": (lambda x: x * 2, lambda x: x)}
            table["a"] = (ident, ident)
            self.f, self.g = table[kind]


    class Called:
        def __init__(self, kind):
            self.f, self.g = make(kind)


    def make(kind):
        return ident, ident
"""

# a dataclass of a third module holds the instances in a list field; joblib's multiprocessing backend pickles them
SCRIPT = """
    from dataclasses import dataclass, field

    from joblib import Parallel, delayed
    from shapes_kit import CLASS


    @dataclass
    class Holder:
        name: str
        items: list = field(default_factory=list)


    def use(holder):
        return round(sum(item.f(1.5) for item in holder.items), 3)


    def build(n):
        return [Holder(name=str(i), items=[CLASS("a"), CLASS("a")]) for i in range(n)]


    def main():
        print("RESULT=%s" % Parallel(n_jobs=2, backend="multiprocessing")(delayed(use)(h) for h in build(2)))


    if __name__ == "__main__":
        main()
"""


def _project(tmp_path, cls: str):
    project(tmp_path, {"shapes_kit.py": SHAPES, "main.py": SCRIPT.replace("CLASS", cls)})
    return tmp_path / "main.py"


@pytest.mark.parametrize("cls", ["Pair", "Table", "One", "PickedLambda"])
def test_lambda_kept(tmp_path, cls):
    got = findings(_project(tmp_path, cls), "MP203")
    assert got and "<lambda>" in got[0].message, [f.message for f in got]
    assert f"{cls}.__init__.<locals>.<lambda>" in got[0].message


@pytest.mark.parametrize("cls", ["Mixed", "PickedNamed", "Grown", "Called"])
def test_may_be_fine(tmp_path, cls):
    assert not findings(_project(tmp_path, cls), "MP203")


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    skip_without("joblib")
    for cls, fails in (("Table", True), ("Pair", True), ("Mixed", False), ("PickedNamed", False)):
        path = _project(tmp_path / cls, cls)
        out = run_program(path, method, cwd=path.parent)
        if fails:  # (pickle's words for a local lambda: 3.10-3.13 "Can't pickle local object", 3.14 "Can't get")
            assert out.returncode != 0 and ("Can't pickle local object" in out.stderr
                                            or "Can't get local object" in out.stderr), out.stderr
        else:
            assert "RESULT=" in out.stdout and out.returncode == 0, out.stderr
