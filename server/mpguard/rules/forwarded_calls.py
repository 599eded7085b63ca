"""What this module hands to a function of another project module that gives it to a child there (a Process target
or argument, a pool task or initializer): judged here, at the call, with the child's start method and serializer."""
from __future__ import annotations

import ast

from mpguard.resolve.project import STDLIB, effects_summary, function_summary, results_summary
from mpguard.semantic import values as V
from mpguard.semantic.param_guards import reached, sink_key, summary_function
from mpguard.semantic.pickle_problems import Problem
from mpguard.semantic.registries import registered_item
from mpguard.semantic.foreign_methods import method_at, overridden_below
from mpguard.rules.raised_elsewhere import imported_raises
from mpguard.text.findings import RelatedFile
from mpguard.rules.pickle_reports import not_fork, through, report_callable, report_argument
from mpguard.rules.task_results import report_raised_at_origin
from mpguard.rules.context_mismatch import forwarded_context_mismatch
from mpguard.rules.sink_arguments import hands_pool
from mpguard.rules.rebuilt_copies import PICKLED_COPIES, reported_copy


ROLES = {"target": "the Process target", "args": "a Process argument", "initializer": "the pool initializer",
         "initargs": "an argument of the pool initializer", "task": "a pool task", "task-args": "a pool task argument"}


def check_forwarded_calls(ctx) -> None:
    """A value handed to a function of another project module that passes it on to a child process
    (`launcher.launch(target=make_reporter(...))`): judged where it leaves this module."""
    from mpguard.semantic.flow import CallSite, bind_argument, element

    for call, qualified, args, kwargs, where in ctx.facts.project_calls:
        if qualified.partition(".")[0] in STDLIB:
            continue  # the standard library is never project code
        summary, name = effects_summary(ctx.resolver, qualified)  # (sinks only: not built when there can be none)
        if summary is None and hands_pool(ctx, args, kwargs):
            # a module naming no process API may still submit to the pool this call gives it (`def execute(self,
            # pool): pool.submit(self.run_local)`): the quick test of effects_summary cannot see that
            summary, name = function_summary(ctx.resolver, qualified)
        sinks = summary.sinks.get(name) if summary is not None else None
        # a function, a class (its __init__ takes the arguments) or a method called (`ex.map(f, xs)`)
        definition, bound = summary_function(summary, name) if sinks else (None, False)
        if not isinstance(definition, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        method = "." in name
        site = CallSite(call, args, kwargs, bound, where)
        overridden = _overridden(ctx, call, qualified) if method else None
        for sink in sinks:
            if sink.role not in ROLES:
                continue  # ("daemon-run": what it runs, not what it pickles: rules/daemon_handover)
            if overridden is not None and method_at(overridden[0], sink.line) in overridden[1]:
                continue  # (made in a method the caller's subclass overrides: its own runs instead)
            under = summary.guards.get(sink_key(name, sink.line))
            if under is not None and not reached(under, definition, ctx.as_read(call), bound):
                continue  # (`if workers > 1:` around the crossing, and this call passes 1)
            if getattr(sink, "pool", None) is not None \
                    and not _given_process_pool(ctx, summary, name, call, qualified, sink.pool):
                continue  # (a method submitting to the pool its object was made with: a thread pool, or unknown)
            method = sink.method
            if getattr(sink, "receiver", None) is not None:  # the pool this call gives the function
                method = _given_pool(ctx, definition, site, call, sink.receiver)
                if method is False:
                    continue
            if sink.calls and sink.role == "task":  # `pool.submit(self.run_local)`, `executor.submit(self._black_box)`
                on = CallSite(call, args, kwargs, bound, where, ctx.facts.receivers.get((id(call), qualified)))
                value = bind_argument(definition, on, V.Param(call, definition, sink.param, sink.kind), ctx.flow.resolve)
                value = V.BoundMethod(call, value, sink.calls) if type(value) is V.Returned else None
            else:
                value = bind_argument(definition, site, V.Param(call, definition, sink.param, sink.kind),
                                      ctx.flow.resolve)
            if getattr(sink, "context", None) is not None:  # made by the context the caller gives
                method = _given_context(ctx, definition, site, call, sink.context)
                if method is False:
                    continue
            registered = None
            if getattr(sink, "registry", None) is not None:  # the caller's key picks a registry's item
                registered = registered_item(sink.registry, value, _registering_modules(
                    ctx, summary, qualified[:len(qualified) - len(name) - 1], sink.registry), ctx.resolver,
                    ctx.flow.resolve)
                if registered is None:
                    continue
            if getattr(sink, "key", None) is not None:  # forwarded through `**options`: that keyword alone
                value = keyword_value(value, sink.key)
            if getattr(sink, "items", False):  # each item crosses (`for step in steps: ex.submit(f, step)`)
                value = element(ctx.flow.resolve(value)) if value is not None else None
            callable_role = sink.role in ("target", "initializer", "task")
            problem = Problem(*registered) if registered is not None \
                else ctx.pickler.callable_problem(value) if callable_role \
                else ctx.pickler.object_problem(value, pool_task=sink.role == "task-args")
            problem = through(problem, getattr(sink, "serializer", "pickle"))  # a summary cached before the field
            if sink.role in ("args", "initargs") and not getattr(sink, "items", False):
                forwarded_context_mismatch(ctx, call, ctx.flow.resolve(value) if value is not None else None,
                                           qualified, sink, summary.path)
            if problem is None and sink.role == "task" and getattr(sink, "serializer", "pickle") == "pickle":
                _forwarded_task_raises(ctx, call, value, qualified, sink)
            if problem is None and getattr(sink, "serializer", "pickle") == "pickle" and sink.role in PICKLED_COPIES:
                reported_copy(ctx, call, value, sink, summary.path, qualified,
                              ctx.under_every_method(method) if sink.role.startswith("task")
                              else ctx.breaks(method, not_fork))
            if problem is None or problem.kind == "sync" and sink.role != "task-args":
                continue
            methods = ctx.under_every_method(method) if sink.role.startswith("task") \
                else ctx.breaks(method, not_fork)
            module = qualified[:len(qualified) - len(name) - 1]  # (name: "func", or "Class.method")
            shown = f"`{sink.key}` (through `**{sink.param}`)" if getattr(sink, "key", None) \
                else f"the item `{sink.param}` names in {sink.registry}" if registered is not None \
                else f"`{sink.param}.{sink.calls}` (a method of the object it is called on)" if sink.calls and sink.role == "task" \
                else f"`{sink.param}`"
            role = f"{shown}, which {qualified}() makes {ROLES[sink.role]} (line {sink.line} of {module}),"
            related_file = RelatedFile(summary.path, sink.line, f"`{sink.param}` of {qualified.rpartition('.')[2]}() "
                                       "crosses into the child process here",
                                       # a function hands it to the child while this call runs: the hazard happens
                                       # there; a class only keeps it, and this module's later start() sends it,
                                       # unless a method of the class submits it as a task there (`run()`)
                                       # (a pool starts its workers when it is made: its initargs leave there)
                                       site=not bound or bool(method) or sink.role.startswith("task")
                                       or sink.role == "initargs")
            for at_import in (False, True) if related_file.site else (False,):
                # (where the hazard happens in the helper: also at this module's import of it, linter-local)
                if callable_role:
                    report_callable(ctx, problem, call, role, methods, None, related_file=related_file,
                                    at_import=at_import)
                else:
                    report_argument(ctx, problem, call, role, methods, related_file=related_file, at_import=at_import)
            break  # one finding per call


def _overridden(ctx, call, qualified: str):
    """(the ClassDef of the base whose method `qualified` the call runs, the names its subclasses below define) when
    the call's object is of a subclass of another class (semantic/foreign_methods), else None."""
    receiver = ctx.facts.receivers.get((id(call), qualified))
    owner = qualified.rpartition(".")[0]
    if type(receiver) is not V.Returned or not receiver.qualified or receiver.qualified == owner:
        return None
    names = overridden_below(ctx.resolver, receiver.qualified, owner)
    found = ctx.resolver.class_definition(owner) if hasattr(ctx.resolver, "class_definition") else None
    return (found[0], names) if names and found is not None else None


def _given_pool(ctx, definition, site, call, param: str):
    """The start method of the process pool a call gives for `param` (a parameter whose `.submit(...)` or `.map(...)`
    the function calls): None for the default context's, a method name; False when it is not surely a
    multiprocessing Pool or ProcessPoolExecutor of one start method (a thread pool, a library's, unknown)."""
    from mpguard.semantic.flow import bind_argument

    value = ctx.flow.resolve(bind_argument(definition, site, V.Param(call, definition, param), ctx.flow.resolve))
    options = value.options if type(value) is V.Union else (value,)
    if not options or not all(type(o) is V.MPObject and o.kind in ("Pool", "Executor") and o.boundary is None
                              for o in options):
        return False
    methods = {o.method for o in options}
    return methods.pop() if len(methods) == 1 and "unknown" not in methods else False


def _given_context(ctx, definition, site, call, param: str):
    """The start method of the context a call gives for `param` (a parameter whose `.Process(...)` the function
    makes): None for the default context, a method name; False when it cannot be told (any option not a
    context, contexts of two methods, a method read at run time). An option None makes no process (the helper
    runs without them) and is left out."""
    from mpguard.semantic.flow import bind_argument

    value = ctx.flow.resolve(bind_argument(definition, site, V.Param(call, definition, param), ctx.flow.resolve))
    methods = set()
    for option in value.options if type(value) is V.Union else (value,):
        if type(option) is V.Constant and isinstance(option.node, ast.Constant) and option.node.value is None:
            continue
        if type(option) is V.Context and not option.elsewhere:
            methods.add(option.method)
        elif type(option) is V.Returned:
            methods |= _returned_context(ctx, option)
        else:
            return False
    return methods.pop() if len(methods) == 1 and "unknown" not in methods and False not in methods else False


def _returned_context(ctx, value: V.Returned) -> set:
    """The start methods of the contexts a call of another project module's function returns for the arguments
    this call gives (`ModuleSummary.contexts`: each return under its parameter conditions; an argument the flow
    resolves to a constant counts as that literal); {False} when that function is not known to return contexts."""
    summary, name = results_summary(ctx.resolver, value.qualified)
    entries = getattr(summary, "contexts", {}).get(name) if summary is not None else None
    definition, bound = summary_function(summary, name) if entries else (None, False)
    if not entries or not isinstance(value.node, ast.Call) or not isinstance(definition, (ast.FunctionDef,
                                                                                          ast.AsyncFunctionDef)):
        return {False}
    call = _with_constants(ctx, value)
    return {method for method, alternatives in entries if reached(alternatives, definition, call, bound)}


def _with_constants(ctx, value: V.Returned) -> ast.Call:
    """`value`'s call with each argument the flow resolves to one literal written as that literal
    (`context_for(SETTINGS["method"])` -> `context_for("default")`), for the parameter conditions to read."""
    call = value.node

    def literal(expr, given):
        found = ctx.flow.resolve(given) if given is not None else None
        node = getattr(found, "node", None)
        return ast.Constant(node.value) if type(found) is V.Constant and isinstance(node, ast.Constant) else expr

    positional = [a for a in call.args if not isinstance(a, ast.Starred)]
    if len(positional) != len(call.args):
        return call
    args = [literal(expr, given) for expr, given in zip(call.args, value.args)]
    keywords = [ast.keyword(arg=k.arg, value=literal(k.value, value.keywords.get(k.arg)) if k.arg else k.value)
                for k in call.keywords]
    return ast.Call(func=call.func, args=args, keywords=keywords)


def _registering_modules(ctx, summary, module: str, table: str) -> list:
    """The project modules whose import may have filled `table` when a call of `module`'s function reads it: the
    table's own module, `module` and what it imports, and what this module imports (`import plugins.extra`
    registering more). Names that are not modules are asked about and found to be none."""
    out = [table.rpartition(".")[0], module]
    for imports in (getattr(summary, "imports", None), ctx.imports):
        for qualified in getattr(imports, "names", {}).values():
            out += [qualified, qualified.rpartition(".")[0]]
        out += getattr(imports, "submodules", ())  # (`import plugins.extra`: binds `plugins` alone)
    return [m for m in dict.fromkeys(out) if m]


def _given_process_pool(ctx, summary, name: str, call, qualified: str, param: str) -> bool:
    """Was the object `call` is made on built by a constructor call (of this module) that passes, for the
    class's __init__ parameter `param`, a process pool or executor (every value it may be)? Unknown: no."""
    from mpguard.semantic.flow import CallSite, bind_argument

    receiver = ctx.facts.receivers.get((id(call), qualified))
    made = getattr(receiver, "node", None)
    init, _bound = summary_function(summary, name.partition(".")[0])
    if type(receiver) is not V.Returned or not isinstance(made, ast.Call) \
            or not isinstance(init, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return False
    built = next((entry for entry in ctx.facts.project_calls if entry[0] is made), None)
    if built is None:
        return False
    site = CallSite(made, built[2], built[3], True, built[4])
    value = ctx.flow.resolve(bind_argument(init, site, V.Param(made, init, param), ctx.flow.resolve))
    options = value.options if type(value) is V.Union else (value,)
    return bool(options) and all(type(o) is V.MPObject and o.kind in ("Pool", "Executor") and o.boundary is None
                                 for o in options)


def _forwarded_task_raises(ctx, call, value, qualified: str, sink) -> None:
    """A function of yet another project module handed to a helper that runs it as a pool task
    (`parse_all(lines, parse_line)`): what it may raise is sent back to the parent."""
    if type(value) is not V.ModuleRef or value.qualified.partition(".")[0] in STDLIB:
        return
    for cls, line, error, path in imported_raises(ctx.resolver, value.qualified, None)[:1]:
        ctx.report("MP208", call, f"{value.qualified}(), which {qualified}() runs as a pool task (line {sink.line}), "
                   f"may raise `{cls}` (line {line}), and pickle cannot rebuild it in the parent: {error} "
                   "(a Pool hangs, an executor breaks)", ctx.under_every_method(sink.method), error=error,
                   related_file=RelatedFile(path, line, f"`{cls}` is raised here", site=False))
        report_raised_at_origin(ctx, call, cls, line, error, path, None, ctx.under_every_method(sink.method))


def keyword_value(extra, key: str):
    """The value of keyword `key` among the extra keywords a `**kwargs` parameter collected."""
    if type(extra) is not V.Sequence or extra.keys is None:
        return None
    return next((value for k, value in zip(extra.keys, extra.items) if k == key), None)
