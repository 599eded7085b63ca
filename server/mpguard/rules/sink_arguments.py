"""What the calls of this module hand to a parameter another project module's function keeps for a child (a
sink of its summary, linter/*: "worker-method", "caught-sent", ...): for each such call and sink, the value the
call binds to that parameter. Shared by the rules that follow a handed-over class or function into the helper's
child (rules/worker_methods, rules/worker_loop_sends)."""
from __future__ import annotations

import ast

from mpguard.resolve.project import effects_summary
from mpguard.semantic import values as V
from mpguard.semantic.flow import CallSite, bind_argument
from mpguard.semantic.param_guards import reached, sink_key, summary_function

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


def handed_values(ctx, role: str, summary_of=effects_summary, follows=None, reached_only: bool = False):
    """(call, qualified name, its summary, sink, resolved value or None) for each project call whose callee (a
    function, a method, or a class through its __init__) keeps a parameter in a sink of `role`.
    `summary_of(resolver, qualified)`: effects_summary (sinks only, not built for a module that names no process
    API) or function_summary (the whole one). `follows(args, kwargs, where)`: which calls to look at, before
    their summary is read. `reached_only`: leave out a sink under a condition this call's arguments do not reach
    (`if workers > 1:` around the submit, and the call passes 1)."""
    if ctx.resolver is None:
        return
    for call, qualified, args, kwargs, where in ctx.facts.project_calls:
        if follows is not None and not follows(args, kwargs, where):
            continue
        summary, name = summary_of(ctx.resolver, qualified)
        sinks = [s for s in summary.sinks.get(name) or () if s.role == role] if summary is not None else []
        if not sinks:
            continue
        definition, bound = summary_function(summary, name)  # (a class: its __init__)
        if not isinstance(definition, FUNCS):
            continue
        site = CallSite(call, args, kwargs, bound, where)
        for sink in sinks:
            if reached_only:
                under = summary.guards.get(sink_key(name, sink.line))
                if under is not None and not reached(under, definition, ctx.as_read(call), bound):
                    continue
            value = bind_argument(definition, site, V.Param(call, definition, sink.param, sink.kind), ctx.flow.resolve)
            yield call, qualified, name, summary, sink, ctx.flow.resolve(value) if value is not None else None


def hands_pool(ctx, args, kwargs) -> bool:
    """Does a call give a process pool (a multiprocessing Pool or a process pool executor, a library's too) as one
    of its arguments? A function given its pool need not name a process API, which the quick test of
    effects_summary looks for: the caller reads its whole summary then."""
    for _expr, value in [*args, *kwargs.values()]:
        value = ctx.flow.resolve(value) if value is not None else None
        for option in value.options if type(value) is V.Union else (value,):
            if type(option) is V.MPObject and option.kind in ("Pool", "Executor"):
                return True
    return False
