"""MP302 for logging configuration as run-time state of the parent: `logging.getLogger(name)` gives the one logger
of that name in the process, so handlers the parent adds to it at run time (under the main guard, or in a helper
of another project module that the guarded code calls: context_chat_backend PR #326's `setup_logging()`) exist in
the parent and in a forked child only. A spawned or forkserver child imports the modules again, its loggers have
no handlers, and a record that the parent's configuration would write to a file is dropped there (or, WARNING and
above, written to stderr by `logging.lastResort`).

This module finds the configurations (the walk's `logging.handler` effects in this module; the functions of other
project modules the parent calls, read from their syntax trees: semantic/logging_setup.configured_loggers), the
children that configure logging themselves (a call of such a function, `install_queue_handler(q)`), and the
records a child makes through a logger of a constant name (`log = logging.getLogger("ccb.injest")` at module
level, then `log.info(...)`); rules/state.py decides, with logging_setup.child_loses, which children lose one.
"""
from __future__ import annotations

import ast

from mpguard.resolve.project import module_names
from mpguard.semantic.dict_config import dict_config_setups
from mpguard.semantic.logging_setup import CALL_LEVELS, configured_loggers, configures_logging, logger_name, reaches
from mpguard.semantic.local_values import binds, local_values
from mpguard.semantic.module_globals import single_assignments

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


def parent_configurations(ctx) -> list:
    """[(node, where, LoggingSetup)] of the named loggers this module configures with `addHandler`, and of the
    loggers the functions of other project modules it calls configure (reported at the call)."""
    out = []
    for effect in [*ctx.facts.effects_of("logging.handler"), *ctx.facts.effects_of("logging.config")]:
        scope = ctx.enclosing_function(effect.node) or ctx.tree  # (the main guard's code is the module's own)
        out += [(effect.node, effect.where, setup) for call, setup in _own_setups(ctx, scope) if call is effect.node]
    for call, qualified, _args, _kwargs, where in ctx.facts.project_calls:
        if where.at_import or not ctx.in_parent(where) or ctx.runs_in_child(where):
            continue  # (only the parent's run-time calls are asked about: each answer reads another module)
        found = _foreign_function(ctx, qualified)
        if found is not None:
            out += [(call, where, setup) for _node, setup in configured_loggers(*found) + dict_config_setups(*found)]
    return out


def configuring_elsewhere(ctx) -> set:
    """This module's functions that call a function of another project module that configures logging itself
    (a child that runs one keeps its records its own way)."""
    out = set()
    children = ctx.child_functions
    for _call, qualified, _args, _kwargs, where in ctx.facts.project_calls:
        if where.function in children and foreign_configures(ctx, qualified):
            out.add(where.function)
    return out


def foreign_configures(ctx, qualified: str) -> bool:
    """Is `qualified` a function of another project module that configures logging itself?"""
    found = _foreign_function(ctx, qualified)
    return found is not None and configures_logging(found[0], found[1])


def parent_logs_through(ctx, configured: str) -> bool:
    """Does the parent make records of its own through a logger that reaches the handlers of `configured`
    (in a function it runs that no child runs, or in the module's own code)? Then what the handlers write is the
    program's log, and a spawned child's records are missing from it; a logger the parent gives handlers but never
    logs through (a handler set up for another reason: its lock shared with a thread) is not judged."""
    key = ("parent logs through", configured)
    if key not in ctx.memo:
        scopes = [f for f in ctx.parent_functions if f not in ctx.child_functions] + [ctx.tree]
        ctx.memo[key] = any(named_record_levels(ctx, scope, configured) for scope in scopes)
    return ctx.memo[key]


def named_record_levels(ctx, func, configured: str) -> set:
    """The levels of the records `func` makes itself through a logger whose name is known and whose records
    reach the handlers of the logger `configured` (`log.info(...)` of `log = logging.getLogger("ccb.injest")`
    for "ccb"); None for `log(level, ...)`. A logger of unknown name counts for nothing."""
    out = set()
    owner = None if isinstance(func, ast.Module) else func  # (the module's own code: no function around it)
    for node in ctx.nodes_of(func):
        if type(node) is ast.Call and type(node.func) is ast.Attribute and node.func.attr in (*CALL_LEVELS, "log") \
                and ctx.enclosing_function(node) is owner:
            name = _receiver_logger(ctx, func, node.func.value)
            if name is not None and reaches(name, configured):
                out.add(CALL_LEVELS.get(node.func.attr))
    return out


def _receiver_logger(ctx, func, expr) -> str | None:
    """The name of the logger `expr` is: `logging.getLogger("x")` itself, a local name bound once to one, or a
    module-level name bound once to one and never rebound by a function."""
    qualify = ctx.imports.qualify
    name = logger_name(expr, qualify)
    if name is not None or type(expr) is not ast.Name:
        return name
    values = local_values(func, expr.id) if isinstance(func, FUNCS) else None
    if values is not None:
        return logger_name(values[0], qualify) if len(values) == 1 else None
    if isinstance(func, FUNCS) and binds(func, expr.id):
        return None  # (a parameter, a loop target: not the global)
    bound = _module_loggers(ctx)
    return bound.get(expr.id)


def _module_loggers(ctx) -> dict:
    """{global name: logger name} of the module's `log = logging.getLogger(<constant>)`, for the names its top
    binds once and nothing else binds (semantic/module_globals.single_assignments)."""
    if "module loggers" not in ctx.memo:
        found = {name: logger_name(value, ctx.imports.qualify) for name, value in module_single_assignments(ctx).items()}
        ctx.memo["module loggers"] = {k: v for k, v in found.items() if v is not None}
    return ctx.memo["module loggers"]


def module_single_assignments(ctx) -> dict:
    """The module's names assigned once at its top (semantic/module_globals), read once per analysis."""
    if "single assignments" not in ctx.memo:
        ctx.memo["single assignments"] = single_assignments(ctx.tree)
    return ctx.memo["single assignments"]


def _own_setups(ctx, scope) -> list:
    key = ("configured loggers", scope)
    if key not in ctx.memo:
        qualify, globals_ = ctx.imports.qualify, module_single_assignments(ctx).get
        # (a basicConfig call of this module is the walk's own `logging.config` effect: rules/state.py judges it)
        ctx.memo[key] = [(call, setup) for call, setup in configured_loggers(scope, qualify, globals_)
                         if qualify(call.func) != "logging.basicConfig"] + dict_config_setups(scope, qualify, globals_)
    return ctx.memo[key]


def _foreign_function(ctx, qualified: str):
    """(the def, its module's qualify) of a top-level function of another project module, else None."""
    memo = ctx.memo.setdefault("foreign logging functions", {})
    if qualified in memo:
        return memo[qualified]
    memo[qualified] = None
    module, _dot, name = qualified.rpartition(".")
    names = module_names(ctx.resolver, module) if module and ctx.resolver is not None else None
    if names is not None:
        definition = names[0].get(name)
        lookup = getattr(ctx.resolver, "module_global", None)
        if isinstance(definition, FUNCS) and names[1] is not None:
            memo[qualified] = (definition, names[1].qualify,
                               (lambda n: lookup(f"{module}.{n}")) if lookup is not None else (lambda n: None))
    return memo[qualified]
