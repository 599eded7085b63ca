"""Lifting a nested function out of a method (session 23): inside a class body, names that start with two
underscores are mangled (`__solve` is compiled as `_BE__solve`). quemb #225 (fresh_libs11
quemb225_be_closure_stdlib_pool): the lift named the module-level def `__solve` (`_` + `_solve`), and the
method's `functools.partial(__solve, self)` then read `_BE__solve`, a NameError under every start method.
Lifted names now never start with two underscores (fixes/_scopes.fresh_name), a nested `def __helper` is
renamed when it moves, and code that reads a private name (`self.__factor`) is not moved out of its class
(it would read another attribute at module level): no fix, rather than a wrong one."""
from __future__ import annotations

import textwrap

import pytest
from helpers import found, run_program
from mpguard.fixes.apply import apply_edits, parses

CLOSURE = textwrap.dedent("""
    import multiprocessing


    class Batch:
        def __init__(self, offset):
            self.offset = offset

        def run(self, values):
            def _shift(v):
                return v + self.offset

            with multiprocessing.Pool(2) as pool:
                return pool.map(_shift, values)


    if __name__ == "__main__":
        print("OUT", Batch(10).run([1, 2, 3]))
""")

PRIVATE_DEF = textwrap.dedent("""
    import multiprocessing


    class Doubler:
        def run(self, values):
            def __double(v):
                return v * 2

            with multiprocessing.Pool(2) as pool:
                return pool.map(__double, values)


    if __name__ == "__main__":
        print("OUT", Doubler().run([1, 2, 3]))
""")

PRIVATE_ATTR = textwrap.dedent("""
    import multiprocessing


    class Scaler:
        def __init__(self, factor):
            self.__factor = factor

        def run(self, values):
            scale = lambda v: v * self.__factor
            with multiprocessing.Pool(2) as pool:
                return pool.map(scale, values)
""")


def fixed(src: str) -> str:
    [finding] = found(src, "MP201")
    out = apply_edits(src, finding.fix.edits)
    assert parses(out)
    assert found(out, "MP201") == []
    return out


def test_lifted_name_has_one_leading_underscore():
    out = fixed(CLOSURE)
    assert "def _shift_2(self, v):" in out and "__shift" not in out
    assert "_shift = functools.partial(_shift_2, self)" in out


def test_private_nested_def_is_renamed():
    out = fixed(PRIVATE_DEF)
    assert "\ndef _double(v):" in out and "__double = _double" in out


@pytest.mark.parametrize("nested", [
    PRIVATE_ATTR,
    PRIVATE_ATTR.replace("scale = lambda v: v * self.__factor",
                         "def scale(v):\n                return v * self.__factor"),
])
def test_no_fix_when_the_code_reads_a_private_attribute(nested):
    [finding] = found(nested, "MP201")
    assert finding.fix is None


def test_private_names_outside_a_class_are_moved():
    # near miss: a plain function's nested def reading `obj.__key`: no class mangles it, so the lift stays
    src = textwrap.dedent("""
        import multiprocessing


        def run(obj, values):
            def task(v):
                return v + obj.__key

            with multiprocessing.Pool(2) as pool:
                return pool.map(task, values)
    """)
    [finding] = found(src, "MP201")
    assert finding.fix is not None and "def _task(obj, v):" in apply_edits(src, finding.fix.edits)


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("src", [CLOSURE, PRIVATE_DEF], ids=["closure", "private_def"])
def test_runtime(tmp_path, method, src):
    path = tmp_path / "batch.py"
    path.write_text(fixed(src))
    after = run_program(path, method, timeout=120, cwd=tmp_path)
    assert after.returncode == 0, after.stderr
    assert "OUT [" in after.stdout
