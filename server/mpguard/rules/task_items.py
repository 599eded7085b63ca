"""The items a pool maps its task over, as far as their literal fields go (semantic/record_fields): `pool.map(
run_test, tests)` with `tests = [SurrogateTest("henon", data), ...]` calls `run_test` once per item, and a
condition of the task on `test.processors` is judged for each item's field (rules/lifecycle: MP413)."""
from __future__ import annotations

import ast

from mpguard.semantic.record_fields import attributes_may_change, pool_items, record

DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def item_records(ctx, submit) -> list | None:
    """The items a `map`-like submit hands its task, as `Record`s of their literal fields (semantic/
    record_fields), when every item is an instance of one of the module's plain dataclasses; else None."""
    node = submit.node
    if ctx.keeps is not None or ctx.identifiers is not None:  # a slice of the module: stores elsewhere unseen
        return None
    if getattr(submit, "method_name", "") not in ("map", "map_async", "imap", "imap_unordered") \
            or len(node.args) != 2:
        return None
    items = pool_items(submit.where.function, node.args[1])
    classes = {stmt.name: stmt for stmt in ctx.tree.body if isinstance(stmt, ast.ClassDef)}
    if not items or len(classes) != len([s for s in ctx.tree.body if isinstance(s, ast.ClassDef)]):
        return None
    out = []
    bound = _bindings(ctx.tree, set(classes))
    for item in items:
        cls = classes.get(item.func.id) if isinstance(item, ast.Call) and isinstance(item.func, ast.Name) else None
        made = record(item, cls, ctx.imports.qualify) if cls is not None and bound[cls.name] == 1 else None
        if made is None:
            return None
        out.append(made)
    if attributes_may_change(ctx.tree, {name for r in out for name in r.attributes}):
        return None
    return out


def _bindings(tree, names) -> dict:
    """How many times the module binds each of `names` (a class bound only by its class statement: 1; a later
    rebinding or an import of the name: more)."""
    count = dict.fromkeys(names, 0)
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            bound = node.id
        elif isinstance(node, ast.alias):
            bound = node.asname or node.name
        elif isinstance(node, DEFINITIONS):
            bound = node.name
        else:
            continue
        if bound in count:
            count[bound] += 1
    return count
