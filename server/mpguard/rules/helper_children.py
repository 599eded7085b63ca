"""The process and queue of `proc, queue = helpers.start(...)`, made by another project module's helper that returns
them as a tuple (semantic/returned_children), as the caller's own multiprocessing objects: the ops the caller makes on
them (`proc.join(timeout)`, `queue.get()`) are ops on one process and one queue per call, and the process's creation
is that call, with the helper's target and the arguments it gives it (the caller's own for a parameter of the
helper it forwards). Read by MP410 (rules/lifecycle.all_ops, `creation_of`)."""
from __future__ import annotations

import ast

from mpguard.semantic import values as V
from mpguard.semantic.facts import Creation
from mpguard.semantic.flow import bind_argument, sites_of
from mpguard.semantic.returned_children import returned_children

MEMO = "helper children"


def returned_object(ctx, value, depth: int = 2) -> V.MPObject | None:
    """The process or queue an item of what another project module's helper returns stands for (`proc` of
    `proc, queue = sandbox.start(code)`), also as the parameter of a function of this module that every caller
    gives the same one (`drain(queue)`), else None."""
    if type(value) is V.Param and depth > 0 and value.kind == "positional":
        found = {id(made): made for site in sites_of(ctx.facts.call_sites, value)
                 if (made := returned_object(ctx, bind_argument(value.function, site, value), depth - 1)) is not None}
        sites = sites_of(ctx.facts.call_sites, value)
        return next(iter(found.values())) if len(found) == 1 and len(sites) == 1 else None
    if type(value) is not V.Element or not value.unpacked or type(value.of) is not V.Returned \
            or not isinstance(value.of.node, ast.Call) or ctx.resolver is None:
        return None
    position = getattr(value.key, "value", None)
    memo = ctx.memo.setdefault(MEMO, {})
    call = value.of.node
    if id(call) not in memo:
        memo[id(call)] = (call, _objects(ctx, value.of))
    objects = memo[id(call)][1]
    return objects.get(position) if objects and type(position) is int else None


def helper_creation(ctx, obj) -> Creation | None:
    """The creation `returned_object` gave a process it stands for, else None."""
    for _call, objects in ctx.memo.get(MEMO, {}).values():
        for made in (objects or {}).values():
            if made is obj:
                return obj.creation
    return None


def _objects(ctx, returned: V.Returned) -> dict | None:
    children = returned_children(ctx.resolver, returned.qualified)
    call = returned.node
    site = next((entry for entry in ctx.facts.project_calls if entry[0] is call), None)
    if children is None or site is None or len(children) > 8:
        return None
    _e, _qualified, args, kwargs, where = site
    objects = {}
    for position, child in enumerate(children):
        if child is not None and child[0] != "Process":  # (a node of its own: each queue is read by its own ops)
            objects[position] = V.MPObject(ast.copy_location(ast.Constant(position), call), child[0])
    helper = ctx.resolver.definition(returned.qualified)
    params = [a.arg for a in (*helper.args.posonlyargs, *helper.args.args)]
    for position, child in enumerate(children):
        if child is None or child[0] != "Process":
            continue
        _kind, target, given, daemon = child
        process = V.MPObject(call, "Process", daemon=daemon)
        process.start_seen = True
        items = []
        for item in given:
            if item[0] == "returned":
                items.append((call, objects.get(item[1])))
            elif item[0] == "param":
                index = params.index(item[1]) if item[1] in params else None
                passed = kwargs.get(item[1]) or (args[index] if index is not None and index < len(args) else None)
                items.append(passed if passed is not None else (call, None))  # (a default: not known here)
            else:
                items.append((item[1], V.Constant(item[1], 8) if type(item[1]) is ast.Constant else None))
        process.creation = Creation(call, "Process", where, process, target=V.ModuleRef(call, target), args=items)
        objects[position] = process
    return objects
