"""Code that never runs: statements after a sibling that never completes (`while True:` with no
`break`, `raise`, `return`, `sys.exit()`). A finding there describes a program that is never executed:
tutorial files that paste several snippets one after the other (the first an endless loop) are the
case seen on real code. Precision first: only what surely stops counts."""
from __future__ import annotations

import ast

EXITS = {"sys.exit", "exit", "quit", "os._exit"}
LOOPS = (ast.For, ast.AsyncFor, ast.While)
SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


class Reachability:
    """Answers `never_runs(node)` for one module; the first stopping statement of each body is kept."""

    def __init__(self, parents: dict):
        self.parents = parents
        self._first_stop: dict = {}  # id(body list) -> (body, index of its first stopping statement)

    def never_runs(self, node: ast.AST) -> bool:
        child, parent = node, self.parents.get(node)
        while parent is not None:
            if isinstance(child, ast.stmt):
                body = _body_holding(parent, child)
                if body is not None and self._after_stop(body, child):
                    return True
            child, parent = parent, self.parents.get(parent)
        return False

    def _after_stop(self, body: list, stmt: ast.stmt) -> bool:
        key = id(body)
        if key not in self._first_stop:
            first = next((i for i, s in enumerate(body) if _stops(s)), None)
            self._first_stop[key] = (body, first)
        first = self._first_stop[key][1]
        if first is None:
            return False
        return any(s is stmt for s in body[first + 1:])


def _body_holding(parent: ast.AST, stmt: ast.stmt) -> list | None:
    for name in ("body", "orelse", "finalbody"):
        body = getattr(parent, name, None)
        if isinstance(body, list) and any(s is stmt for s in body):
            return body
    return None


def _stops(stmt: ast.stmt) -> bool:
    """Does control never get past `stmt` to the next statement?"""
    if isinstance(stmt, (ast.Raise, ast.Return)):
        return True
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
        return _dotted(stmt.value.func) in EXITS
    if isinstance(stmt, ast.While) and isinstance(stmt.test, ast.Constant) and stmt.test.value \
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
