"""A decorator usable with or without parentheses (viztracer PR #563's `trace_and_save(method=None, **kw)`):
`def inner(func): @functools.wraps(func) def wrapper ...; return wrapper` then `if method is not None: return
inner(method)` / `return inner`. Applied bare, `@traced` calls traced(crunch): `method` holds the function, so the
first return is taken and the name holds the wraps-wrapper, which pickles by name. The return a bare application
reaches is read with the parameter conditions of param_guards (the `if`s around a return, the early exits before
it), and `return inner(method)` hands out what `inner` returns."""
from __future__ import annotations

import textwrap

import pytest
from helpers import codes, found, run_program

from mpguard.fixes.apply import fix_all
from mpguard.linter.analyze import analyze
from test_semantic_crossmodule import findings, project

TRACED = """
    import functools
    import multiprocessing


    def traced(method=None, tag="t"):
        def inner(func):
            WRAPS
            def wrapper(*args, **kwargs):
                return func(*args, **kwargs)
            return wrapper

        if method is not None:
            return inner(method)
        return inner
"""

MAIN = """

    @DECORATOR
    def crunch(n):
        return n * n


    if __name__ == "__main__":
        with multiprocessing.Pool(2) as pool:
            print(pool.map(crunch, [1, 2, 3]))
"""


def program(decorator="traced", wraps=True, traced=TRACED):
    return textwrap.dedent(traced).replace("WRAPS", "@functools.wraps(func)" if wraps else "pass") \
        + textwrap.dedent(MAIN).replace("DECORATOR", decorator)


@pytest.mark.parametrize("decorator", ["traced", 'traced(tag="x")'])
def test_the_wraps_wrapper_of_a_bare_or_called_application_is_silent(decorator):
    assert "MP201" not in codes(program(decorator))


def test_without_wraps_the_nested_wrapper_is_named():
    [finding] = found(program(wraps=False), "MP201")
    assert "its nested inner.<locals>.wrapper without functools.wraps" in finding.message
    assert "traced.<locals>.inner.<locals>.wrapper" in finding.message  # what pickle prints


EARLY_NONE = """
    import functools
    import multiprocessing


    def traced(method=None, tag="t"):
        def inner(func):
            WRAPS
            def wrapper(*args, **kwargs):
                return func(*args, **kwargs)
            return wrapper

        if method is None:
            return inner
        return inner(method)
"""

TRUTH_TEST = EARLY_NONE.replace("if method is None:", "if not method:")


@pytest.mark.parametrize("traced", [EARLY_NONE, TRUTH_TEST])
def test_other_tests_of_the_first_parameter(traced):
    assert "MP201" not in codes(program(traced=traced))
    assert "MP201" in codes(program(traced=traced, wraps=False))


def test_a_decorator_that_always_returns_its_inner_decorator_is_still_found():
    # no test of `method`: `@traced` makes crunch the decorator `inner` itself (a local function)
    always = TRACED.replace("        if method is not None:\n            return inner(method)\n", "")
    [finding] = found(program(traced=always), "MP201")
    assert "its nested inner without functools.wraps" in finding.message


def test_the_fix_wraps_the_wrapper_that_inner_returns():
    def check(text):
        return analyze(text).findings

    fixed, applied = fix_all(program(wraps=False), check)
    assert applied and "MP201" not in codes(fixed)
    assert "        @functools.wraps(func)\n        def wrapper" in fixed
    assert "@functools.wraps(method)" not in fixed


@pytest.mark.parametrize("wraps", [True, False])
def test_decorator_of_another_module(tmp_path, wraps):
    traced = textwrap.dedent(TRACED).replace("WRAPS", "@functools.wraps(func)" if wraps else "pass")
    main = "import multiprocessing\nfrom kit.tracer import traced\n" + textwrap.dedent(MAIN).replace(
        "DECORATOR", "traced")
    root = project(tmp_path, {"kit/__init__.py": "", "kit/tracer.py": traced, "main.py": main})
    assert len(findings(root / "main.py", "MP201")) == (0 if wraps else 1)


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("decorator,wraps", [("traced", True), ('traced(tag="x")', True), ("traced", False)])
def test_runtime(tmp_path, method, decorator, wraps):
    path = tmp_path / "prog.py"
    path.write_text(program(decorator, wraps))
    out = run_program(path, method, timeout=120)
    if wraps:
        assert out.returncode == 0 and "[1, 4, 9]" in out.stdout, out.stderr
    else:
        assert out.returncode != 0 and "traced.<locals>.inner.<locals>.wrapper" in out.stderr, out.stderr
