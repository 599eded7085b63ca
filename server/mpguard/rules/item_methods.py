"""MP413 for a method of the objects a caller hands to another project module's helper whose daemonic Pool
workers call it on each item (nipype #494: the MultiProc plugin maps `_run_node` over the workflow's nodes,
and `_run_node(node)` calls `node.run()`; a node whose `run` opens its own Pool fails with "daemonic processes
are not allowed to have children"). The helper's summary names the parameter and the method (a sink of role
"daemon-method", linter/daemon_sinks.daemon_methods); here the items the caller passes are judged: objects of
a class of another project module whose method starts processes (its summary's `spawning`), or of a class of
this module whose method does."""
from __future__ import annotations

import ast

from mpguard.resolve.project import function_summary
from mpguard.rules.param_constants import passed_constants
from mpguard.semantic import values as V
from mpguard.semantic.flow import element, item, unchanged_dict

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


def spawning_item_method(ctx, value, method: str, spawn_line, asks_daemon, related):
    """(how to name it, related file, related) for the first item of `value` (a list the caller passes) whose
    `method` starts processes when called, else None. `related(summary, name)`: where another module's
    method starts them (daemon_handover.spawn_related)."""
    from_items = element(ctx.flow.resolve(value)) if value is not None else None
    items = ctx.flow.resolve(from_items) if from_items is not None else None
    for option in items.options if type(items) is V.Union else [items]:
        if type(option) is V.Returned and ctx.imported_spawner(f"{option.qualified}.{method}"):
            qualified = f"{option.qualified}.{method}"
            summary, name = function_summary(ctx.resolver, qualified)
            return f"{qualified}()", related(summary, name), ()
        cls = option.cls.definition if type(option) is V.Instance and option.cls is not None else None
        for definition in ctx.facts.lineage(cls) if isinstance(cls, ast.ClassDef) else ():
            found = next((f for f in definition.body if isinstance(f, FUNCS) and f.name == method), None)
            if found is None:
                continue
            if found in ctx.spawning_functions and not asks_daemon(found):
                node = spawn_line(found)
                return f"{cls.name}.{method}()", None, ((node, "it starts processes here"),) if node is not None else ()
            break
    return None



def certain_receiver(ctx, call: ast.Call, qualified: str) -> bool:
    """Is `qualified` (`pkg.plugins.MultiProcPlugin.run`) surely the method `call` runs? When the walk took the
    call for any of several classes' methods (`PLUGINS[plugin](**args).run(nodes)` with a key the callers give),
    only if the key is a constant every call of the enclosing function gives (or its default) and the registry a
    dict literal the program never stores into, whose item under that key is that class."""
    name = qualified.rpartition(".")[2]
    others = {q for c, q, _a, _k, _w in ctx.facts.project_calls if c is call and q.rpartition(".")[2] == name}
    if others == {qualified}:
        return True
    receiver = ctx.facts.receivers.get((id(call), qualified))
    made = getattr(receiver, "node", None)
    chooser = made.func if isinstance(made, ast.Call) else None
    if not (isinstance(chooser, ast.Subscript) and isinstance(chooser.value, ast.Name)
            and isinstance(chooser.slice, ast.Name)):
        return False
    registry = ctx.facts.module_env.get(chooser.value.id)
    function = ctx.enclosing_function(made)
    known, keys = passed_constants(ctx, function, chooser.slice.id)
    if not known or not unchanged_dict(registry) or len(set(keys)) != 1:
        return False
    chosen = item(registry, ast.Constant(keys[0]))
    return getattr(chosen, "qualified", None) == qualified.rpartition(".")[0]
