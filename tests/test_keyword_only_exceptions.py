"""MP208 for an exception class whose __init__ needs a keyword-only argument (strictdoc #3201's
`SemanticError(*, title, ...)`, fresh_realistic8's blind miss): unpickling rebuilds an exception as
`cls(*self.args)`, which never passes a keyword, so the parent cannot rebuild it whatever reached
Exception.__init__ (a Pool hangs, an executor breaks). A keyword-only argument with a default, or a class
that says how to rebuild itself (`__reduce__`), rebuilds; a keyword-only argument with a default does not
help when the value also reached Exception.__init__ (`cls(*args)` passes it by position: too many)."""
from __future__ import annotations

import textwrap

import pytest

from helpers import assert_outcome, found, run_program

PROGRAM = '''
from concurrent.futures import ProcessPoolExecutor


class SemanticError(Exception):
    def __init__(self, *, title{default}, hint=None):
        super().__init__({passed})
        self.title = title
{reduce}

def validate(n):
    if n > 1:
        raise SemanticError(title="bad node")
    return n


if __name__ == "__main__":
    with ProcessPoolExecutor(2) as ex:
        try:
            ex.submit(validate, 2).result()
        except SemanticError as exc:
            print("caught", exc.title)
'''
REDUCE = "    def __reduce__(self):\n        return (_rebuild, (self.title,))\n\n\ndef _rebuild(title):\n    return SemanticError(title=title)\n"


def program(default="", passed="title", reduce=""):
    return PROGRAM.format(default=default, passed=passed, reduce=reduce)


@pytest.mark.parametrize("default, passed, error", [
    ("", "title", "TypeError: SemanticError.__init__() takes 1 positional argument but 2 were given"),
    ("", "", "TypeError: SemanticError.__init__() missing 1 required keyword-only argument: 'title'"),
    # a default does not help when the title reached Exception.__init__: `cls(*args)` passes it by position
    ("=None", "title", "TypeError: SemanticError.__init__() takes 1 positional argument but 2 were given"),
])
def test_a_keyword_only_argument_cannot_be_rebuilt(default, passed, error):
    findings = found(program(default=default, passed=passed), "MP208")
    assert [f.start.row for f in findings] == [13]  # the raise in the task
    assert error in findings[0].message


@pytest.mark.parametrize("variant", [dict(default="=None", passed=""), dict(reduce=REDUCE)])
def test_a_default_with_nothing_passed_on_or_a_reduce_rebuilds(variant):
    assert found(program(**variant), "MP208") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("variant, fails", [(dict(), True), (dict(passed=""), True), (dict(default="=None"), True),
                                            (dict(default="=None", passed=""), False), (dict(reduce=REDUCE), False)])
def test_the_parent_fails_as_said(tmp_path, method, variant, fails):
    path = tmp_path / "prog.py"
    path.write_text(textwrap.dedent(program(**variant)))
    out = run_program(path, method, timeout=60)
    assert_outcome(out, fails, "BrokenProcessPool", "caught bad node")
