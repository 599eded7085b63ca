"""MP413 across modules: a function handed to another project module's helper that runs it in a
daemonic process, while the function starts processes itself.

The helper's module summary names the parameter whose callable its daemonic child calls (a sink of
role "daemon-run", `linter/daemon_sinks`); here, at the call in the checked file, the value passed for
it is judged: a function of another project module that starts processes (its summary's `spawning`),
or one of this module that does. Reported at the call that hands it over (where the value crosses
into the helper; the helper's process and the task's spawn are related locations); the line of another
module where the function starts its processes is the finding's site, where `mpguard check` reports it
when that module is in the run (linter/sites.py).
"""
from __future__ import annotations

import ast

from mpguard.resolve.project import effects_summary, function_summary
from mpguard.semantic import values as V
from mpguard.semantic.flow import CallSite, bind_argument
from mpguard.semantic.param_guards import argument_truth, reached, sink_key, summary_function
from mpguard.semantic.platforms import ALL_METHODS
from mpguard.rules.context import spawn_line as spawning_line
from mpguard.rules.item_methods import certain_receiver, spawning_item_method
from mpguard.text.findings import RelatedFile

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
ERROR = "AssertionError: daemonic processes are not allowed to have children"


SPAWN_DEPTH = 3  # helpers of further modules followed to the line that starts the processes


def spawn_related(resolver, summary, name: str, message: str) -> RelatedFile:
    """Where the helper `name` of another module starts processes, for a finding at its caller: its
    spawn line, marked as the site when a process is started or a pool created right there; through a
    call into yet another module's helper (`ModuleSummary.spawn_via`), that helper's site."""
    here, there = summary, name
    if there not in getattr(here, "spawning", {}) and f"{there}.__init__" in getattr(here, "spawning", {}):
        there = f"{there}.__init__"  # a class: calling it runs its __init__, which starts them (SimEnv(level=3))
    for _ in range(SPAWN_DEPTH):
        if there in getattr(here, "spawn_sites", ()):
            return RelatedFile(here.path, here.spawning[there], message, site=True)
        via = getattr(here, "spawn_via", {}).get(there)
        if via is None:
            break
        here, there = function_summary(resolver, via)
        if here is None or there not in here.spawning:
            break
    # (a class of that module: where its __init__ starts them, `spawning_line`)
    return RelatedFile(summary.path, spawning_line(summary, name), message)


def daemon_handovers(ctx, reported: set, spawn_line, asks_daemon) -> None:
    """Report each call handing a process-starting function to a helper that runs it in a daemonic
    process. `spawn_line(func)`: the node where a function of this module starts processes, or None;
    `asks_daemon(func)`: the function checks `current_process().daemon` before it spawns."""
    if ctx.resolver is None:
        return
    for call, qualified, args, kwargs, where in (*ctx.facts.project_calls, *ctx.facts.decorations):
        # (sinks are process effects: a helper's module that can have none under this name is not summarised)
        summary, name = effects_summary(ctx.resolver, qualified)
        sinks = [s for s in summary.sinks.get(name, ()) if s.role in ("daemon-run", "daemon-method")] \
            if summary is not None else []
        if not sinks or id(call) in reported:
            continue
        if any(s.role == "daemon-method" for s in sinks) and not certain_receiver(ctx, call, qualified):
            sinks = [s for s in sinks if s.role != "daemon-method"]  # (the method of one of several classes)
            if not sinks:
                continue
        definition, bound = summary_function(summary, name)  # (a class: its __init__)
        if not isinstance(definition, FUNCS):
            continue
        # a pool the class's constructor picks by a parameter: the receiver's constructor call must pick the daemonic one
        sinks = [s for s in sinks if s.when is None or _picks_daemonic(ctx, summary, name, call, qualified, s.when)]
        # a daemonic pool made only under a condition (`if self.pool == "solo": ... else: billiard.Pool(...)`): what
        # this call's arguments, and the attributes the object's constructor fixed, say of it (param_guards)
        sinks = [s for s in sinks if _may_cross(ctx, summary, name, s, definition, call, qualified, bound)]
        site = CallSite(call, args, kwargs, bound, where)
        module = _module_name(ctx, summary, qualified, name)
        for sink in sinks:
            value = bind_argument(definition, site, V.Param(call, definition, sink.param, sink.kind), ctx.flow.resolve)
            found = _spawning_option(ctx, value, spawn_line, asks_daemon) if sink.calls is None \
                else spawning_item_method(ctx, value, sink.calls, spawn_line, asks_daemon, lambda summary, name:
                                          spawn_related(ctx.resolver, summary, name, "it starts processes here"))
            if found is None:
                continue
            shown, related_file, related = found
            reported.add(id(call))
            at = call
            if related:  # a function of this module: reported where it starts them, as the error is raised there
                at, related = related[0][0], ((call, f"{qualified}() runs {shown} in a daemonic process here"),)
                reported.add(id(at))
            ctx.report("MP413", at, f"{shown} starts processes, and {qualified}() runs it in a daemonic process "
                       f"(line {sink.line} of {module}), which may not start child processes: {ERROR}", ALL_METHODS,
                       related_file=related_file, related=related)
            break


def daemon_decorations(ctx, reported: set, spawn_line, asks_daemon) -> None:
    """Report each function decorated by a decorator factory of another project module (`@app.fit("query")`)
    whose decorator keeps it where a daemonic child of that module calls it (a "daemon-decorated" sink of the
    factory), while the function starts processes: reported where it starts them."""
    if ctx.resolver is None:
        return
    for decorator, qualified, args, _kwargs, _where in ctx.facts.factory_decorations:
        summary, name = effects_summary(ctx.resolver, qualified)
        sinks = [s for s in summary.sinks.get(name, ()) if s.role == "daemon-decorated"] if summary is not None else []
        if not sinks or id(decorator) in reported or ("." in name and not certain_receiver(ctx, decorator, qualified)):
            continue
        found = _spawning_option(ctx, args[0][1], spawn_line, asks_daemon)
        if found is None:
            continue
        shown, related_file, related = found
        module = _module_name(ctx, summary, qualified, name)
        at = related[0][0] if related else decorator
        reported.update((id(decorator), id(at)))
        ctx.report("MP413", at, f"{shown} starts processes, and the decorator {qualified}() returns keeps it for a "
                   f"daemonic process (line {sinks[0].line} of {module}) to call, which may not start child "
                   f"processes: {ERROR}", ALL_METHODS, related_file=related_file,
                   related=((decorator, f"{qualified}() hands it to a daemonic process here"),) if related else ())


def _may_cross(ctx, summary, name: str, sink, definition, call, qualified: str, bound: bool) -> bool:
    under = (getattr(summary, "guards", None) or {}).get(sink_key(name, sink.line))
    return under is None or reached(under, definition, ctx.as_read(call), bound,
                                    known=ctx.settings_known(call, qualified=qualified))


def _module_name(ctx, summary, qualified: str, name: str) -> str:
    """The module that defines what `qualified` names (a package may re-export it): read from its summary's path."""
    module = qualified[:-len(name) - 1] if qualified.endswith(f".{name}") else qualified.rpartition(".")[0]
    defined = getattr(ctx.resolver, "defined_name", None)
    qualified = defined(qualified) if defined is not None else qualified
    return qualified[:-len(name) - 1] if qualified.endswith(f".{name}") else module


def _picks_daemonic(ctx, summary, name: str, call, qualified: str, when: tuple) -> bool:
    """Does the object `call` is made on come from a constructor call that passes, for the __init__ parameter
    `when[0]`, a value of truth `when[1]` (a literal, or a parameter every caller passes such a literal for, or
    leaves at such a default)? Unknown: no."""
    receiver = ctx.facts.receivers.get((id(call), qualified))
    made = getattr(receiver, "node", None)
    init, bound = summary_function(summary, name.partition(".")[0])
    if type(receiver) is not V.Returned or not isinstance(made, ast.Call) or not isinstance(init, FUNCS):
        return False
    truth, expr = argument_truth(init, made, when[0], bound)
    if truth is None and expr is not None:  # `allow_nesting=self.allow_nesting`: what the walk knows of it
        truth = _value_truth(ctx, _passed_value(receiver, made, expr))
    return truth is when[1]


def _passed_value(receiver, made: ast.Call, expr):
    for keyword in made.keywords:
        if keyword.value is expr and keyword.arg is not None:
            return receiver.keywords.get(keyword.arg)
    return None


def _value_truth(ctx, value):
    """The truth of a value: a literal, or a parameter of this module's function whose every call passes a
    literal (or leaves a literal default) of one truth."""
    if type(value) is V.Constant and isinstance(value.node, ast.Constant):
        return bool(value.node.value)
    if type(value) is not V.Param or not isinstance(value.function, FUNCS):
        return None
    sites = ctx.facts.call_sites.get(value.function, ())  # its calls (not the processes started with it)
    if not sites or not all(isinstance(site.call, ast.Call) for site in sites):
        return None
    truths = {argument_truth(value.function, site.call, value.name, site.bound)[0] for site in sites}
    return truths.pop() if len(truths) == 1 else None


def _spawning_option(ctx, value, spawn_line, asks_daemon):
    """(how to name it, related file) for the first option of `value` that starts processes when called."""
    for option in value.options if type(value) is V.Union else [value]:
        if type(option) is V.Partial:
            option = option.func
        if type(option) is V.ModuleRef and ctx.imported_spawner(option.qualified):
            summary, name = function_summary(ctx.resolver, option.qualified)
            return f"{option.qualified}()", spawn_related(ctx.resolver, summary, name, "it starts processes here"), ()
        for definition in ctx.definitions_of(option) if type(option) is V.Callable else ():
            if definition in ctx.spawning_functions and not asks_daemon(definition):
                node = spawn_line(definition)
                return f"{definition.name}()", None, ((node, "it starts processes here"),) if node is not None else ()
    return None
