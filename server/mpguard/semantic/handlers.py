"""Does an `except` clause stop an exception before it leaves a function?

A task's exceptions are pickled back to the parent only if they escape the task. A helper that raises
`ProtocolError` is harmless when the task calls it inside `try: ... except ProtocolError: raise
MirrorError(...)`: what crosses is the new exception (CPython #93542's workaround). The names an
exception answers to are its class name, its bases' names, `Exception` and `BaseException`; a handler
that names none of them (or whose type is not a plain name) is assumed not to catch it, so a finding
is only dropped when the handler certainly matches. A handler that re-raises what it caught (`raise`,
`raise exc`) lets it through.
"""
from __future__ import annotations

import ast

ALWAYS_CAUGHT_BY = frozenset(("Exception", "BaseException"))
_TRIES = (ast.Try, getattr(ast, "TryStar", ast.Try))
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef, ast.Module)


def caught_in_function(node: ast.AST, names: frozenset, parents) -> bool:
    """Is an exception raised at `node` (a `raise`, or a call that raises) stopped by an enclosing
    `try` of the same function whose handler matches one of `names` and does not re-raise it?"""
    return stopping_handler(node, names, parents) is not None


def stopping_handler(node: ast.AST, names: frozenset, parents) -> ast.ExceptHandler | None:
    """The handler of the innermost enclosing `try` of the same function that matches one of `names` and
    does not re-raise what it caught (see `caught_in_function`); None when none stops it."""
    child, current = node, parents.get(node)
    while current is not None and not isinstance(current, _SCOPES):
        if isinstance(current, _TRIES) and any(child is stmt for stmt in current.body):
            for handler in current.handlers:
                if _matches(handler, names) and not _reraises(handler):
                    return handler
        child, current = current, parents.get(current)
    return None


def reraising_handler(node: ast.AST, names: frozenset, parents) -> ast.ExceptHandler | None:
    """The handler of the innermost enclosing `try` of the same function that matches one of `names` and raises
    what it caught again (`except etree.XMLSyntaxError: raise`); None when no handler on the way re-raises it."""
    child, current = node, parents.get(node)
    while current is not None and not isinstance(current, _SCOPES):
        if isinstance(current, _TRIES) and any(child is stmt for stmt in current.body):
            for handler in current.handlers:
                if _matches(handler, names):
                    return handler if _reraises(handler) else None
        child, current = current, parents.get(current)
    return None


def _matches(handler: ast.ExceptHandler, names: frozenset) -> bool:
    if handler.type is None:
        return True  # a bare `except:`
    types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    for kind in types:
        name = kind.id if isinstance(kind, ast.Name) else kind.attr if isinstance(kind, ast.Attribute) else None
        if name is not None and (name in names or name in ALWAYS_CAUGHT_BY):
            return True
    return False


def _reraises(handler: ast.ExceptHandler) -> bool:
    """Does the handler raise what it caught again: a bare `raise`, or `raise <the as-name>` (with or
    without `from`)? Looked for in the handler's own statements, not in functions defined there."""
    todo = list(handler.body)
    while todo:
        node = todo.pop()
        if isinstance(node, ast.Raise):
            if node.exc is None or (handler.name and isinstance(node.exc, ast.Name) and node.exc.id == handler.name):
                return True
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        todo.extend(ast.iter_child_nodes(node))
    return False


def first_catching(trial, names: frozenset):
    """The handler of `trial` that takes an exception answering to `names` raised in its body: the first
    that certainly matches (None when none does, or an earlier one only may: its type is not a plain name)."""
    for handler in trial.handlers:
        if _matches(handler, names):
            return handler
        types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
        if any(not isinstance(kind, (ast.Name, ast.Attribute)) for kind in types):
            return None  # `except errors():`: it may take it first
    return None
