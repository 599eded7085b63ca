"""What the calls of this module hand to a parameter another project module's function keeps for a child (a
sink of its summary, linter/*: "worker-method", "caught-sent", ...): for each such call and sink, the value the
call binds to that parameter. Shared by the rules that follow a handed-over class or function into the helper's
child (rules/worker_methods, rules/worker_loop_sends)."""
from __future__ import annotations

import ast

from mpguard.resolve.project import effects_summary
from mpguard.semantic import values as V
from mpguard.semantic.flow import CallSite, bind_argument
from mpguard.semantic.param_guards import summary_function

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


def handed_values(ctx, role: str):
    """(call, qualified name, its summary, sink, resolved value or None) for each project call whose callee (a
    function, a method, or a class through its __init__) keeps a parameter in a sink of `role`."""
    if ctx.resolver is None:
        return
    for call, qualified, args, kwargs, where in ctx.facts.project_calls:
        summary, name = effects_summary(ctx.resolver, qualified)
        sinks = [s for s in summary.sinks.get(name, ()) if s.role == role] if summary is not None else []
        if not sinks:
            continue
        definition, bound = summary_function(summary, name)  # (a class: its __init__)
        if not isinstance(definition, FUNCS):
            continue
        site = CallSite(call, args, kwargs, bound, where)
        for sink in sinks:
            value = bind_argument(definition, site, V.Param(call, definition, sink.param, sink.kind), ctx.flow.resolve)
            yield call, qualified, name, summary, sink, ctx.flow.resolve(value) if value is not None else None
