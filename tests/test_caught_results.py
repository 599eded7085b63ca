"""MP207 for an exception a pool task catches and returns inside its result (rules/caught_results.py,
strictdoc #3201, fresh_realistic8): `return Failure(Info(exc))` where `Info` keeps the live exception in `self`,
and the exception's class cannot be rebuilt from its `args` (a keyword-only `__init__`): the result fails to
unpickle in the parent (BrokenProcessPool), though nothing escaped the task. The caught value is the walker's
`values.Caught`; the raises a clause takes are read from the try body and the functions called there."""
from __future__ import annotations

import textwrap

import pytest
from helpers import assert_outcome, run_program, sent_back_copy
from mpguard.linter.analyze import analyze
from mpguard.linter.files import analyze_path
from mpguard.linter.settings import Settings

ERROR = """
class SemanticError(Exception):
    def __init__(self, *, title, line=None):
        super().__init__(title, line)
        self.title = title
"""

PROGRAM = """
import sys
from concurrent.futures import ProcessPoolExecutor
ERROR

class Info:
    def __init__(self, exception):
        KEEP


class Failure(Exception):
    def __init__(self, info):
        super().__init__(info)
        self.info = info


def parse_document(path):
    if "broken" in path:
        raise RAISED
    return path


def wrapper(func, content):
    try:
        return func(content)
    except CAUGHT as exception:
        return RETURNED


def main():
    with ProcessPoolExecutor(2) as executor:
        futures = [executor.submit(wrapper, parse_document, c) for c in ["index", "broken"]]
        results = [future.result() for future in futures]
    print("results", len(results))


if __name__ == "__main__":
    sys.exit(main())
"""


def program(keep="self.exception = exception", raised='SemanticError(title="no UID", line=3)',
            caught="Exception", returned="Failure(Info(exception))", error=ERROR):
    return (PROGRAM.replace("ERROR\n", error).replace("KEEP", keep).replace("RAISED", raised)
            .replace("CAUGHT", caught).replace("RETURNED", returned))


def mp207(src):
    return [f for f in analyze(src).findings if f.code == "MP207" and not sent_back_copy(f)]


def test_the_caught_exception_kept_two_constructors_deep():
    [finding] = mp207(program())
    assert finding.start.row == 31  # the handler's return
    assert "returns the `SemanticError` it caught" in finding.message
    assert "keyword-only" in finding.message and set(finding.start_methods) == {"fork", "spawn", "forkserver"}


@pytest.mark.parametrize("returned", ["exception", "(None, exception)", "[Info(exception)]", "{'error': exception}"])
def test_the_exception_itself_or_in_a_container(returned):
    assert mp207(program(returned=returned))


@pytest.mark.parametrize("variant", [
    {"keep": "self.message = str(exception)"},                    # the fix: only strings are kept
    {"returned": "Failure(Info(None))"},                          # the exception is not returned
    {"returned": "Failure(str(exception))"},
    {"raised": 'ValueError("no UID")'},                           # a class that rebuilds
    {"caught": "KeyError"},                                        # the clause does not take it (MP208 speaks)
    {"error": ERROR.replace("(self, *, title, line=None)", "(self, title, line=None)")},  # positional: rebuilds
    {"keep": "self.exception = exception\n\n    def __getstate__(self):\n        return {}"},  # pickles its own way
])
def test_near_misses_stay_silent(variant):
    assert not mp207(program(**variant))


def test_an_earlier_clause_takes_it_first():
    src = program().replace("    except Exception as exception:",
                            "    except SemanticError:\n        return None\n    except Exception as exception:")
    assert not mp207(src)


@pytest.mark.parametrize("keyword_only", [True, False])
def test_the_exception_class_of_another_module(tmp_path, keyword_only):
    (tmp_path / "kit").mkdir()
    (tmp_path / "kit" / "__init__.py").write_text("")
    (tmp_path / "kit" / "errors.py").write_text(ERROR if keyword_only else ERROR.replace("*, ", ""))
    main = tmp_path / "main.py"
    main.write_text(program(error="from kit.errors import SemanticError\n"))
    found = [f for f in analyze_path(main, Settings(), project_root=tmp_path).findings if f.code == "MP207" and not sent_back_copy(f)]
    assert [f.start.row for f in found] == ([27] if keyword_only else [])


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("hazard", [True, False])
def test_runtime(tmp_path, method, hazard):
    path = tmp_path / "parallelizer.py"
    path.write_text(program() if hazard else program(keep="self.message = str(exception)"))
    out = run_program(path, method, timeout=60)
    assert_outcome(out, hazard, "BrokenProcessPool", "results 2")
