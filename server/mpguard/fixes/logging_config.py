"""MP302: logging configured in the parent only (`logging.basicConfig(filename=path, level=logging.INFO)`), read by
a child that a spawned or forkserver start leaves unconfigured: the child runs the same call first.

* a Pool or executor: `initializer=functools.partial(logging.basicConfig, filename=path, level=logging.INFO)`;
* a Process: `target=functools.partial(_run_with_logging, functools.partial(logging.basicConfig, ...), work)`,
  where `_run_with_logging(configure, target, *args, **kwargs)` calls `configure()` then the target.

A forked child inherits the parent's handlers, and `basicConfig` does nothing when the root logger has some: the
call changes nothing there. Only when the configuring call and the one child's creation are in the same function,
the call first; its keywords are ones whose values pickle takes and that do not truncate a file (no `stream`,
`handlers`, `filemode`); each value is a literal or a name (with attributes) that holds the same value where the
child is made (fixes/state._names_hold_until_the_pool's test, without the catalog's look at the values, which are
strings and numbers for these keywords). UNSAFE: each child opens its own handler (on the same file).
"""
from __future__ import annotations

import ast

from mpguard.text.findings import Applicability, Edit, Fix
from mpguard.fixes import _text as T

KEYWORDS = frozenset({"filename", "format", "datefmt", "style", "level", "encoding", "errors"})


def _fix(ctx, call, spawners):
    from mpguard.fixes.state import add_keywords

    if not isinstance(call, ast.Call) or ctx.imports.qualify(call.func) != "logging.basicConfig" or call.args \
            or any(k.arg not in KEYWORDS for k in call.keywords):
        raise T.CannotFix("not a basicConfig call of picklable keywords")
    creations = []
    for spawner in spawners:
        pool = getattr(spawner, "pool", None)
        creation = next((c for c in ctx.facts.creations if c.value is pool), None) if pool is not None else spawner
        if creation is None or not hasattr(creation, "kind"):
            raise T.CannotFix("the child's creation is not known")
        if all(c is not creation for c in creations):
            creations.append(creation)
    if len(creations) != 1:
        raise T.CannotFix("not one child creation")
    creation = creations[0]
    made = creation.node
    function = T.enclosing_function(ctx, call)
    if T.enclosing_function(ctx, made) is not function or (made.lineno, made.col_offset) <= (call.end_lineno, 0):
        raise T.CannotFix("the child is not made after the call in the same function")
    _check_values_hold(ctx, call, made, function, [k.value for k in call.keywords])
    partial, import_edit = T.partial_ref(ctx)
    configure = f"{partial}({T.node_text(ctx, call.func)}, {', '.join(T.node_text(ctx, k) for k in call.keywords)})"
    edits = [import_edit]
    if creation.kind in ("Pool", "Executor"):
        if T.has_initializer(made, creation.kind):
            raise T.CannotFix("the pool has an initializer already")
        edits.append(add_keywords(ctx, made, f"initializer={configure}"))
    elif creation.kind == "Process":
        keyword = next((k for k in made.keywords if k.arg == "target"), None)
        if keyword is None or creation.value.subclass is not None:
            raise T.CannotFix("no target keyword")
        runner = T.fresh_name(ctx, "_run_with_logging")
        nl = T.newline(ctx)
        edits.append(Edit(ctx.source.node_start(keyword.value), ctx.source.node_end(keyword.value),
                          f"{partial}({runner}, {configure}, {T.node_text(ctx, keyword.value)})"))
        body = (f"def {runner}(configure, target, *args, **kwargs):{nl}{T.INDENT}configure(){nl}"
                f"{T.INDENT}return target(*args, **kwargs){nl}")
        edits.append(T.insert_block(ctx, T.lift_position(ctx, T.top_statement(ctx, made)), body))
    else:
        raise T.CannotFix("not a pool or a process")
    return Fix("Configure logging in the child too, with the same call (unsafe: each child opens its own handler)",
               Applicability.UNSAFE, T.merge_edits([e for e in edits if e is not None]))


def _check_values_hold(ctx, call, made, function, values) -> None:
    roots = T.name_roots(values)
    scope = function if function is not None else ctx.tree
    for node in ast.walk(scope):
        if getattr(node, "lineno", 0) <= call.lineno or node.lineno > made.lineno:
            continue
        if isinstance(node, ast.Name) and node.id in roots and not isinstance(node.ctx, ast.Load):
            raise T.CannotFix("a name the call reads is bound again before the child is made")
        if isinstance(node, ast.Attribute) and not isinstance(node.ctx, ast.Load):
            raise T.CannotFix("an attribute is set before the child is made")


# Public builder (the rule calls it): None when out of reach or when the result would not parse.
logging_config_fix = T.fix_builder(_fix)
