"""MP201/MP203 for an object of another project module's class whose method starts `Process(target=self.<m>)`
(python-cluster #33, fresh_reports21 pycluster33): under spawn and forkserver `start()` pickles the bound method
with its object, and the object keeps what the caller gave its constructor. The class's summary names, per method,
the constructor parameters that are pickled so (`ModuleSummary.bound_state`, linter/bound_state: also through a
second class the method builds from what the object keeps); here the call of that method on an object built in this
module finds the construction call (`facts.receivers`) and judges what it passed there. Reported at the method call
(the object crosses into the child when it runs), with the construction call as a related location.
"""
from __future__ import annotations

import ast

from mpguard.resolve.project import function_summary
from mpguard.rules.imported_process import KEPT_KINDS, inherited_init
from mpguard.semantic import values as V
from mpguard.semantic.flow import CallSite, bind_argument
from mpguard.semantic.start_tests import holds
from mpguard.text.findings import RelatedFile

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)

ROLE_KINDS = {kind: code for kind, code in KEPT_KINDS.items() if kind != "guard"}


def bound_target_state(ctx, not_fork) -> None:
    receivers = ctx.facts.receivers
    if not receivers:
        return
    built = {id(call): (call, args, kwargs, where) for call, _q, args, kwargs, where in ctx.facts.project_calls}
    reported: set = set()
    for call, qualified, _args, _kwargs, _where in ctx.facts.project_calls:
        instance = receivers.get((id(call), qualified))
        made = built.get(id(instance.node)) if type(instance) is V.Returned else None
        if made is None or id(call) in reported:
            continue
        summary, name = function_summary(ctx.resolver, instance.qualified)
        method = qualified.rpartition(".")[2]
        entries = getattr(summary, "bound_state", {}).get(f"{name}.{method}", ()) if summary is not None else ()
        init = inherited_init(summary, name) if entries else None
        if init is None:
            continue
        site = CallSite(made[0], made[1], made[2], True, made[3])
        for param, line, start_method, condition in entries:
            if not _started(ctx, condition, init, site, summary, name, method, call):
                continue
            value = bind_argument(init, site, V.Param(made[0], init, param, "positional"), ctx.flow.resolve)
            problem = ctx.pickler.object_problem(value, pool_task=False) if value is not None else None
            if problem is None or problem.kind not in ROLE_KINDS:
                continue
            methods = ctx.breaks(start_method, not_fork)
            if not methods:
                continue
            reported.add(id(call))
            module = instance.qualified.rpartition(".")[0]
            ctx.report(ROLE_KINDS[problem.kind], call, f"`{name}.{method}()` (from {module}) starts a Process whose "
                       f"target is a bound method of an object that keeps the constructor's `{param}`; under spawn "
                       f"and forkserver start() pickles the object, and `{param}` is {problem.what} here: "
                       f"{problem.error}", methods, error=problem.error,
                       related=((made[0], f"`{param}` is passed here"),),
                       related_file=RelatedFile(summary.path, line, "the Process is started here"))
            break


def _started(ctx, condition, init, site, summary, name: str, method: str, call) -> bool:
    """Does the Process surely start for these arguments: no condition, or the constructor's (or the method
    call's) argument the condition tests is a literal that satisfies it (a parameter left to its default: the
    default's literal). Anything else is not known: nothing is said."""
    if condition is None:
        return True
    scope, param = condition[0], condition[1]
    if scope == "init":
        function, node = init, site.call
    else:
        cls = summary.definitions.get(name)
        function = next((f for f in getattr(cls, "body", ()) if isinstance(f, FUNCS) and f.name == method), None)
        node = call
    given = _literal(function, node, param) if function is not None else NOT_KNOWN
    return given is not NOT_KNOWN and holds(condition, given) is True


NOT_KNOWN = object()


def _literal(function, call: ast.Call, param: str):
    """The literal `call` binds to the parameter `param` of the method `function` (called on an object: its
    first parameter is not passed), or its default's; NOT_KNOWN for anything else."""
    if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
        return NOT_KNOWN
    params = [a.arg for a in function.args.args[1:]]
    given = next((k.value for k in call.keywords if k.arg == param), None)
    if given is None and param in params and params.index(param) < len(call.args):
        given = call.args[params.index(param)]
    if given is None and param in params:
        defaults = function.args.defaults
        at = params.index(param) - (len(params) - len(defaults))
        given = defaults[at] if at >= 0 else None
    try:
        return ast.literal_eval(given) if given is not None else NOT_KNOWN
    except (ValueError, TypeError, SyntaxError, RecursionError):
        return NOT_KNOWN
