"""Where a task's refused result is made, when a helper of this module makes it (issue 12).

A task that returns `page_info(name, html)` sends back the dict `page_info` built, with the `re.Match` it
put there; the `return info` of `page_info` is where that value leaves the code that made it. MP207 is
reported at the task's own `return` (where the value crosses back) and, when the value holding the refused
object was returned by another function of this module that the task reaches, at that function's
`return` too (the deepest one on the way to the refused object), with the task's `return` as a related
location. The walker hands a call's returned value on as the same object, so a value the task returns is
matched to a helper's `return` by identity, never by shape.
"""
from __future__ import annotations

import ast

from mpguard.semantic import values as V

DEPTH = 4  # levels of containers followed from the returned value to the refused object
FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


def origin_return(ctx, task, value, refused: ast.AST | None):
    """The `return` statement of another function of this module, reachable from `task`, that returned the
    deepest value on the way from `value` (what the task returns) to the refused object (made at `refused`,
    or the unpicklable value itself when that is not known); None when the task itself made it."""
    path = _path_to(value, refused, 0, set())
    if not path:
        return None
    returns = _returns_by_value(ctx)
    reachable = None
    for held in reversed(path):  # deepest first
        for function, node in returns.get(id(held), ()):
            if function is task:
                continue
            if reachable is None:
                reachable = ctx.reachable([task])
            if function in reachable:
                return node
    return None


def _path_to(value, refused, depth: int, seen: set) -> list:
    """The values from `value` down to the refused object through items, options and fields, else []."""
    if value is None or depth > DEPTH or id(value) in seen:
        return []
    seen.add(id(value))
    node = getattr(value, "node", None)
    if (refused is not None and node is refused) or (refused is None and type(value) is V.Unpicklable):
        return [value]
    kind = type(value)
    inner = value.items if kind is V.Sequence else value.options if kind is V.Union else \
        list((value.fields or {}).values()) if kind is V.Instance else ()
    for item in inner or ():
        found = _path_to(item, refused, depth + 1, seen)
        if found:
            return [value, *found]
    return []


def _returns_by_value(ctx) -> dict:
    """id(value) -> [(function, return statement)] over every function of the module (once per module)."""
    known = ctx.memo.get("returns by value")
    if known is None:
        known = ctx.memo["returns by value"] = {}
        for function, info in ctx.facts.functions.items():
            if type(function) in FUNCS:
                for value, node in info.returns:
                    known.setdefault(id(value), []).append((function, node))
    return known
