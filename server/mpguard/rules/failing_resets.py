"""A set_start_method() inside a `try` that always fails because the module already set the method at import
(ExTrack #6: `set_start_method("fork")` at the top, and again in `_fork_pool_available()`, whose `except
RuntimeError:` warns and returns False, so the fit always runs serially).

After a module-level `set_start_method(...)` that runs on every import (at the top, or in a top-level `try`),
the method is set in every process that imported the module: by that call, or before it (its RuntimeError is the
proof). A later call without `force=True` then always raises "context has already been set". Alone, `try:
set_start_method(...) except RuntimeError: pass` is the tolerant idiom (silent); but when the `try` has more to
do after the call (`return True`, building a pool), that part never runs and the handler always does: reported."""
from __future__ import annotations

import ast

from mpguard.semantic.conditions import catches

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


def set_at_every_import(ctx, call) -> bool:
    """Is the set_start_method() `call` (a StartMethodCall) a module-level statement that runs on every import:
    at the top or in the body of a top-level `try`, with no `if`, loop, `with` or main guard around it?"""
    if call.name != "set_start_method" or call.force or call.conditional or call.where.function is not None:
        return False
    child, parent = call.node, ctx.parents.get(call.node)
    while parent is not None and not isinstance(parent, ast.Module):
        if isinstance(parent, ast.Try):
            if not any(child is stmt for stmt in parent.body):
                return False
        elif isinstance(parent, ast.stmt) and not isinstance(parent, (ast.Expr, ast.Assign)):
            return False
        child, parent = parent, ctx.parents.get(parent)
    return parent is not None


def skipped_after(ctx, node):
    """(the first statement that never runs, the handler that always does) when `node` (a call that always
    raises RuntimeError) is in the body of a `try` of its function that catches it and has more to run after
    the call's statement (in the body, or an `else:`); else None."""
    child, parent = node, ctx.parents.get(node)
    while parent is not None and not isinstance(parent, (*FUNCS, ast.Module)):
        if isinstance(parent, ast.Try) and any(child is stmt for stmt in parent.body):
            handler = next((h for h in parent.handlers if catches(h, "RuntimeError")), None)
            if handler is None:
                return None
            rest = parent.body[parent.body.index(child) + 1:] + parent.orelse
            return (rest[0], handler) if rest else None
        child, parent = parent, ctx.parents.get(parent)
    return None


def always_failing(ctx, call, calls):
    """(the import-time call, the statement never run, the handler always run) for a set_start_method() `call` in
    a function of a module that sets the method at every import (`calls`: the module's StartMethodCalls)."""
    if call.force or call.conditional or call.where.function is None:
        return None
    first = next((c for c in calls if c is not call and set_at_every_import(ctx, c)), None)
    if first is None:
        return None
    skipped = skipped_after(ctx, call.node)
    return (first.node, *skipped) if skipped is not None else None
