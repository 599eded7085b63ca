"""MP306 through another project module: a child calls a function of a helper module that draws from that module's
unseeded module-level generator (numpy #9650: `_state = np.random.RandomState()` in `noise.py`, `noise.jitter(4)`
in each forked child).

The helper module makes the generator when the parent imports it, so every forked child copies one state and
sibling children draw the same numbers (spawn and forkserver children re-import the module and seed their own).
Which functions of the helper draw, itself or through the helper's own defs, is a fact of the project index
(semantic/module_generators.py). Reported at the child's call, and at this module's import of the helper (where
the generator is made); only for children that are several (a pool's task, a Process started in a loop), as
rules/state.py does for a generator of this module. Up to 3.13's fork default only: whether 3.14's forkserver
imports the helper in its server depends on where the script imports it, which is not judged."""
from __future__ import annotations

import ast

from mpguard.rules.context import joined
from mpguard.semantic.module_generators import imported_draw
from mpguard.text.findings import RelatedFile

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


def check(ctx) -> None:
    if ctx.resolver is None:
        return
    reported = set()
    for func, children in ctx.child_functions.items():
        if not any(c.role == "task" or c.spawner.where.loop for c in children):
            continue
        methods = joined(ctx.breaks(c.method, lambda m: m == "fork") for c in children)
        if not methods:
            continue
        found = _first_draw(ctx, func)
        if found is None or found[0] in reported:
            continue
        call, path, (name, made, drawn) = found[:3]
        reported.add(call)
        shown = path.replace(chr(92), "/").rsplit("/", 1)[-1]
        message = f"`{ast.unparse(call.func)}()` draws from `{name}` (line {made} of {shown}), which seeds itself " \
            "from the OS when the parent imports that module, made without a seed; every forked child gets a copy " \
            "of its state: sibling children draw the same numbers"
        origin = RelatedFile(path, drawn, f"draws from `{name}` here")
        ctx.report("MP306", call, message, methods, related_file=origin)
        ctx.report_at_origin("MP306", call, message, methods, origin)


def _first_draw(ctx, func):
    """(call, path, [generator, its line, the draw's line]) of the first call, in what the child runs of this
    module, of another project module's function that draws from its unseeded generator; else None."""
    reached = [f for f in ctx.reachable([func]) if isinstance(f, FUNCS) and ctx.parents.get(f) is not None]
    calls = sorted((n for f in reached for n in ast.walk(f) if type(n) is ast.Call
                    and isinstance(n.func, (ast.Name, ast.Attribute)) and ctx.enclosing_function(n) is f),
                   key=lambda c: (c.lineno, c.col_offset))
    for call in calls:
        qualified = ctx.imports.qualify(call.func)
        if qualified and "." in qualified:
            found = imported_draw(ctx.resolver, qualified)
            if found is not None and not _reseeded_here(ctx, f"{found[2]}.{found[1][0]}", found[3]):
                return call, found[0], found[1]
    return None


def _reseeded_here(ctx, generator: str, reseeds) -> bool:
    """Does this module call a method that reseeds the helper's generator (`noise._state.seed()` in a pool
    initializer)? Its children may then draw numbers of their own: left alone."""
    return any(type(n) is ast.Call and type(n.func) is ast.Attribute and n.func.attr in reseeds
               and ctx.imports.qualify(n.func.value) == generator for n in ast.walk(ctx.tree))
