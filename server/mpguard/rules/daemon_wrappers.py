"""MP413 through a decorator: a daemonic child (a Pool worker, a daemon Process) runs the decorated task's
wrapper, not just the task's own body. viztracer PR #563: `@trace_and_save` wraps a Pool task in a wrapper that
starts a Process to save the trace, and the worker raises "daemonic processes are not allowed to have children".
The wrapper is found by semantic/decorator_wrappers (same-module decorators, bare or called); what it calls is
followed as for the task itself. A wrapper (or a function it calls) that asks whether it runs in a daemon
(`current_process().daemon`) is left alone, as the task's own body is."""
from __future__ import annotations

import ast

from mpguard.semantic.decorator_wrappers import wrappers

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


def decorated_daemon_children(ctx, spawns: dict, reported: set, chosen: dict, checks_daemon, fix) -> None:
    """Report MP413 at the process starts that the wrappers of daemonic children's decorators reach."""
    children = [c for c in ctx.children if c.daemonic and isinstance(c.definition, FUNCS)
                and c.definition.decorator_list]
    if not children:
        return
    top = {s.name: s for s in ctx.tree.body if isinstance(s, FUNCS)}
    for child in children:
        for wrapper in wrappers(child.definition, top.get):
            for func in ctx.reachable([wrapper]):
                if func not in spawns or checks_daemon(func):
                    continue
                label = "a Pool worker" if child.role != "target" else "a daemonic process"
                for node in spawns[func]:
                    if id(node) in reported:
                        continue
                    reported.add(id(node))
                    ctx.report("MP413", node, f"this runs in {label}, in the wrapper that the decorator of "
                               f"{child.definition.name}() puts around it, which may not start child processes: "
                               "AssertionError: daemonic processes are not allowed to have children",
                               ctx.under_every_method(*chosen.get(id(node), (None, None))), fix=fix(node))
