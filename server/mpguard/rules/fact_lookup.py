"""Lookups into a module's facts that rules make once per fork point, process or thread (issue 16).

Each rule asked by scanning the whole list (`next(s for s in facts.starts if s.node is fork)`, the creation of
each thread for each process start), which made a module with many fork points quadratic: the 20,000-line
benchmark file has 1,300 fork points and as many submits and starts. These group each list once per analysis (in
the rule context's memo, made after the walk is over, so the lists no longer change) by the identity of one field
of its items, and answer with the items a scan would have met, in the list's order. Keyed by `id`: every key
is an object the facts hold, alive as long as the table, so no other live object has its id."""
from __future__ import annotations


def _grouped(ctx, name: str, attribute: str) -> dict:
    """id(item.<attribute>) -> [the items of `ctx.facts.<name>` with that field, in order]."""
    key = f"facts: {name} by {attribute}"
    table = ctx.memo.get(key)
    if table is None:
        table = {}
        for item in getattr(ctx.facts, name):
            found = table.get(id(getattr(item, attribute)))
            if found is None:
                table[id(getattr(item, attribute))] = [item]
            else:
                found.append(item)
        ctx.memo[key] = table
    return table


def submits_at(ctx, node) -> list:
    """The module's submits made by the call `node` (`submit.node is node`), in order."""
    return _grouped(ctx, "submits", "node").get(id(node), [])


def starts_at(ctx, node) -> list:
    """The module's starts made by the call `node` (`start.node is node`), in order."""
    return _grouped(ctx, "starts", "node").get(id(node), [])


def starts_of(ctx, obj) -> list:
    """The module's starts of the object `obj` (`start.obj is obj`), in order."""
    return _grouped(ctx, "starts", "obj").get(id(obj), [])


def creations_at(ctx, node) -> list:
    """The module's creations made by the call `node` (`creation.node is node`), in order."""
    return _grouped(ctx, "creations", "node").get(id(node), [])


def creations_of(ctx, value) -> list:
    """The module's creations of the value `value` (`creation.value is value`), in order."""
    return _grouped(ctx, "creations", "value").get(id(value), [])


def first_of(items):
    """The first of `items`, else None (what `next(<scan>, None)` gave)."""
    return items[0] if items else None


def thread_starts(ctx) -> list:
    """The module's starts of a thread (`start.obj.kind == "Thread"`), in the order of `facts.starts`."""
    found = ctx.memo.get("facts: thread starts")
    if found is None:
        found = ctx.memo["facts: thread starts"] = [s for s in ctx.facts.starts if s.obj.kind == "Thread"]
    return found


def thread_starts_in(ctx, function) -> list:
    """`thread_starts` made in `function` (`start.where.function is function`; None: at module level), in order."""
    by_function = ctx.memo.get("facts: thread starts by function")
    if by_function is None:
        by_function = {}
        for start in thread_starts(ctx):
            by_function.setdefault(id(start.where.function), []).append(start)
        ctx.memo["facts: thread starts by function"] = by_function
    return by_function.get(id(function), [])


def effects_in(ctx, function) -> list:
    """The module's effects made in `function` (`effect.where.function is function`; None: at module level), in the
    order of `facts.effects`. (What a function surely runs was a scan of every effect for each function it reaches,
    for each top-level function of each module summarised: dask, 343,000 effects read.)"""
    by_function = ctx.memo.get("facts: effects by function")
    if by_function is None or by_function[0] != len(ctx.facts.effects):
        table = {}
        for effect in ctx.facts.effects:
            table.setdefault(id(effect.where.function), []).append(effect)
        by_function = ctx.memo["facts: effects by function"] = (len(ctx.facts.effects), table)
    return by_function[1].get(id(function), [])


def joined_threads(ctx) -> frozenset:
    """The ids of the thread objects the module joins somewhere (`op.name == "join"` on a Thread), read once."""
    found = ctx.memo.get("facts: joined threads")
    if found is None:
        found = ctx.memo["facts: joined threads"] = frozenset(
            id(op.obj) for op in ctx.facts.ops if op.name == "join" and op.obj.kind == "Thread")
    return found
