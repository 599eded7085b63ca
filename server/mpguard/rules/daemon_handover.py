"""MP413 across modules: a function handed to another project module's helper that runs it in a
daemonic process, while the function starts processes itself.

The helper's module summary names the parameter whose callable its daemonic child calls (a sink of
role "daemon-run", `linter/daemon_sinks`); here, at the call in the checked file, the value passed for
it is judged: a function of another project module that starts processes (its summary's `spawning`),
or one of this module that does. Reported at the call that hands it over (where the value crosses
into the helper; the helper's process and the task's spawn are related locations).
"""
from __future__ import annotations

import ast

from mpguard.resolve.project import effects_summary, function_summary
from mpguard.semantic import values as V
from mpguard.semantic.flow import CallSite, bind_argument
from mpguard.semantic.platforms import ALL_METHODS
from mpguard.rules.context import spawn_line as spawning_line
from mpguard.text.findings import RelatedFile

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
ERROR = "AssertionError: daemonic processes are not allowed to have children"


def daemon_handovers(ctx, reported: set, spawn_line, asks_daemon) -> None:
    """Report each call handing a process-starting function to a helper that runs it in a daemonic
    process. `spawn_line(func)`: the node where a function of this module starts processes, or None;
    `asks_daemon(func)`: the function checks `current_process().daemon` before it spawns."""
    if ctx.resolver is None:
        return
    for call, qualified, args, kwargs, where in ctx.facts.project_calls:
        # (sinks are process effects: a helper's module that can have none under this name is not summarised)
        summary, name = effects_summary(ctx.resolver, qualified)
        sinks = [s for s in summary.sinks.get(name, ()) if s.role == "daemon-run"] if summary is not None else []
        if not sinks or id(call) in reported:
            continue
        definition, bound = summary.definitions.get(name), False
        if isinstance(definition, ast.ClassDef):
            definition = next((f for f in definition.body if isinstance(f, FUNCS) and f.name == "__init__"), None)
            bound = True
        if not isinstance(definition, FUNCS):
            continue
        site = CallSite(call, args, kwargs, bound, where)
        module = qualified.rpartition(".")[0]
        for sink in sinks:
            value = bind_argument(definition, site, V.Param(call, definition, sink.param, sink.kind), ctx.flow.resolve)
            found = _spawning_option(ctx, value, spawn_line, asks_daemon)
            if found is None:
                continue
            shown, related_file, related = found
            reported.add(id(call))
            ctx.report("MP413", call, f"{shown} starts processes, and {qualified}() runs it in a daemonic process "
                       f"(line {sink.line} of {module}), which may not start child processes: {ERROR}", ALL_METHODS,
                       related_file=related_file, related=related)
            break


def _spawning_option(ctx, value, spawn_line, asks_daemon):
    """(how to name it, related file) for the first option of `value` that starts processes when called."""
    for option in value.options if type(value) is V.Union else [value]:
        if type(option) is V.Partial:
            option = option.func
        if type(option) is V.ModuleRef and ctx.imported_spawner(option.qualified):
            summary, name = function_summary(ctx.resolver, option.qualified)
            return f"{option.qualified}()", RelatedFile(summary.path, spawning_line(summary, name),
                                                          "it starts processes here"), ()
        for definition in ctx.definitions_of(option) if type(option) is V.Callable else ():
            if definition in ctx.spawning_functions and not asks_daemon(definition):
                node = spawn_line(definition)
                return f"{definition.name}()", None, ((node, "it starts processes here"),) if node is not None else ()
    return None
