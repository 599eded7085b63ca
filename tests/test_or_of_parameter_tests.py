"""An `or` of tests of one parameter as the condition of a statement (semantic/param_guards `_either`).

DrQA (scripts/reader/interactive.py, docs/sweep.md): `Predictor(..., num_workers=0)` at the top of a script,
where `Predictor.__init__` makes its pool under `if num_workers is None or num_workers > 0:`. The condition
model read no `or` (it constrained nothing), so the pool counted as always made. Now the `or` is one condition
on `num_workers`: known for a literal argument when one of its tests holds, or none can."""
from __future__ import annotations

import ast
import textwrap

import pytest
from helpers import assert_outcome, codes, run_program

from mpguard.semantic.param_guards import guards, reached
from test_semantic_crossmodule import findings, project

# --- the condition itself ---------------------------------------------------------------------------------------


def _pool_conditions(src: str):
    tree = ast.parse(textwrap.dedent(src))
    function = tree.body[0]
    parents = {child: parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}
    pool = next(n for n in ast.walk(function) if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "pool")
    return function, guards(pool, parents, function)


def _call(text: str) -> ast.Call:
    return ast.parse(text, mode="eval").body


@pytest.mark.parametrize("test", ["n is None or n > 0", "not (n is not None and n <= 0)"])
@pytest.mark.parametrize("call,reaches", [("f(0)", False), ("f(-2)", False), ("f(3)", True), ("f(None)", True),
                                          ("f()", True), ("f(k)", True)])
def test_an_or_of_tests_of_one_parameter(test, call, reaches):
    function, conditions = _pool_conditions(f"""
        def f(n=None):
            if {test}:
                pool(n)
    """)
    assert reached((conditions,), function, _call(call)) is reaches


def test_an_early_exit_under_the_negated_or():
    function, conditions = _pool_conditions("""
        def f(n=None):
            if not (n is None or n > 1):
                return []
            pool(n)
    """)
    assert not reached((conditions,), function, _call("f(1)"))
    assert reached((conditions,), function, _call("f(2)"))
    assert reached((conditions,), function, _call("f()"))


@pytest.mark.parametrize("test", ["n is None or fast", "n is None or helper(n)", "n > 0 or n.bit_length()"])
def test_an_or_of_other_tests_constrains_nothing(test):
    """Near miss: one of the tests is of another parameter, or not a test the model reads: the pool may be made
    for any `n` (precision first: the finding stays)."""
    function, conditions = _pool_conditions(f"""
        def f(n=None, fast=False):
            if {test}:
                pool(n)
    """)
    assert reached((conditions,), function, _call("f(0)"))


# --- in a module, and handed on by the module's own calls ----------------------------------------------------------

RUN = """
    import multiprocessing as mp


    def double(x):
        return x * 2


    def run(items, workers=None):
        if workers is None or workers > 1:
            with mp.Pool(workers) as pool:
                return pool.map(double, items)
        return [double(x) for x in items]


    def outer(items, count):
        return run(items, workers=count)


    print(CALL)
"""


@pytest.mark.parametrize("call,found", [
    ("run([1, 2], 0)", False), ("run([1, 2], 1)", False), ("outer([1, 2], 1)", False),
    ("run([1, 2], 2)", True), ("run([1, 2])", True), ("run([1, 2], None)", True), ("run([1, 2], n)", True),
    ("outer([1, 2], 4)", True),
])
def test_a_pool_under_an_or_called_at_import(call, found):
    assert ("MP101" in codes(textwrap.dedent(RUN).replace("CALL", call))) is found


# --- another module's class whose constructor makes the pool (DrQA's shape, other names) -------------------------

READER = {
    "kit/__init__.py": """
        from kit.reader import Reader

        __all__ = ["Reader"]
    """,
    "kit/reader.py": """
        import multiprocessing


        def _upper(text):
            return text.upper()


        class Reader:
            def __init__(self, name="r", processes=None):
                self.name = name
                if processes is None or processes > 0:
                    self.pool = multiprocessing.Pool(processes)
                else:
                    self.pool = None

            def read(self, texts):
                if self.pool is None:
                    return [_upper(t) for t in texts]
                return self.pool.map(_upper, texts)
    """,
}


def reader_project(tmp_path, arguments):
    return project(tmp_path, {**READER, "main.py": f"""
        from kit import Reader

        reader = Reader({arguments})
        print(reader.name, reader.pool is None)
    """})


@pytest.mark.parametrize("arguments,found", [
    ('"x", processes=0', False), ('processes=0', False), ('"x", 0', False),
    ('"x", processes=2', True), ('"x"', True), ('"x", processes=None', True), ('"x", processes=count', True),
])
def test_a_constructor_making_its_pool_under_an_or(tmp_path, arguments, found):
    root = reader_project(tmp_path, arguments)
    assert bool(findings(root / "main.py", "MP101")) is found


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_no_pool_for_zero(tmp_path, method):
    """processes=0 makes no pool: the script runs under every method. (processes=2 makes a Pool at import: its
    spawned workers re-import the script and stop in their bootstrap, and the Pool starts new ones for ever;
    MP101's own runtime tests show it, tests/test_sweep5_near_misses.py. Here only fork runs it, to the end.)"""
    out = run_program(reader_project(tmp_path, '"x", processes=0') / "main.py", method, cwd=tmp_path)
    assert_outcome(out, False, "", "x True")


def test_runtime_pool_under_fork(tmp_path):
    out = run_program(reader_project(tmp_path, '"x", processes=2') / "main.py", "fork", cwd=tmp_path)
    assert_outcome(out, False, "", "x False")
