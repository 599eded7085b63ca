"""Does the handler of a `set_start_method()`'s RuntimeError really handle it, under which default start methods?

"context has already been set" is caught to go on with whatever method the program already has. A handler that
instead checks that method and fails does not handle it (allenai/dolma #58: `except RuntimeError: assert
multiprocessing.get_start_method() == "spawn"` after the script's own Pool fixed the default context: the assert
fails wherever the default is not spawn). Read from the handler's own statements, in order, up to the first that
decides: `assert <test of the default method>` fails where the test is false; `if <test of the default method>:`
whose body ends in `raise` fails where the test is true; a `raise` (again, or another exception) fails always; a
`return`, `break` or `continue` leaves the handler having handled it. Anything else is taken as handling it.
"""
from __future__ import annotations

import ast

from mpguard.semantic.method_reach import ALL, default_methods

_FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


def handler_failures(handler: ast.ExceptHandler, imports) -> frozenset:
    """The default start methods under which `handler` fails itself (empty: it handles the error everywhere)."""
    for stmt in handler.body:
        if type(stmt) is ast.Assert:
            holds = default_methods(stmt.test, imports)
            if holds is not None and holds != ALL:
                return ALL - holds
        elif type(stmt) is ast.Raise:
            return ALL
        elif type(stmt) is ast.If and stmt.body and type(stmt.body[-1]) is ast.Raise:
            when = default_methods(stmt.test, imports)
            if when is not None:  # (an `else` is not read: only where the test sends to the raise)
                return when
        elif isinstance(stmt, (ast.Return, ast.Break, ast.Continue)):
            return frozenset()
    return frozenset()


def unhandled_methods(node, parents, imports, error: str = "RuntimeError") -> frozenset | None:
    """The default start methods under which an `error` raised at `node` and caught in its function is not handled:
    those under which the handler of the innermost `try` that catches it fails itself. None when no `try` of the
    function catches it."""
    child, current = node, parents.get(node)
    while current is not None and not isinstance(current, (*_FUNCS, ast.Module)):
        if isinstance(current, ast.Try) and any(child is s for s in current.body):
            handler = next((h for h in current.handlers if _catches(h, error)), None)
            if handler is not None:
                return handler_failures(handler, imports)
        child, current = current, parents.get(current)
    return None


def _catches(handler: ast.ExceptHandler, error: str) -> bool:
    if handler.type is None:
        return True
    names = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any((n.id if isinstance(n, ast.Name) else getattr(n, "attr", "")) in (error, "Exception", "BaseException")
               for n in names)
