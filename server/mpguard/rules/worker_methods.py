"""MP208/MP207 for a class the caller hands to another project module's pool helper, whose initializer builds the
worker object from it and whose tasks call its method (processpool-python #5: `ProcessPool(DatapointsWorker, 2)`,
the job `_run_job` returning `_worker.run(*args)`; `DatapointsWorker.run` raises an exception holding a lambda, which
the worker cannot send back). The helper's summary names the parameter and the method (a sink of role
"worker-method", linter/worker_objects.py); here the class (or object) the caller passes is followed to that method,
and what it raises and returns is judged as a task's own (`judge`: rules/task_results.unsendable_raises)."""
from __future__ import annotations

import ast

from mpguard.rules.sink_arguments import FUNCS, handed_values
from mpguard.semantic import values as V
from mpguard.semantic.worker_objects import worker_methods
from mpguard.text.findings import RelatedFile


def check(ctx, judge) -> None:
    """`judge(method)`: [(raise node, message, error, fix)] of what the method raises that pickle cannot send back."""
    reported = set()
    for given, creation, name, call in worker_methods(ctx.facts, ctx.tree):  # the pool is this module's own
        if type(given) is V.Param:
            continue  # (the callers' class: judged in their module, through this module's summary)
        method = _method(ctx, ctx.flow.resolve(given), name)
        for node, message, error, fix in (judge(method) if method is not None else [])[:1]:
            if id(node) not in reported:
                reported.add(id(node))
                ctx.report("MP208", node, f"{_shown(ctx, method)} runs in a pool worker: the pool's initializer "
                           f"builds each worker's object from it, and the task calls .{name}() (line {call.lineno}); "
                           f"{message}", ctx.under_every_method(creation.method), error=error, fix=fix,
                           related=((creation.node, "the pool is made here"), (call, f"the task calls .{name}() here")))
    for call, qualified, name, summary, sink, value in handed_values(ctx, "worker-method"):
        module = qualified[:-len(name) - 1] if qualified.endswith(f".{name}") else qualified.rpartition(".")[0]
        method = _method(ctx, value, sink.calls)
        found = judge(method) if method is not None else []
        for node, message, error, fix in found[:1]:
            if id(node) in reported:
                continue  # (several calls handing over the class: one finding at its raise)
            reported.add(id(node))
            shown = _shown(ctx, method)
            # at the raise, as for a task of this module: the class's own code sends it back
            ctx.report("MP208", node, f"{shown} runs in a pool worker: {qualified}() (line {call.lineno}) builds "
                       f"each worker's object from `{sink.param}`, and its task calls .{sink.calls}() (line "
                       f"{sink.line} of {module}); {message}", ctx.under_every_method(sink.method), error=error, fix=fix,
                       related=((call, f"handed to {qualified}() here"),),
                       related_file=RelatedFile(summary.path, sink.line, f"the task calls .{sink.calls}() here"))


def _shown(ctx, method) -> str:
    return f"{getattr(ctx.parents.get(method), 'name', '?')}.{method.name}()"


def _method(ctx, value, name: str):
    """The definition of method `name` of the class `value` is (or of the class of the object it is), a class of
    this module; None for anything else or several."""
    if type(value) is V.Callable and type(value.definition) is ast.ClassDef and value.kind == "module":
        cls = value.definition
    elif type(value) is V.Instance and value.cls is not None and type(value.cls.definition) is ast.ClassDef:
        cls = value.cls.definition
    else:
        return None
    for c in ctx.facts.lineage(cls):
        found = next((f for f in c.body if isinstance(f, FUNCS) and f.name == name), None)
        if found is not None:
            return found
    return None
