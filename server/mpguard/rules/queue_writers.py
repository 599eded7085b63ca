"""How many processes write to one queue before the parent reads it (MP410): each alone may put less than
the pipe holds, but they all write through the same pipe, and what does not fit keeps its writer alive.

    for model_id in self.models:                  # two models: two processes
        proc = Process(target=validate, args=(model_id, self.results)); proc.start(); self.workers.append(proc)
    ...
    for proc in self.workers:                     # every one is joined before the queue is read
        proc.join()

The processes a creation site makes are counted only when every turn of the loops around it makes and
starts one (no `if`, `try` or early exit in between) and each loop's length is known: `range(N)`, a literal,
or a parameter (or `self.attr`) the flow resolves to a list or tuple display or a list comprehension of
known length (rules/payload_lengths). The join must wait for them all: it is the whole body of a `for` over
a collection (a name or attribute) that never leaves early. Otherwise one writer is counted."""
from __future__ import annotations

import ast

from mpguard.semantic import values as V
from mpguard.rules.payload_lengths import value_length

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
CONDITIONAL = (ast.If, ast.IfExp, ast.Try, ast.BoolOp, ast.While, ast.comprehension, ast.AsyncFor,
               getattr(ast, "TryStar", ast.Try), getattr(ast, "match_case", ast.If))
LEAVING = (ast.Break, ast.Continue, ast.Return, ast.Raise)


def joined_writers(ctx, creation, join, range_length) -> int:
    """How many processes the site `creation` makes, all of which the `join` (in a loop) waits for."""
    if not _joins_every_one(ctx, join.node):
        return 1
    loops = _loops_around(ctx, creation.node)
    if not loops or not any(s.obj is creation.value and _same_loops(_loops_around(ctx, s.node), loops)
                            for s in ctx.facts.starts):
        return 1  # (not in a loop, or started under a condition or elsewhere: some turns start nothing)
    count = 1
    for loop in loops:
        length = _loop_length(ctx, loop, creation.where.function, range_length)
        if length is None:
            return 1
        count *= length
    return count


def _joins_every_one(ctx, node) -> bool:
    """Is `node` (a join) run on every turn of a `for` over a collection that never leaves early?"""
    loops = _loops_around(ctx, node)
    if not loops or len(loops) != 1:
        return False
    loop = loops[0]
    return isinstance(loop.iter, (ast.Name, ast.Attribute)) and not _leaves(loop)


def _loops_around(ctx, node) -> list | None:
    """The `for` loops between `node` and its function (innermost first), or None when a condition, a
    `while`, or anything else that may skip a turn lies between them."""
    loops, child, parent = [], node, ctx.parents.get(node)
    while parent is not None and not isinstance(parent, (*FUNCS, ast.Module, ast.ClassDef)):
        if isinstance(parent, ast.For):
            if child is parent.iter or any(child is x for x in parent.orelse) or _leaves(parent):
                return None
            loops.append(parent)
        elif isinstance(parent, CONDITIONAL):
            return None
        child, parent = parent, ctx.parents.get(parent)
    return loops


def _same_loops(these, those) -> bool:
    return these is not None and len(these) == len(those) and all(a is b for a, b in zip(these, those))


def _leaves(loop) -> bool:
    """Does the loop's body have a way out or past a turn (`break`, `continue`, `return`, `raise`)?"""
    todo = list(loop.body)
    while todo:
        node = todo.pop()
        if isinstance(node, LEAVING):
            return True
        if not isinstance(node, (*FUNCS, ast.ClassDef)):
            todo.extend(ast.iter_child_nodes(node))
    return False


def _loop_length(ctx, loop, function, range_length) -> int | None:
    """The turns of `for ... in <iter>` when known: `range(N)`/a literal, or a parameter or `param.attr` the
    flow resolves to a collection of known length."""
    count = range_length(loop.iter, None)
    if count is not None:
        return count
    expr, attr = loop.iter, None
    if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name):
        expr, attr = expr.value, expr.attr
    if not isinstance(expr, ast.Name) or function is None or isinstance(function, ast.Lambda):
        return None
    args = function.args
    if expr.id not in [a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)] \
            or _rebound(ctx, function, expr.id):
        return None
    value = V.Param(expr, function=function, name=expr.id)
    if attr is not None:
        value = V.Element(expr, value, attr=attr)
    return value_length(ctx, ctx.flow.resolve(value), range_length)


def _rebound(ctx, function, name: str) -> bool:
    return any(isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, (ast.Store, ast.Del))
               for n in ctx.nodes_of(function))
