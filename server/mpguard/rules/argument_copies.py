"""MP301 for an argument: a child changes the list, dict or set it was given, and the parent reads its own.

`Process(target=worker, args=(results, i))` with `def worker(results, idx): results[idx] = ...`: the child gets a
copy of `results` (forked memory under fork, an unpickled copy under spawn and forkserver), so the parent's
`print(results)` after the joins shows nothing the children stored, under every start method (observed:
tests/test_argument_copies.py). The same for the arguments of `pool.map`/`apply` tasks, which are always pickled.
Only a plain container the parent built (a Manager proxy, a multiprocessing Array/Value or a Queue is shared),
only a change the target makes itself to the parameter by name, and only when the parent reads that same name
after waiting for the children (a `join()` after the start; a map or apply call returns when its tasks did).

A library object whose methods change it (data/boundaries.json `stateful_objects`: rich's `Progress`) counts as
well, changed by one of those methods (`pbar.update(task, advance=1)` in the child: rich #1120, whose bar never
moves); one that pickle refuses is a copy only in a forked Process's child (elsewhere it fails to pickle first).
Reported at the change, and at the call that hands the argument over (where the copy is made and the fix goes).
"""
from __future__ import annotations

import ast

from mpguard.semantic import values as V
from mpguard.semantic.boundaries import stateful_objects
from mpguard.semantic.expressions import MUTATORS
from mpguard.semantic.index import nodes_in
from mpguard.semantic.platforms import ALL_METHODS
from mpguard.text.findings import CHANGED_IN_CHILD


def check(ctx) -> None:
    calls = [(c.node, c.target, c.args, c.where, c) for c in ctx.facts.creations if c.kind == "Process" and c.args]
    calls += [(s.node, s.func, s.task_args, s.where, None) for s in ctx.facts.submits
              if s.task_args and s.method_name in ("map", "apply")]  # (the call returns when the tasks did)
    for node, target, args, where, creation in calls:
        if type(target) is not V.Callable or type(target.definition) is not ast.FunctionDef:
            continue
        func = target.definition
        params = [a.arg for a in func.args.args]
        for index, (expr, value) in enumerate(args[:len(params)]):
            if type(expr) in (ast.Tuple, ast.List) and index < len(expr.elts):
                expr = expr.elts[index]  # (`args=(results, i)`: each item's own expression)
            if type(expr) is not ast.Name:
                continue
            resolved = ctx.flow.resolve(value)
            if type(resolved) is V.Sequence:
                change, what, methods = _changed(ctx, func, params[index]), f"its copy of `{expr.id}`", ALL_METHODS
            else:
                change, what, methods = _stateful_change(ctx, func, params[index], resolved, creation)
            if change is not None and methods and _read_after(ctx, expr.id, node, where.function, creation is not None):
                ctx.report("MP301", change, f"the child changes {what} (the parameter `{params[index]}`); the parent "
                           f"reads its own `{expr.id}` and never sees the change: each process has its own copy",
                           methods, related=((node, "handed to the child here"),))
                # the call is where the copy is made, and where the fix goes (a Manager proxy, a Queue for the
                # child's answer): reported there too, the change as related
                ctx.report("MP301", node, f"`{expr.id}` is handed to the child here as a copy; the child changes it "
                           f"(line {change.lineno}) and the parent, which reads its own `{expr.id}` after, never sees "
                           "the change", methods, related=((change, CHANGED_IN_CHILD),))
                break


def _stateful_change(ctx, func, name: str, value, creation):
    """(the first call in `func` of a method that changes the library object `name` holds, what it is, the start
    methods under which the child gets a copy) for an object of the catalog's `stateful_objects` (rich's
    `Progress`, whose `update()` advances its own task table); (None, "", ()) otherwise. An object pickle refuses
    reaches a Process's child as a copy only when it is forked (its arguments are not pickled then; spawn fails
    on pickling first, another finding), and never a pool's task."""
    made = getattr(value, "node", None)
    qualified = ctx.imports.qualify(made.func) if type(made) is ast.Call else getattr(value, "qualified", None)
    entry = stateful_objects().get(qualified or "")
    if entry is None or any(type(n) is ast.Name and n.id == name and type(n.ctx) is not ast.Load
                            for n in nodes_in(func)):
        return None, "", ()
    methods = ALL_METHODS
    if type(value) is V.Unpicklable:
        if creation is None:
            return None, "", ()
        methods = ctx.breaks(creation.value.method, lambda m: m == "fork", creation.value.elsewhere)
    for node in nodes_in(func):
        if type(node) is ast.Call and type(node.func) is ast.Attribute and node.func.attr in entry["methods"] \
                and type(node.func.value) is ast.Name and node.func.value.id == name \
                and ctx.enclosing_function(node) is func:
            shown = qualified.rpartition(".")[2]
            return node, f"its copy of the {entry.get('library', '')} `{shown}` with `{node.func.attr}()`", methods
    return None, "", ()


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
