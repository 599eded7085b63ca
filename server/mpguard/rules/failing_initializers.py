"""MP415: a pool's `initializer` that raises on every run (AutoGPT #9907: "Process initializer on the process
pool should never fail").

A worker runs its pool's initializer before any task. When it raises, the worker dies: a ProcessPoolExecutor is
then broken (`BrokenProcessPool` from the first `result()`), and a multiprocessing Pool starts a new worker that
dies the same way, forever, so every `get()` without a timeout waits for good (measured on fork, spawn and
forkserver: hundreds of initializer tracebacks in five seconds).

Reported only when the raise is certain: the initializer (a function of this module) reaches a `raise`, or a
call of a function of this module that always raises, on every path, with no `return`, loop or `try` before it
that could skip or stop it. A raise that depends on data (a health check that raises when a connection fails)
is not reported: whether it happens is not known here.
"""
from __future__ import annotations

import ast

from mpguard.semantic.platforms import ALL_METHODS
from mpguard.rules.registry import Rule, register

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
DEPTH = 4  # calls of the module's functions followed at most
POOL_ERROR = "the Pool replaces each dying worker forever; get() without a timeout never returns"
EXECUTOR_ERROR = ("concurrent.futures.process.BrokenProcessPool: A process in the process pool was terminated "
                  "abruptly while the future was running or pending.")

FAILING_INITIALIZER = register(Rule(
    "MP415", "initializer-always-raises",
    "A Pool's or executor's initializer raises on every run, so no worker ever takes a task",
    ALL_METHODS, {m: EXECUTOR_ERROR for m in ("fork", "spawn", "forkserver")},
    severity="error",
))


def failing_initializers(ctx) -> None:
    for child in ctx.children:
        creation = child.spawner
        if child.role != "initializer" or creation.kind not in ("Pool", "Executor") \
                or getattr(creation.value, "boundary", None) is not None:
            continue
        raised = _always_raises(ctx, child.definition.body, 0) if isinstance(child.definition, FUNCS) else None
        if raised is None:
            continue
        error = POOL_ERROR if creation.kind == "Pool" else EXECUTOR_ERROR
        ctx.report("MP415", creation.node, f"the initializer {child.definition.name}() raises on every run "
                   f"(line {raised.lineno}), so each worker dies before its first task: {error}", ALL_METHODS,
                   error=error, related=((raised, "raised here, in every worker"),))


def _always_raises(ctx, statements, depth: int):
    """The raise (or the call that always raises) every run of `statements` reaches; None when some run may
    leave, loop, catch or skip it."""
    for stmt in statements:
        if isinstance(stmt, ast.Raise):
            return stmt
        if isinstance(stmt, ast.If):
            body = _always_raises(ctx, stmt.body, depth)
            orelse = _always_raises(ctx, stmt.orelse, depth) if stmt.orelse else None
            if body is not None and orelse is not None:
                return body
        elif isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) and depth < DEPTH:
            callee = _callee(ctx, stmt.value)
            if callee is not None and _always_raises(ctx, callee.body, depth + 1) is not None:
                return stmt
        if _may_leave(stmt):
            return None
    return None


def _callee(ctx, call: ast.Call):
    """The function of this module a plain call `name(...)` runs (a module-level def), else None."""
    if not isinstance(call.func, ast.Name):
        return None
    found = [s for s in ctx.tree.body if isinstance(s, FUNCS) and s.name == call.func.id]
    return found[0] if len(found) == 1 else None


def _may_leave(stmt) -> bool:
    """May the statement end the run early or hide a raise after it: a return, a loop, a try, a with (its
    __exit__ may swallow), a yield (a generator initializer), or a def/class rebinding names."""
    if isinstance(stmt, (ast.Try, ast.With, ast.AsyncWith, ast.For, ast.AsyncFor, ast.While, *FUNCS, ast.ClassDef,
                         ast.Global, ast.Nonlocal)) or type(stmt).__name__ == "TryStar":
        return True
    return any(isinstance(n, (ast.Return, ast.Yield, ast.YieldFrom, ast.Break, ast.Continue))
               for n in ast.walk(stmt))
