"""How a pickling finding (MP2xx) is reported: the problem as the boundary's serializer sees it, the library named in
the message, and where the finding sits (with a copy at the call that handed over a parameter's refused value)."""
from __future__ import annotations

import ast

from mpguard.semantic import values as V
from mpguard.semantic.boundaries import verdict
from mpguard.semantic.pickle_problems import Problem
from mpguard.semantic.platforms import ALL_METHODS
from mpguard.fixes.arguments import sync_in_task_fix
from mpguard.fixes.lift import callable_fix, move_above_guard_fix
from mpguard.fixes.refused import refused_value_fix
from mpguard.semantic.runtime_modules import RUNTIME_MEMBER


def not_fork(method: str) -> bool:
    return method != "fork"


def through(problem, serializer: str):
    """The problem as `serializer` sees it (semantic/boundaries.verdict): None when it accepts the value
    (cloudpickle and dill copy lambdas and closures; dill recreates thread locks)."""
    if problem is None or serializer == "pickle":
        return problem
    error = verdict(serializer, problem.kind, problem.error, problem.mode, problem.what)
    if error is None:
        return None
    return Problem(problem.kind, problem.what, error, problem.definition, problem.origin, problem.mode)


def library_label(obj) -> str:
    """` (pathos, sent with dill)`: the library whose process boundary it is, for the message."""
    boundary = getattr(obj, "boundary", None)
    library = boundary.library if boundary is not None else ("multiprocess" if obj.serializer == "dill" else None)
    return f" ({library}, sent with {obj.serializer})" if library else ""


def report_callable(ctx, problem, node, role, methods, fact, value=None, related_file=None, at_import=False) -> None:
    if problem is None or problem.kind == RUNTIME_MEMBER:  # (judged only as a pool task: rules/runtime_modules)
        return
    node, role, related = _relocated(ctx, value, ctx.pickler.callable_problem, node, role)
    report = _at_import_reporter(ctx) if at_import else with_origin_copy(ctx, related) if related else ctx.report
    if problem.kind == "unimported-main":
        report("MP209", node, f"{role} is a {problem.what}; a spawned child never imports "
               f"{ctx.unimported_main}, so it cannot find it: {problem.error}", methods, error=problem.error, related=related, related_file=related_file)
        return
    if problem.kind == "guard":
        report("MP202", node, f"{role} is a {problem.what}; a spawned child re-imports the module as "
               f"__mp_main__ without running that block: {problem.error}", methods,
               fix=move_above_guard_fix(ctx, problem.definition), error=problem.error, related=related, related_file=related_file)
        return
    why = "which pickle cannot find by name" if problem.kind in ("lambda", "local") else "which pickle refuses"
    # (a state problem of another module's class, which no lift can reach: the copyreg fix of fixes/refused.py)
    foreign = problem.kind == "state" and isinstance(problem.definition, ast.ClassDef) \
        and ctx.parents.get(problem.definition) is None
    fix = refused_value_fix(ctx, node, problem, False) if problem.kind == "state" and problem.origin is not None \
        or foreign else callable_fix(ctx, problem, fact)
    report("MP201", node, f"{role} is {problem.what}, {why}: {problem.error}",
           methods, fix=fix, error=problem.error, related=related, related_file=related_file)


def report_argument(ctx, problem, node, role, methods, value=None, related_file=None, at_import=False) -> None:
    if problem is None:
        return
    node, role, related = _relocated(ctx, value, lambda v: ctx.pickler.object_problem(v, False), node, role)
    report = _at_import_reporter(ctx) if at_import else with_origin_copy(ctx, related) if related else ctx.report
    if problem.kind == "unimported-main":
        report("MP209", node, f"{role} contain {problem.what}; a spawned child never imports "
               f"{ctx.unimported_main} to unpickle it: {problem.error}", methods, error=problem.error, related=related, related_file=related_file)
    elif problem.kind == "guard":
        report("MP202", node, f"{role} contain {problem.what}; "
               f"the child cannot unpickle it: {problem.error}", methods,
               fix=move_above_guard_fix(ctx, problem.definition), error=problem.error, related=related, related_file=related_file)
    elif problem.kind == "sync":
        report("MP204", node, f"{role} contain {problem.what}: {problem.error}", ALL_METHODS,
               fix=sync_in_task_fix(ctx, node), error=problem.error, related=related, related_file=related_file)
    elif problem.kind in ("lambda", "local") and not problem.what.startswith(("a lambda", "nested", "the closure")):
        report("MP203", node, f"{role} contain {problem.what}: {problem.error}", methods, error=problem.error,
               fix=refused_value_fix(ctx, node, problem, False), related=related, related_file=related_file)
    elif problem.kind in ("lambda", "local"):
        report("MP201", node, f"{role} contain {problem.what}, which pickle cannot find by name: "
               f"{problem.error}", methods, error=problem.error, fix=refused_value_fix(ctx, node, problem, False), related=related,
               related_file=related_file)
    else:
        report("MP203", node, f"{role} contain {problem.what}: {problem.error}", methods,
               fix=refused_value_fix(ctx, node, problem), error=problem.error,
               related=related, related_file=related_file)


def _at_import_reporter(ctx):
    """ctx.report for the copy of a finding placed at this module's import of the module where its hazard
    happens (RuleContext.report_at_origin): without the fix (the finding at the call carries it)."""
    def report(code, node, message, methods, fix=None, related_file=None, **extra):
        if related_file is not None:
            ctx.report_at_origin(code, node, message, methods, related_file, error=extra.get("error"))
    return report


def with_origin_copy(ctx, related):
    """ctx.report, and the same finding at the call of this module that handed the refused value to the
    parameter that crosses (`_relocated`'s origin: `parallel_count(acc.count, texts)` for a helper's
    `pool.map(func, texts)`), the crossing a related location: that call is where the value is chosen, and
    the corpora anchor either. The copy has no fix (the fix belongs to the crossing)."""
    ((origin, _text),) = related

    def report(code, node, message, methods, fix=None, **extra):
        ctx.report(code, node, message, methods, fix=fix, **extra)
        if origin is not node:
            ctx.report(code, origin, message, methods, error=extra.get("error"),
                       related=((node, "it crosses into the child process here"),))
    return report


def _relocated(ctx, value, judge, node, role):
    """A finding sits where the value crosses into the child; when the value came in through a
    parameter, the call that handed it over is its related location (and named in the message)."""
    if type(value) is not V.Param or not ctx.inside(node, value.function):
        return node, role, ()
    origin = origin_call(ctx, value, judge, 0)
    if origin is None:
        return node, role, ()
    return node, f"{role} (parameter `{value.name}`, given on line {origin.lineno})", \
        ((origin, f"`{value.name}` is given here"),)


def origin_call(ctx, param, judge, depth):
    from mpguard.semantic.flow import bind_argument, sites_of

    if depth > 4:
        return None
    for site in sites_of(ctx.facts.call_sites, param):
        raw = bind_argument(param.function, site, param, ctx.flow.resolve if depth else None)
        if type(raw) is V.Param:
            found = origin_call(ctx, raw, judge, depth + 1)
            if found is not None:
                return found
            continue
        if raw is not None and judge(raw) is not None:
            return site.call
    return None
