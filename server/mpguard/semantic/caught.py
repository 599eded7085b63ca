"""What `except ... as exc:` binds: the exceptions the `try` body raises that the handler catches.

A task that returns the exception it caught (`except Exception as exc: return ("error", exc)`) sends it back
to the parent, with its attributes (mars PR #1990: an `ExecutionError` keeping the chunk storage and its thread
lock). The name holds, as far as they are known:

* a `raise` in the body of this function's `try` (not inside a `try` of its own);
* a `raise Cls(...)` in the body of a top-level function of another project module called in the `try`
  (`run_operand(op, storage)` raising `ExecutionError(msg, storage=storage)`), with `Cls` a class of that
  module: an object of it made with what the call gave the function's parameters (another argument is left
  unknown).

The handler must catch it by its own name, or be bare / `Exception` / `BaseException` (a base class named
otherwise is not followed: nothing is bound, as before).
"""
from __future__ import annotations

import ast

from mpguard.semantic import values as V

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
BROAD = frozenset({"Exception", "BaseException"})


def handler_names(handler: ast.ExceptHandler) -> frozenset | None:
    """The class names a handler catches; None for a bare or broad one (everything)."""
    if handler.type is None:
        return None
    types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    names = frozenset(t.attr if isinstance(t, ast.Attribute) else getattr(t, "id", "") for t in types)
    return None if names & BROAD else names


def in_own_body(node, statement: ast.Try, parents: dict) -> bool:
    """Is `node` in the `try` body of `statement`, with no other `try`, def or class between?"""
    child, parent = node, parents.get(node)
    while parent is not None:
        if parent is statement:
            return any(child is s for s in statement.body)
        if isinstance(parent, (ast.Try, *FUNCS, ast.Lambda, ast.ClassDef)) or type(parent).__name__ == "TryStar":
            return False
        child, parent = parent, parents.get(parent)
    return False


def raised_by_call(resolver, qualified: str, args: list, kwargs: dict, node) -> list:
    """[(class name, value)] for the `raise Cls(...)` statements of the top-level function `qualified` of
    another project module (outside any `try` there), each an object of that module's class `Cls` made with
    the values the call gave its parameters."""
    lookup = (getattr(resolver, "raising_summary", None) or getattr(resolver, "function_summary", None)) \
        if resolver is not None else None
    summary, name = lookup(qualified) if lookup is not None else (None, None)
    definitions = getattr(summary, "definitions", None) or {}
    function = definitions.get(name) if name and "." not in name else None
    if not isinstance(function, FUNCS):
        return []
    module = qualified.rpartition(".")[0]
    a = function.args
    if a.vararg is not None or a.kwarg is not None:
        return []
    positional = [p.arg for p in (*a.posonlyargs, *a.args)]
    given = {}
    for param, (_expr, value) in zip(positional, args):
        given[param] = value
    for key, (_expr, value) in kwargs.items():
        if key is not None:
            given[key] = value
    out = []
    for raised in _own_raises(function):
        call = raised.exc
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)
                and isinstance(definitions.get(call.func.id), ast.ClassDef)):
            continue
        if any(isinstance(x, ast.Starred) for x in call.args) or any(k.arg is None for k in call.keywords):
            continue
        values = [_given(x, given) for x in call.args]
        keywords = {k.arg: _given(k.value, given) for k in call.keywords}
        out.append((call.func.id, V.Returned(node, f"{module}.{call.func.id}", args=values + list(keywords.values()),
                                             keywords={k: v for k, v in keywords.items() if v is not None})))
    return out


def _given(expr, given: dict):
    return given.get(expr.id) if isinstance(expr, ast.Name) else None


def _own_raises(function) -> list:
    """The raise statements of a def outside any try, nested def or class of its own."""
    out, stack = [], list(function.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Raise):
            out.append(node)
        if isinstance(node, (ast.Try, *FUNCS, ast.Lambda, ast.ClassDef)) or type(node).__name__ == "TryStar":
            continue
        stack.extend(ast.iter_child_nodes(node))
    return out


def class_name(value) -> str | None:
    if type(value) is V.Instance and value.cls is not None:
        return value.cls.name
    if type(value) is V.Returned:
        return value.qualified.rpartition(".")[2]
    return None
