"""MP302 for state a class (or a function) of the module holds, filled by the parent at run time: a plugin registry
(`Registry.scorers[name] = func` in a classmethod that `load_plugins(["jaccard", "domains"])` calls in `main()`
before the pool is made; BiG-SCAPE's shape, fresh_realistic3 globals_bigscape_plugin_registry_filled_in_main).
Pickle sends a class by name, so nothing can hand its contents over; the pool's workers can run the same call
first: `Pool(2, initializer=functools.partial(load_plugins, ["jaccard", "domains"]))`.

Only when: one pool or executor reads the state, without an initializer of its own; the function that makes it
calls a function of the module's top level, as a statement of its own before the pool, whose calls reach the
write; its arguments are literals (the pool may be made where the caller's names mean something else); and every
write of module state that call reaches stores an item, an attribute or a name (storing the same value again in a
forked worker changes nothing; an `append` would add a second copy). UNSAFE: the call runs again in each worker.
"""
from __future__ import annotations

import ast

from mpguard.text.findings import Applicability, Fix
from mpguard.fixes import _text as T

IDEMPOTENT = ("item", "assign", "attribute")


def rerun_setup(ctx, effect, spawners, add_keywords):
    if len(spawners) != 1 or spawners[0].kind not in ("Pool", "Executor"):
        return None
    pool = spawners[0].node
    if T.has_initializer(pool, spawners[0].kind):
        return None
    maker = T.enclosing_function(ctx, pool)
    if not isinstance(maker, T.FUNCS):
        return None
    functions = {s.name: s for s in ctx.tree.body if isinstance(s, T.FUNCS)}
    found = []
    for stmt in maker.body:
        if stmt.lineno >= pool.lineno:
            break
        call = stmt.value if isinstance(stmt, ast.Expr) else None
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in functions):
            continue
        reached = ctx.reachable([functions[call.func.id]])
        if effect.where.function in reached:
            found.append((call, reached))
    if len(found) != 1:
        return None
    call, reached = found[0]
    if call.keywords or any(not T.is_literal(a) for a in call.args):
        return None
    if any(e.detail[1] not in IDEMPOTENT for e in ctx.facts.effects_of("global-write") if e.where.function in reached):
        return None
    name = call.func.id
    if call.args:
        partial, import_edit = T.partial_ref(ctx)
        initializer = f"{partial}({', '.join([name, *(T.node_text(ctx, a) for a in call.args)])})"
    else:
        initializer, import_edit = name, None
    edits = [add_keywords(ctx, pool, f"initializer={initializer}"), import_edit]
    return Fix(f"Run `{name}(...)` in every worker too, as the pool's initializer: the state it fills lives in a "
               "class or function, which pickle sends by name (unsafe: the call runs again in each worker)",
               Applicability.UNSAFE, T.merge_edits([e for e in edits if e is not None]))
