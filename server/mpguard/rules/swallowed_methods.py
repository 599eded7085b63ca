"""A set_start_method() that cannot change the method: it runs after the same code already fixed the method, and a
`try` around it swallows the RuntimeError ("context has already been set") it then raises.

Auto3D PR #100: `embed_isomers(...)` of another module maps over a default-context ProcessPoolExecutor (which
fixes the default method), then `try: mp.set_start_method("spawn") except RuntimeError: pass`; the later pool
still runs with the platform's default, fork on Linux up to 3.13. What fixes the method first, earlier in the
same function (or at the module's top before it): a pool or process of the default context made or started here,
`get_context()` / `get_start_method()` asked, or a call of another project module's function that starts
processes of the default context (its summary keeps no explicit method for it). Such a call is not the program's
choice of method (`RuleContext.global_method`)."""
from __future__ import annotations

import ast

from mpguard.resolve.project import effects_summary
from mpguard.semantic.conditions import catches


def swallowed(ctx, call) -> bool:
    """Is the set_start_method() call `call` (a StartMethodCall) one that fails and is swallowed?"""
    if call.force or call.conditional or not _swallows_runtime_error(ctx, call.node):
        return False
    where = call.where
    earlier = lambda w: w.function is where.function and w.order < where.order  # noqa: E731
    if any(earlier(c.where) and c.kind != "Thread" and c.method is None for c in ctx.facts.creations):
        return True
    if any(earlier(c.where) and (c.name == "get_start_method" and not c.allow_none
                                 or c.name == "get_context" and c.method is None) for c in ctx.facts.start_methods):
        return True
    return any(earlier(w) and ctx.imported_spawner(qualified, node) and _default_method(ctx, qualified)
               for node, qualified, _a, _k, w in ctx.facts.project_calls)


def _swallows_runtime_error(ctx, node) -> bool:
    """`node` is in the body of a `try` one of whose handlers catches RuntimeError and sets no method itself."""
    child, parent = node, ctx.parents.get(node)
    while parent is not None and not isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Module)):
        if isinstance(parent, ast.Try) and any(c is child for c in parent.body):
            handler = next((h for h in parent.handlers if catches(h, "RuntimeError")), None)
            return handler is not None and not any(
                isinstance(n, ast.Call) and isinstance(n.func, (ast.Attribute, ast.Name))
                and getattr(n.func, "attr", getattr(n.func, "id", None)) == "set_start_method" for n in ast.walk(handler))
        child, parent = parent, ctx.parents.get(parent)
    return False


def _default_method(ctx, qualified: str) -> bool:
    """The processes another module's function starts run with the default method (no explicit one kept)."""
    summary, name = effects_summary(ctx.resolver, qualified)
    methods = getattr(summary, "spawn_methods", None) or {}
    return summary is not None and methods.get(name, methods.get(f"{name}.__init__")) is None
