"""Generator functions that may never end (`while True: yield batch`).

A fix that turns a generator into a list (`list(batches(...))`) must not reach one: `list()` would never
return. Shared by the fix (a generator function of the module it edits) and by the project summaries
(one of another module, `ModuleSummary.finite_generators`)."""
from __future__ import annotations

import ast

from mpguard.semantic.index import nodes_in


def may_never_end(definition: ast.AST) -> bool:
    """Does the function hold a loop around a `yield` whose test is a constant true value, with no `break`
    or `return` in it? (A generator whose loop ends by a condition is taken to end; one that recurses or
    loops over an endless iterator such as itertools.count() is not known: `finite` below asks more.)"""
    for loop in nodes_in(definition):
        if isinstance(loop, ast.While) and isinstance(loop.test, ast.Constant) and loop.test.value:
            inside = list(nodes_in(loop))
            if any(isinstance(n, (ast.Yield, ast.YieldFrom)) for n in inside) \
                    and not any(isinstance(n, (ast.Break, ast.Return)) for n in inside):
                return True
    return False


def finite(definition: ast.AST) -> bool:
    """A generator function whose every loop is a `for` over a value or a `while` with a test that is not a
    constant, and that never calls itertools' endless iterators (`count`, `cycle`, `repeat`): its items can be
    listed. Stricter than `not may_never_end`, for a function of another module that the fix cannot show."""
    for node in nodes_in(definition):
        if isinstance(node, ast.While) and isinstance(node.test, ast.Constant):
            return False
        if isinstance(node, (ast.Name, ast.Attribute)) \
                and (node.id if isinstance(node, ast.Name) else node.attr) in ("count", "cycle", "repeat"):
            return False
    return True
