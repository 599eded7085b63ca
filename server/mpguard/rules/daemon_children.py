"""Which process starts a daemonic process may make (MP413). multiprocessing's own Process.start asserts
`not _current_process._config.get('daemon')`; billiard's does not (billiard PR #187): a billiard Pool or
Process started in a Pool worker, a daemon Process or a Celery prefork worker runs. The catalog says which
package's objects are so (boundaries.json "daemon_children"); a function whose every start is one of them
starts no refused child, itself or through the functions and project helpers it calls."""
from __future__ import annotations

from mpguard.resolve.project import effects_summary
from mpguard.semantic.boundaries import daemon_children_allowed


def allowed_object(obj) -> bool:
    """A Process or Pool whose package may start it in a daemonic process (`billiard.Pool(2)`)."""
    return daemon_children_allowed(getattr(obj, "package", "") or "", getattr(obj, "kind", ""))


def _refused_directly(ctx) -> set:
    """Functions with a start of their own that a daemonic process refuses (or that is not known to be
    allowed: a submit to a pool made elsewhere, a start through a parameter, another module's helper that
    starts refused processes)."""
    out = set()
    for start in ctx.facts.starts:
        if start.obj.kind != "Thread" and not allowed_object(start.obj):
            out.add(start.where.function)
    for creation in ctx.facts.creations:
        if creation.kind in ("Pool", "Manager") and not allowed_object(creation.value):
            out.add(creation.where.function)
    for submit in ctx.facts.submits:
        if not allowed_object(submit.pool):
            out.add(submit.where.function)
    out.update(function for function, _node, _condition, _method in ctx.facts.param_spawns)
    for call, qualified, _a, _k, where in ctx.facts.project_calls:
        if ctx.imported_spawner(qualified, call) and not imported_allowed(ctx, qualified):
            out.add(where.function)
    return out


def refusing_functions(ctx) -> set:
    """The spawning functions that may reach a start a daemonic process refuses (propagated to callers
    once over the module's call graph: linear)."""
    memo = ctx.memo
    if "daemon refusing" not in memo:
        spawning = ctx.spawning_functions
        refused = {f for f in _refused_directly(ctx) if f in spawning}
        callers: dict = {}
        for func in spawning:
            for callee in ctx.callees(func):
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
