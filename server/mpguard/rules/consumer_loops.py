"""How many times a worker's consumer loop runs: `while True: item = tasks.get(); if item is None: break`
(or `for item in iter(tasks.get, None):`) runs once per item put into `tasks`, so what the loop puts
into its result queue is bounded by what the parent feeds it. The join-before-drain rule (MP410) then
knows that a worker fed 1,000 small numbers cannot fill a pipe, where an unbounded `while` says nothing."""
from __future__ import annotations

import ast

from mpguard.semantic import values as V

PUTS = ("put", "put_nowait")


def consumed_queue(loop: ast.AST, func) -> tuple[str, bool] | None:
    """(the parameter of `func` the loop takes its items from, whether a `None` item ends it), for a
    loop whose every turn takes one item from a queue the process was given; else None."""
    params = [a.arg for a in func.args.args]
    if isinstance(loop, ast.For):
        it = loop.iter  # for item in iter(tasks.get, None)
        if isinstance(it, ast.Call) and getattr(it.func, "id", None) == "iter" and len(it.args) == 2 \
                and _get_on(it.args[0], params):
            sentinel = it.args[1]
            return it.args[0].value.id, isinstance(sentinel, ast.Constant) and sentinel.value is None
        return None
    if not isinstance(loop, ast.While):
        return None
    for stmt in loop.body:  # the first statement that takes an item, at the top of the loop's body
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name) \
                and isinstance(stmt.value, ast.Call) and _get_on(stmt.value.func, params):
            return stmt.value.func.value.id, _ends_on_none(loop, stmt.targets[0].id)
        if isinstance(stmt, (ast.If, ast.For, ast.While, ast.With, ast.Try)):
            return None  # a get under a condition: some turns may take nothing
    return None


def fed_items(ctx, loop, func, creation, ops, trips) -> int | None:
    """At most how many turns the consumer loop `loop` of the process target `func` makes: the items
    the parent puts into the queue it consumes (`trips(node, function)` counts each put's runs), None
    when that is not known (a put in a loop of unknown length, a child that puts into it too)."""
    found = consumed_queue(loop, func) if creation is not None else None
    if found is None:
        return None
    name, ends_on_none = found
    params = [a.arg for a in func.args.args]
    index = params.index(name)
    if index >= len(creation.args) or _puts_into(func, name):
        return None
    queue = ctx.flow.resolve(creation.args[index][1])
    if not (isinstance(queue, V.MPObject) and queue.kind in ("Queue", "SimpleQueue", "JoinableQueue")):
        return None
    known = {id(op.node) for op in ops if op.name in PUTS}
    if not _other_puts_known(ctx.tree, func, name, known):
        return None
    total = 0
    for op in ops:
        if op.name not in PUTS or op.obj is not queue and getattr(op.obj, "node", None) is not queue.node:
            continue
        item = op.node.args[0] if op.node.args else None
        if ends_on_none and isinstance(item, ast.Constant) and item.value is None:
            continue  # the sentinel: the loop ends on it, nothing is put for it
        count = trips(op.node, op.where.function)
        if count is None:
            return None
        total += count
    return total


def _other_puts_known(tree, func, name: str, known: set) -> bool:
    """Is every `x.put(...)` of the module one on an object the walk knows (its count is then read), or
    the worker's own put into another of its parameters? A put through a helper's parameter
    (`def feed(q, items): ... q.put(x)`) may feed the consumed queue a number of items nobody knows."""
    params = {a.arg for a in func.args.args} - {name}
    inside = {id(n) for n in ast.walk(func)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in PUTS \
                and id(node) not in known:
            mine = id(node) in inside and isinstance(node.func.value, ast.Name) and node.func.value.id in params
            if not mine:
                return False
    return True


def _get_on(expr, params) -> bool:
    return isinstance(expr, ast.Attribute) and expr.attr == "get" and isinstance(expr.value, ast.Name) \
        and expr.value.id in params


def _ends_on_none(loop: ast.While, name: str) -> bool:
    """`if item is None: break` (or return) somewhere in the loop."""
    for node in ast.walk(loop):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Compare) and len(node.test.ops) == 1 \
                and isinstance(node.test.ops[0], ast.Is) and isinstance(node.test.left, ast.Name) \
                and node.test.left.id == name and isinstance(node.test.comparators[0], ast.Constant) \
                and node.test.comparators[0].value is None \
                and any(isinstance(s, (ast.Break, ast.Return)) for s in node.body):
            return True
    return False


def _puts_into(func, name: str) -> bool:
    """Does the worker put into the queue it consumes (a crawler adding the links it finds)? Then the
    parent's puts do not bound its turns."""
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in PUTS
               and isinstance(n.func.value, ast.Name) and n.func.value.id == name for n in ast.walk(func))
