"""MP423's consequence for work a forked child hands to a thread it does not have: the parent gave a logger a
handler whose `emit` only puts the record on an in-process queue that a thread the handler's constructor started
drains (semantic/served_queues.py: timber-python before PR #15). fork copies the handler, its queue and its lock,
not the thread, so a child that logs through that logger (or one below it) fills a queue nobody takes from: its
records are lost, with no error.

The same holds for a module-level object of such a class (`SHIPPER = Shipper(path)`, made at import, so before
any fork of the parent) whose feeding method the child calls (`SHIPPER.send(row)`): what it hands goes to the
copy of the queue.

Said when the handler is added in the parent before the fork (the walk's `logging.handler` effect, ordered by
rules/call_order.py), the handler is an object of a class of this module or of another project module, and the code
the forked child runs (its target, a pool's tasks and initializer, and what they call of this module) makes a
record at a level the logger's `setLevel(<constant>)` in the parent keeps (rules/logging_state.py reads the
records)."""
from __future__ import annotations

import ast

from mpguard.rules.call_order import runs_before
from mpguard.rules.logging_state import module_single_assignments, named_record_levels
from mpguard.rules.thread_order import child_targets
from mpguard.semantic import values as V
from mpguard.semantic.local_values import binds
from mpguard.semantic.logging_setup import logger_levels
from mpguard.semantic.served_queues import thread_served

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


def lost_work(ctx, fork, where) -> tuple | None:
    """(description, consequence) of an object whose thread the child forked at `fork` lacks, else None."""
    effects = ctx.facts.effects_of("logging.handler")
    served_globals = _served_globals(ctx)
    if not effects and not served_globals:
        return None
    targets, _handed = child_targets(ctx, fork)
    child = ctx.reachable([d for value, _expr in targets for d in ctx.definitions_of(value)]) if targets else set()
    if not child:
        return None
    return _lost_records(ctx, fork, where, effects, child) or _lost_calls(ctx, served_globals, child)


def _lost_records(ctx, fork, where, effects, child) -> tuple | None:
    """A logging handler added before the fork whose emit() feeds the thread, and a child that logs through it."""
    for effect in effects:
        name, handler = effect.detail
        if effect.where.function is where.function:
            if not effect.where.order < where.order:
                continue
        elif not runs_before(ctx, (effect.where, effect.node), (where, fork)):
            continue
        if ctx.runs_in_child(effect.where):
            continue
        found = handler_class(ctx, handler)
        served = thread_served(found[0], found[1], "emit") if found is not None else None
        if served is None:
            continue
        levels = handler_levels(ctx, effect.node)
        if not levels:
            continue
        kept_from = max(levels)
        if any(level is not None and level >= kept_from for func in child
               for level in named_record_levels(ctx, func, name)):
            return ((f"the thread that `{found[0].name}()` starts (line {served.line} of its module) alone takes "
                     f"what its emit() puts on `self.{served.attribute}`, an in-process queue (the handler is added "
                     f"on line {effect.node.lineno})"),
                    f"its records through the `{name}` logger go to its copy of the queue and are never handled")
    return None


def _lost_calls(ctx, served_globals: dict, child) -> tuple | None:
    """A module-level object of such a class, made at import (so before any fork of the parent), whose feeding
    method the child calls: `SHIPPER.send(row)` of `SHIPPER = Shipper(path)`."""
    for func in sorted(child, key=lambda f: (getattr(f, "lineno", 0), getattr(f, "col_offset", 0))):
        for node in ctx.nodes_of(func):
            if type(node) is not ast.Call or type(node.func) is not ast.Attribute \
                    or type(node.func.value) is not ast.Name or node.func.value.id not in served_globals:
                continue
            name = node.func.value.id
            if isinstance(func, FUNCS) and binds(func, name):
                continue  # (a local of that name, not the global)
            cls, qualify, _line = served_globals[name]
            served = thread_served(cls, qualify, node.func.attr)
            if served is not None:
                return ((f"the thread that `{name} = {cls.name}(...)` starts at import (line {served.line} of its "
                         f"module) alone takes what its {node.func.attr}() puts on `self.{served.attribute}`, an "
                         "in-process queue"),
                        (f"what the child hands `{name}.{node.func.attr}()` (line {node.lineno}) goes to its copy of "
                         "the queue and is never handled"))
    return None


def _served_globals(ctx) -> dict:
    """{global name: (ClassDef, its module's qualify, line)} of the module's top-level `NAME = Cls(...)` of a class
    (of this module or another project module) that starts a thread in its constructor."""
    if "served globals" not in ctx.memo:
        out = {}
        for name, value in module_single_assignments(ctx).items():
            if type(value) is not ast.Call:
                continue
            found = handler_class(ctx, ctx.facts.module_env.get(name))
            if found is not None and any(type(n) is ast.Attribute and n.attr == "Thread" or type(n) is ast.Name
                                         and n.id == "Thread" for n in ast.walk(found[0])):
                out[name] = (*found, value.lineno)
        ctx.memo["served globals"] = out
    return ctx.memo["served globals"]



def handler_class(ctx, handler):
    """(ClassDef, its module's qualify) of the object `handler` stands for: this module's class or another project
    module's."""
    value = ctx.flow.resolve(handler) if handler is not None else None
    if type(value) is V.Instance and isinstance(getattr(value.cls, "definition", None), ast.ClassDef):
        return value.cls.definition, ctx.imports.qualify
    if type(value) is V.Returned and value.qualified and ctx.resolver is not None:
        lookup = getattr(ctx.resolver, "class_definition", None)
        found = lookup(value.qualified) if lookup is not None else None
        if found is not None and found[1] is not None:
            return found[0], found[1].qualify
    return None


def handler_levels(ctx, call) -> frozenset | None:
    """The levels the logger `call` adds a handler to keeps, as the `setLevel` calls where it is added set them."""
    scope = ctx.enclosing_function(call) or ctx.tree
    return logger_levels(scope, call.func.value, ctx.imports.qualify, module_single_assignments(ctx).get)
