"""MP301 for an argument: a child changes the list, dict or set it was given, and the parent reads its own.

`Process(target=worker, args=(results, i))` with `def worker(results, idx): results[idx] = ...`: the child gets a
copy of `results` (forked memory under fork, an unpickled copy under spawn and forkserver), so the parent's
`print(results)` after the joins shows nothing the children stored, under every start method (observed:
tests/test_argument_copies.py). The same for the arguments of `pool.map`/`apply` tasks, which are always pickled.
Only a plain container the parent built (a Manager proxy, a multiprocessing Array/Value or a Queue is shared),
only a change the target makes itself to the parameter by name, and only when the parent reads that same name
after waiting for the children (a `join()` after the start; a map or apply call returns when its tasks did).
"""
from __future__ import annotations

import ast

from mpguard.semantic import values as V
from mpguard.semantic.expressions import MUTATORS
from mpguard.semantic.index import nodes_in
from mpguard.semantic.platforms import ALL_METHODS


def check(ctx) -> None:
    calls = [(c.node, c.target, c.args, c.where, True) for c in ctx.facts.creations if c.kind == "Process" and c.args]
    calls += [(s.node, s.func, s.task_args, s.where, False) for s in ctx.facts.submits
              if s.task_args and s.method_name in ("map", "apply")]  # (the call returns when the tasks did)
    for node, target, args, where, joined in calls:
        if type(target) is not V.Callable or type(target.definition) is not ast.FunctionDef:
            continue
        func = target.definition
        params = [a.arg for a in func.args.args]
        for index, (expr, value) in enumerate(args[:len(params)]):
            if type(expr) in (ast.Tuple, ast.List) and index < len(expr.elts):
                expr = expr.elts[index]  # (`args=(results, i)`: each item's own expression)
            if type(expr) is not ast.Name or type(ctx.flow.resolve(value)) is not V.Sequence:
                continue
            change = _changed(ctx, func, params[index])
            if change is not None and _read_after(ctx, expr.id, node, where.function, joined):
                ctx.report("MP301", change, f"the child changes its copy of `{expr.id}` (the parameter "
                           f"`{params[index]}`); the parent reads its own `{expr.id}` and never sees the change: each "
                           "process has its own copy", ALL_METHODS, related=((node, "handed to the child here"),))
                break


def _changed(ctx, func, name: str):
    """The first statement of `func` itself (not of a function inside it) that changes the container `name`
    holds: `name[k] = v`, `name.append(v)`, `del name[k]`, `name[k] += v`. None when `func` binds `name` again."""
    if any(type(n) is ast.Name and n.id == name and type(n.ctx) is not ast.Load for n in nodes_in(func)):
        return None  # `results = {}` first: a container of the child's own
    for node in nodes_in(func):
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.Delete)):
            targets = node.targets if type(node) is not ast.AugAssign else [node.target]
            hit = any(type(t) is ast.Subscript and type(t.value) is ast.Name and t.value.id == name for t in targets)
        else:
            hit = type(node) is ast.Call and type(node.func) is ast.Attribute and node.func.attr in MUTATORS \
                and type(node.func.value) is ast.Name and node.func.value.id == name
        if hit and ctx.enclosing_function(node) is func:
            return node
    return None


def _read_after(ctx, name: str, call, function, joined: bool) -> bool:
    """Does the function that made the process read `name` after the call, and (for a Process) after a `join()`
    that follows it: the parent waited for the children, then looks at what it gave them."""
    scope = function if function is not None else ctx.tree
    end = (getattr(call, "end_lineno", call.lineno), getattr(call, "end_col_offset", 0))
    nodes = nodes_in(scope)
    if joined:
        joins = [(n.lineno, n.col_offset) for n in nodes if type(n) is ast.Call and type(n.func) is ast.Attribute
                 and n.func.attr == "join" and (n.lineno, n.col_offset) > end]
        if not joins:
            return False
        end = min(joins)
    return any(type(n) is ast.Name and n.id == name and type(n.ctx) is ast.Load and (n.lineno, n.col_offset) > end
               for n in nodes)
