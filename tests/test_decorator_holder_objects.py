"""A decorator that gives back an object of its module's class keeping the decorated function
(`def ensure_annotations(func): return WrappedFunction(func)`, `WrappedFunction.__init__` storing `self.f = func`)
leaves the module name bound to that object. Pickling the object pickles its state, the original function, by
its qualified name, which now names the object: "Can't pickle <function word_count ...>: it's not the same
object as __main__.word_count" (kislyuk/ensure #29; tests/corpus/fresh_reports9 ensure29). Pool tasks are
pickled under every start method, so every method fails. Near misses: a `functools.wraps` wrapper (pickled by
the module's name, which is the wrapper), a class that says how to pickle itself (`__reduce__`), a decorator
that may give the function back, a class that keeps the function only on a path not taken (`keep=False`), a decorator used with
arguments (a factory: its call gives the decorator, not the object)."""
import pytest
from helpers import assert_outcome, found, run_program

from mpguard.linter.files import analyze_path
from mpguard.linter.settings import Settings

DECORATORS = """
import functools


class WrappedFunction:
    def __init__(self, func):
        self.f = func
        self.__name__ = func.__name__

    def __call__(self, *args, **kwargs):
        return self.f(*args, **kwargs)


class Reducible:
    def __init__(self, func):
        self.f = func

    def __call__(self, *args):
        return self.f(*args)

    def __reduce__(self):
        return (Reducible, (len,))  # rebuilt around a builtin: the function is not pickled


class Sometimes:
    def __init__(self, func, keep=False):
        if keep:
            self.f = func

    def __call__(self, *args):
        return self.f(*args)


def ensure_annotations(func):
    return WrappedFunction(func)


def checked(func):
    @functools.wraps(func)
    def wrapper(*args):
        return func(*args)
    return wrapper


def reducible(func):
    return Reducible(func)


def maybe(func):
    if getattr(func, "plain", False):
        return func
    return WrappedFunction(func)


def sometimes(func):
    return Sometimes(func)


def configured(level):
    def decorate(func):
        return func
    return decorate
"""

PROGRAM = """
import sys
from multiprocessing import Pool
IMPORT


DECORATOR
def word_count(text):
    return len(text.split())


if __name__ == "__main__":
    with Pool(2) as pool:
        counts = pool.map(word_count, ["a b", "c d e", "f"])
    print(f"RESULT={counts}")
"""

# decorator -> refused
CASES = {"ensure_annotations": True, "checked": False, "reducible": False, "maybe": False, "sometimes": False,
         "configured(1)": False}
ERROR = "it's not the same object as __main__.word_count"


def program(decorator: str, local: bool) -> str:
    imported = DECORATORS if local else f"from helper import {decorator.split('(')[0]}"
    return PROGRAM.replace("IMPORT", imported).replace("DECORATOR", f"@{decorator}")


@pytest.mark.parametrize("decorator", sorted(CASES))
def test_decorator_of_this_module(decorator):
    findings = found(program(decorator, True), "MP201")
    assert [f.start.row for f in findings] == ([76] if CASES[decorator] else [])  # pool.map(...)
    if findings:
        assert "WrappedFunction object that keeps it" in findings[0].message and ERROR in findings[0].message


@pytest.mark.parametrize("decorator", sorted(CASES))
def test_decorator_of_another_module(tmp_path, decorator):
    (tmp_path / "helper.py").write_text(DECORATORS)
    (tmp_path / "main.py").write_text(program(decorator, False))
    findings = [f for f in analyze_path(tmp_path / "main.py", Settings(), project_root=tmp_path).findings
                if f.code == "MP201"]
    assert [f.start.row for f in findings] == ([14] if CASES[decorator] else [])
    if findings:
        assert ERROR in findings[0].message


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("decorator", ["ensure_annotations", "checked"])
def test_runtime(tmp_path, decorator, method):
    (tmp_path / "helper.py").write_text(DECORATORS)
    path = tmp_path / "main.py"
    path.write_text(program(decorator, False))
    out = run_program(path, method, timeout=60, cwd=tmp_path)
    assert_outcome(out, CASES[decorator], ERROR, "RESULT=[2, 3, 1]")
