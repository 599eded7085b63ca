"""MP203 at a decorated function whose decorator's wrapper hands the original function to a child Process
(semantic/sent_originals): under spawn and forkserver the Process's target and args are pickled, the
original is saved by its name, and that name now holds the wrapper. Read for decorators of this module and of
other project modules (the resolver's definition of the decorator); reported at the decorator, whose application
rebinds the name (the message names the Process call's line in the decorator's module)."""
from __future__ import annotations

import ast

from mpguard.rules.pickle_reports import not_fork
from mpguard.semantic.sent_originals import process_sending, replacing_wrappers

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


def _decorator_definition(ctx, named):
    """The def of the decorator (factory) `named` refers to: this module's, or another project module's."""
    if isinstance(named, ast.Name):
        own = next((s for s in ctx.tree.body if isinstance(s, FUNCS) and s.name == named.id), None)
        if own is not None:
            return own
    if ctx.resolver is None or not isinstance(named, (ast.Name, ast.Attribute)):
        return None
    qualified = ctx.imports.qualify(named)
    lookup = getattr(ctx.resolver, "definition", None)
    found = lookup(qualified) if qualified and lookup is not None else None
    return found if isinstance(found, FUNCS) else None


def check(ctx) -> None:
    for definition in ctx.tree.body:
        if not isinstance(definition, FUNCS) or len(definition.decorator_list) != 1:
            continue  # (several decorators: the name holds the outermost's result, judged no further)
        decorator = definition.decorator_list[0]
        call = decorator if isinstance(decorator, ast.Call) else None
        made = _decorator_definition(ctx, call.func if call is not None else decorator)
        for wrapper, name in replacing_wrappers(made, call):
            sending = process_sending(wrapper, name)
            if sending is None:
                continue
            error = (f"_pickle.PicklingError: Can't pickle <function {definition.name} at 0x...>: it's not the "
                     f"same object as <module>.{definition.name}")
            ctx.report("MP203", decorator, f"`{definition.name}` is replaced by its decorator's wrapper "
                       f"{wrapper.name}(), which hands the original function to a child Process (line "
                       f"{sending.lineno} of the decorator's module); pickle saves the original by its name, which "
                       f"now holds the wrapper: {error}", ctx.breaks(None, not_fork), error=error)
            break
