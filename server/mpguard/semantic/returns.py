"""What a function returns, read from its body alone (no call needed): the factory question.

Shared by the walker (same-module factories and decorators) and by the project resolver
(factories in other modules), so both answer it the same way.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass

DEFS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


@dataclass(frozen=True)
class ReturnSummary:
    """`kind` is "closure" when the function hands out a local function, lambda or class
    that pickle cannot find by name; "wrapped" when the local function copies the wrapped
    function's identity with functools.wraps; "" when nothing local escapes."""

    kind: str
    local_name: str = ""


def local_definitions(func: ast.AST) -> dict[str, ast.AST]:
    """Functions and classes defined directly in `func`'s body (nested blocks included), in order:
    a name the body itself (not a nested block) binds again to something else no longer holds the
    local one (`f = lambda x: x` then `f = helper`: `return f` hands out `helper`)."""
    found: dict[str, ast.AST] = {}
    _bind(getattr(func, "body", []), found, top=True)
    return found


def _bind(statements, found: dict, top: bool) -> None:
    for node in statements:
        if isinstance(node, DEFS):
            found[node.name] = node
            continue
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            for target in node.targets if isinstance(node, ast.Assign) else (node.target,):
                if isinstance(target, ast.Name):
                    if isinstance(node.value, ast.Lambda):
                        found[target.id] = node.value
                    elif top:
                        found.pop(target.id, None)
        _bind([c for c in ast.iter_child_nodes(node) if isinstance(c, ast.stmt)], found, top=False)


def _is_wraps(decorator: ast.expr) -> bool:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
    return name in ("wraps", "update_wrapper")


def _returns(func: ast.AST):
    stack = list(getattr(func, "body", []))
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Return) and node.value is not None:
            yield node
        if isinstance(node, (*DEFS, ast.Lambda)):
            continue
        stack.extend(c for c in ast.iter_child_nodes(node) if isinstance(c, ast.stmt))


def summarize_returns(func: ast.AST) -> ReturnSummary:
    if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return ReturnSummary("")
    local = local_definitions(func)
    for ret in _returns(func):
        value = ret.value
        if isinstance(value, ast.Call) and getattr(value.func, "id", getattr(value.func, "attr", "")) == "partial":
            value = value.args[0] if value.args else value
        if isinstance(value, ast.Lambda):
            return ReturnSummary("closure", "<lambda>")
        if isinstance(value, ast.Name) and value.id in local:
            definition = local[value.id]
            if isinstance(definition, ast.FunctionDef) and any(_is_wraps(d) for d in definition.decorator_list):
                return ReturnSummary("wrapped", value.id)
            return ReturnSummary("closure", value.id)
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in local:
            if isinstance(local[value.func.id], ast.ClassDef):
                return ReturnSummary("closure", value.func.id + "()")
    return ReturnSummary("")
