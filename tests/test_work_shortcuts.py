"""Shortcuts that skip work (issue 16) answer exactly what the work they skip would have answered."""
import ast
import textwrap

import pytest

from mpguard.semantic.index import nodes_in, statements_in
from mpguard.semantic.instance_conditions import conditional_stores
from mpguard.semantic.names import ImportMap
from mpguard.semantic.thread_leavers import leavers, may_leave

KEEP = (ast.stmt, ast.excepthandler, ast.match_case)

NESTED = '''
def f(self, x):
    self.a = 1
    if x:
        self.b = [y for y in x]
        try:
            self.c: int = 2
        except (ValueError, KeyError) as exc:
            self.d += 1
        else:
            pass
        finally:
            self.e = lambda: (f := 3)
    for i in x:
        while i:
            with open(i) as fh:
                self.g = fh
    match x:
        case [1, *rest] if rest:
            self.h = rest
        case _:
            def inner():
                self.i = 4
            class Inner:
                j = 5
'''


def test_statements_in_lists_the_statements_of_nodes_in_in_its_order():
    function = ast.parse(NESTED).body[0]
    expected = [n for n in nodes_in(function) if isinstance(n, KEEP)]
    found = statements_in(function)
    assert len(found) == len(expected) and all(a is b for a, b in zip(found, expected))


def _leavers_of(source: str):
    tree = ast.parse(textwrap.dedent(source))
    imports = ImportMap(None)
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            imports.add(node)
    return may_leave(tree, imports.qualify), leavers(tree, imports.qualify)["leaves"]


@pytest.mark.parametrize("source", [
    """
    import threading
    def start():
        threading.Thread(target=print, daemon=True).start()
    """,
    """
    from threading import Timer as Later
    class Service:
        def run(self):
            self.t = Later(5, print)
            self.t.start()
    """,
    """
    import threading as th
    def go():
        t = th.Thread(target=lambda: None)
        t.start()
    """,
])
def test_a_module_that_starts_threads_may_leave_one(source):
    maybe, leaves = _leavers_of(source)
    assert maybe and leaves


@pytest.mark.parametrize("source", [
    """
    import multiprocessing as mp
    def work(x):
        return x
    def main():
        with mp.Pool(2) as pool:
            pool.map(work, range(3))
    """,
    """
    import threading
    lock = threading.Lock()
    class Thread:  # a class of its own named Thread: not threading's
        def start(self):
            pass
    def run():
        Thread().start()
    """,
])
def test_a_module_that_makes_no_thread_leaves_none(source):
    maybe, leaves = _leavers_of(source)
    assert not maybe and not leaves


def _conditional(source: str):
    tree = ast.parse(textwrap.dedent(source))
    return conditional_stores([c for c in tree.body if isinstance(c, ast.ClassDef)])


def test_an_init_without_compound_statements_stores_nothing_conditionally():
    assert _conditional("""
    class Plain:
        def __init__(self, level):
            self.level = level
            self.handler = None
        def later(self):
            if self.level:
                self.handler = open("x")
    """) is None


def test_an_init_that_stores_under_an_if_still_says_so():
    found = _conditional("""
    class Pipeline:
        def __init__(self, config):
            self.level = config["level"]
            if self.level == "DEBUG":
                self._debug = open("debug.log")
    """)
    assert found is not None and found.names == ("_debug",)


def test_may_leave_is_never_false_where_leavers_finds_one():
    """Soundness over the shapes above and a star import (which the syntax alone does not resolve: both say so)."""
    for source in (NESTED, """
    from threading import *
    def go():
        t = Thread(target=lambda: None)
        t.start()
    """):
        maybe, leaves = _leavers_of(source)
        assert maybe or not leaves
