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


GUARDED = '''
def run(items, dummy=False, workers=4, mode="fast"):
    total = 0
    pool = Pool(workers)
    if not items:
        return total
    if dummy:
        serial = Pool(1)
    else:
        if workers > 1 and mode == "fast":
            fast = Pool(workers)
        for item in items:
            if item is None:
                continue
            looped = Pool(2)
    while True:
        if mode == "slow":
            break
        spun = Pool(3)
    try:
        kept = Pool(4)
    except ValueError:
        raise
    inner = lambda: Pool(5)
    return [pool, serial, fast, looped, spun, kept, inner]
'''


def _guards_the_long_way(node, parents, function):
    """param_guards.guards before it looked at the tree's shape first: the function's parameters always."""
    from mpguard.semantic import param_guards as G

    params = G._unchanged_parameters(function)
    if not params and not G.derived_locals(function):
        return frozenset()
    sized, names = G._sized_parameters(function), G._names(function, params, parents)
    found, child, parent = set(), node, parents.get(node)
    while parent is not None and child is not function:
        block = None
        for name in ("body", "orelse", "handlers", "finalbody"):
            stmts = getattr(parent, name, None)
            if type(stmts) is list and any(s is child for s in stmts):
                block = stmts
                if type(parent) is ast.If and name in ("body", "orelse"):
                    part = G._test(parent.test, name == "body", names, sized)
                    if part is None:
                        return None
                    found |= part
                break
        for before in block or ():
            if before is child:
                break
            if type(before) is ast.If and G.exits(before.body) != G.exits(before.orelse):
                part = G._test(before.test, not G.exits(before.body), names, sized)
                if part is None:
                    return None
                found |= part
        child, parent = parent, parents.get(parent)
    return G._consistent(frozenset(found))


def test_guards_read_from_the_shape_first_answer_as_the_long_way():
    from mpguard.semantic.index import TreeIndex
    from mpguard.semantic.param_guards import guards

    tree = ast.parse(GUARDED)
    parents = TreeIndex(tree).parents
    function = tree.body[0]
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
    assert len(calls) == 7
    answers = [guards(call, parents, function) for call in calls]
    assert answers == [_guards_the_long_way(call, parents, function) for call in calls]
    assert frozenset() in answers and any(answers)  # (some calls under a test of a parameter, some under none)


def test_a_spawner_under_no_test_looks_at_no_parameter(monkeypatch):
    """branch_choices.settle asks for every spawner made in a function: one that no `if` decides reads nothing of
    the function's parameters (their facts took a tenth of the 1,000-line benchmark file's analysis)."""
    from mpguard.semantic import param_guards as G
    from mpguard.semantic.index import TreeIndex

    asked = []
    monkeypatch.setattr(G, "_unchanged_parameters", lambda function: asked.append(function) or frozenset({"n"}))
    tree = ast.parse("def f(n):\n    with Pool(n) as pool:\n        pool.map(g, range(n))\n")
    call = tree.body[0].body[0].items[0].context_expr
    assert G.guards(call, TreeIndex(tree).parents, tree.body[0]) == frozenset()
    assert asked == []


@pytest.mark.parametrize("text, expected", [
    ("if __name__ == '__main__':\n    exec(code, globals())\n", True),
    ("__main__\nexec (x)", True),
    ("__main__ a.exec(x)", True),
    ("__main__ exec\n(x)", True),
    ("exec(x)", False),  # (no __main__)
    ("__main__ myexec(x)", False),
    ("__main__ _exec(x)", False),
    ("__main__ éexec(x)", False),  # (a word character before it, outside ASCII)
    ("__main__ executor.submit(x)", False),
    ("__main__ run_exec_2(x) exec(y)", True),
])
def test_an_exec_into_main_is_found_as_the_word_boundary_pattern_finds_it(text, expected):
    import re

    from mpguard.linter.exec_main import may_exec

    assert may_exec(text) is expected
    assert ("__main__" in text and re.search(r"\bexec\s*\(", text) is not None) is expected
