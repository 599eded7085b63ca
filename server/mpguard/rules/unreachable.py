"""Code that never runs: statements after a sibling that never completes (`while True:` with no
`break`, `raise`, `return`, `sys.exit()`). A finding there describes a program that is never executed:
tutorial files that paste several snippets one after the other (the first an endless loop) are the
case seen on real code. Precision first: only what surely stops counts."""
from __future__ import annotations

import ast

from mpguard.semantic.index import body_fields

EXITS = {"sys.exit", "exit", "quit", "os._exit"}
LOOPS = (ast.For, ast.AsyncFor, ast.While)
SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


class Reachability:
    """Answers `never_runs(node)` for one module. The statements that follow a stopping sibling are
    found in one walk of the tree, the first time a finding asks (then each question climbs the node's
    ancestors only)."""

    def __init__(self, tree: ast.AST, parents: dict):
        self.tree = tree
        self.parents = parents
        self._dead: set | None = None  # ids of statements that never run (the first of each dead run)

    def never_runs(self, node: ast.AST) -> bool:
        if self._dead is None:
            self._dead = _dead_statements(self.tree)
        if not self._dead:
            return False
        while node is not None:
            if id(node) in self._dead:
                return True
            node = self.parents.get(node)
        return False


def _dead_statements(tree: ast.AST) -> set:
    """Statements only: no expression holds one, so the walk never enters them (it was an `ast.walk`
    of every node: a third of a 5,000-line module's analysis)."""
    dead = set()
    todo = [tree]
    while todo:
        node = todo.pop()
        for name in body_fields(type(node)):
            body = getattr(node, name, None)
            if not isinstance(body, list):
                continue
            todo.extend(body)
            for i, stmt in enumerate(body):
                if isinstance(stmt, ast.stmt) and _stops(stmt):
                    dead.update(id(s) for s in body[i + 1:])
                    break
    return dead


def _stops(stmt: ast.stmt) -> bool:
    """Does control never get past `stmt` to the next statement?"""
    kind = type(stmt)  # (asked of every statement of the module; the node classes have no subclasses)
    if kind is ast.Raise or kind is ast.Return:
        return True
    if kind is ast.Expr:
        return type(stmt.value) is ast.Call and _dotted(stmt.value.func) in EXITS
    if kind is ast.While and type(stmt.test) is ast.Constant and stmt.test.value \
            and not stmt.orelse:
        return not _breaks_out(stmt.body)
    return False


def _breaks_out(body: list) -> bool:
    """A `break` of this loop (not of a loop or function nested in it)."""
    todo = list(body)
    while todo:
        node = todo.pop()
        if isinstance(node, ast.Break):
            return True
        if isinstance(node, LOOPS + SCOPES):
            if isinstance(node, LOOPS):
                todo.extend(node.orelse)  # a nested loop's `else:` belongs to this loop's level
            continue
        todo.extend(ast.iter_child_nodes(node))
    return False


def _dotted(expr: ast.expr) -> str:
    if isinstance(expr, ast.Name):
        return expr.id
    if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name):
        return f"{expr.value.id}.{expr.attr}"
    return ""
