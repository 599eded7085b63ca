"""Which process starts a daemonic process may make (MP413). multiprocessing's own Process.start asserts
`not _current_process._config.get('daemon')`; billiard's does not (billiard PR #187): a billiard Pool or
Process started in a Pool worker, a daemon Process or a Celery prefork worker runs. The catalog says which
package's objects are so (boundaries.json "daemon_children"); a function whose every start is one of them
starts no refused child, itself or through the functions and project helpers it calls.

The refusal is an AssertionError raised by the start: a start (or a call of a function that makes one) inside a
`try` of its function whose handler catches it (`except AssertionError`, or a bare / `Exception` /
`BaseException` one) and does not raise it again nor pass the caught error on is handled there, as surya PR
#182 falls back to a ThreadPoolExecutor when the process pool fails (`refusal_caught`). So is a function that asks
`current_process().daemon` before it starts them (`checks_daemon`)."""
from __future__ import annotations

import ast

from mpguard.resolve.project import effects_summary
from mpguard.semantic.boundaries import daemon_children_allowed
from mpguard.semantic.handlers import stopping_handler
from mpguard.semantic.index import nodes_in

REFUSAL = frozenset({"AssertionError"})  # what Process.start raises in a daemonic process


def allowed_object(obj) -> bool:
    """A Process or Pool whose package may start it in a daemonic process (`billiard.Pool(2)`)."""
    return daemon_children_allowed(getattr(obj, "package", "") or "", getattr(obj, "kind", ""))


def refusal_caught(ctx, node) -> bool:
    """Is the AssertionError a daemonic process's start raises at `node` handled in its function: a handler
    that catches it, does not raise it again and does not pass the error on (the function falls back, or gives
    up quietly: it does not fail)? A handler that hands the caught exception to anything but a log call
    (`out.put(str(exc))`, `return exc`) reports the failure: the start still fails, so that is not handled."""
    handler = stopping_handler(node, REFUSAL, ctx.parents)
    return handler is not None and not _passes_on(handler)


LOG_CALLS = frozenset({"debug", "info", "warning", "warn", "error", "exception", "critical", "log"})


def _passes_on(handler: ast.ExceptHandler) -> bool:
    """Does the handler read its `as` name outside the arguments of a log call (`logger.warning("...: %s", e)`
    is a fallback's note; `out.put(str(exc))` or `return exc` gives the failure to someone)?"""
    if handler.name is None:
        return False
    logged = set()
    for node in nodes_in(handler):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", None)) in LOG_CALLS:
            logged.update(id(part) for part in nodes_in(node))
    return any(isinstance(node, ast.Name) and node.id == handler.name and isinstance(node.ctx, ast.Load)
               and id(node) not in logged for node in nodes_in(handler))


def checks_daemon(func, ctx=None) -> bool:
    """`if multiprocessing.current_process().daemon: return`: the function asks before it spawns, also
    through a flag (`in_daemon = current_process().daemon` ... `if in_daemon or small: return ...`). With `ctx`,
    a method also counts when another method of its class asks (tkp's Runner: `__init__` switches to serial
    in a daemonic process, and `map()` returns before it makes the Pool)."""
    if ctx is not None:
        cls = ctx.parents.get(func)
        if isinstance(cls, ast.ClassDef):
            return any(checks_daemon(f) for f in cls.body if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef)))
    flags = {node.targets[0].id for node in nodes_in(func) if isinstance(node, ast.Assign) and len(node.targets) == 1
             and isinstance(node.targets[0], ast.Name) and any(asks_daemon(part) for part in nodes_in(node.value))}
    for node in nodes_in(func):
        if isinstance(node, ast.If):
            for part in nodes_in(node.test):
                if asks_daemon(part) or isinstance(part, ast.Name) and part.id in flags:
                    return True
    return False


def asks_daemon(node) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "daemon" and isinstance(node.value, ast.Call) \
        and getattr(node.value.func, "attr", getattr(node.value.func, "id", "")) == "current_process"


def refusal_reach(ctx, root) -> set:
    """The functions `root` reaches by calls whose refusal it would see fail: not through a call whose handler
    handles it (`refusal_caught`), nor past a function that asks `current_process().daemon` (memoised per root)."""
    memo = ctx.memo.setdefault("daemon reach", {})
    if root not in memo:
        seen, stack = set(), [root]
        while stack:
            func = stack.pop()
            if func in seen:
                continue
            seen.add(func)
            info = ctx.facts.functions.get(func)
            if info is None or checks_daemon(func, ctx):
                continue
            for value, call, _where in info.calls:
                if not refusal_caught(ctx, call):
                    stack.extend(ctx.definitions_of(value))
        memo[root] = seen
    return memo[root]


def handled_in_daemon(ctx, func) -> bool:
    """Does `func` (a spawning function of this module) start no child a daemonic process refuses that its
    caller would see fail: it asks `current_process().daemon`, or every refused start it reaches is caught?"""
    return checks_daemon(func, ctx) or func not in refusing_functions(ctx)


def _refused_directly(ctx) -> set:
    """Functions with a start of their own that a daemonic process refuses (or that is not known to be
    allowed: a submit to a pool made elsewhere, a start through a parameter, another module's helper that
    starts refused processes)."""
    out = set()
    for start in ctx.facts.starts:
        if start.obj.kind != "Thread" and not allowed_object(start.obj) and not refusal_caught(ctx, start.node):
            out.add(start.where.function)
    for creation in ctx.facts.creations:
        if creation.kind in ("Pool", "Manager") and not allowed_object(creation.value) \
                and not refusal_caught(ctx, creation.node):
            out.add(creation.where.function)
    for submit in ctx.facts.submits:
        if not allowed_object(submit.pool) and not refusal_caught(ctx, submit.node):
            out.add(submit.where.function)
    out.update(function for function, node, _condition, _method in ctx.facts.param_spawns
               if not refusal_caught(ctx, node))
    for call, qualified, _a, _k, where in ctx.facts.project_calls:
        if ctx.imported_spawner(qualified, call) and not imported_allowed(ctx, qualified) \
                and not refusal_caught(ctx, call):
            out.add(where.function)
    return {f for f in out if f is None or not checks_daemon(f, ctx)}


def refusing_functions(ctx) -> set:
    """The spawning functions that may reach a start a daemonic process refuses, uncaught (propagated to
    callers once over the module's call graph, not through a call whose handler catches the refusal, nor
    into a caller that asks `current_process().daemon`: linear)."""
    memo = ctx.memo
    if "daemon refusing" not in memo:
        spawning = ctx.spawning_functions
        refused = {f for f in _refused_directly(ctx) if f in spawning}
        callers: dict = {}
        for func in spawning:
            if checks_daemon(func, ctx):
                continue
            info = ctx.facts.functions.get(func)
            for value, call, _where in info.calls if info is not None else ():
                if not refusal_caught(ctx, call):
                    for callee in ctx.definitions_of(value):
                        callers.setdefault(callee, []).append(func)
        todo = list(refused)
        while todo:
            for caller in callers.get(todo.pop(), ()):
                if caller not in refused:
                    refused.add(caller)
                    todo.append(caller)
        memo["daemon refusing"] = refused
    return memo["daemon refusing"]


def allowed_in_daemon(ctx, function) -> bool:
    """Does `function` start processes, and only ones a daemonic process may start?"""
    return function in ctx.spawning_functions and function not in refusing_functions(ctx)


def imported_allowed(ctx, qualified: str) -> bool:
    """Does the spawning helper `qualified` of another project module start only processes a daemonic process
    may start (its summary's `daemon_allowed`)?"""
    summary, name = effects_summary(ctx.resolver, qualified)
    allowed = getattr(summary, "daemon_allowed", None) or ()
    return name in allowed or f"{name}.__init__" in allowed


def imported_refused(ctx, qualified: str, call=None) -> bool:
    """A spawning helper of another project module that may start a process a daemonic process refuses."""
    return ctx.imported_spawner(qualified, call) and not imported_allowed(ctx, qualified)
