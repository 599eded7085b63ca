"""How long a `Process.join()` waits: `join(timeout)` returns after its timeout (the wait that never
ends, if any, is a later `join()` or the one the interpreter's exit makes); `join()` waits for good,
and so does `join(timeout)` polled in a `while` loop. Used by MP410 (lifecycle) and by the hang at
exit after a join that gave up (exit_join)."""
from __future__ import annotations

import ast

from mpguard.semantic import values as V
from mpguard.semantic.index import default_expression
from mpguard.semantic.record_fields import attributes_may_change, frozen_dataclass, given_integers


def bounded_wait(ctx, node: ast.Call) -> bool:
    """`p.join(5)`, `p.join(timeout=t)`: returns after the timeout (None, written out, waits for good)."""
    timeout = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "timeout"), None)
    if timeout is None or isinstance(timeout, ast.Constant) and timeout.value is None:
        return False
    parent = ctx.parents.get(node)
    while parent is not None and not isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
        if isinstance(parent, ast.While):
            return False  # `while p.is_alive(): p.join(1)` waits as long as join() does
        parent = ctx.parents.get(parent)
    return parent is None or not _gives_up_after(parent, node)


def gives_up(ctx, node: ast.Call) -> bool:
    """`p.join(timeout)` that its function follows with a terminate(), a kill() or a raise (`_gives_up_after`): when
    the timeout runs out the child is taken for hung, not waited for again."""
    timeout = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "timeout"), None)
    if timeout is None or isinstance(timeout, ast.Constant) and timeout.value is None:
        return False
    parent = ctx.parents.get(node)
    while parent is not None and not isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
        parent = ctx.parents.get(parent)
    return parent is not None and _gives_up_after(parent, node)


def ended_before(ctx, node: ast.Call) -> bool:
    """A `p.join()` that its function runs after a `p.terminate()` or `p.kill()` of the same receiver (written the
    same): the child is killed, so the join returns whatever the child was doing (unsure whether that kill runs on
    every path: said as ended either way, precision first)."""
    receiver = node.func.value if isinstance(node.func, ast.Attribute) else None
    parent = ctx.parents.get(node)
    while parent is not None and not isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
        parent = ctx.parents.get(parent)
    if receiver is None or parent is None:
        return False
    # (ast.unparse, not ast.dump: dump's nested function leaves a reference cycle per call)
    text, at = ast.unparse(receiver), (node.lineno, node.col_offset)
    return any(where < at and killed == text for where, killed in _kills_in(ctx, parent))


def _kills_in(ctx, func) -> list:
    """[(position, receiver text)] of the `x.terminate()` / `x.kill()` calls `func` itself runs, read once per
    function and analysis (asked per join: a function with n joins and n kills read n times its nodes)."""
    key = ("kills in", id(func))
    found = ctx.memo.get(key)
    if found is None:
        found = ctx.memo[key] = [((n.lineno, n.col_offset), ast.unparse(n.func.value)) for n in _run_by(func)
                                 if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                                 and n.func.attr in ("terminate", "kill")]
    return found


def _gives_up_after(func, join: ast.Call) -> bool:
    """After the join, the function kills the child or raises (`if p.is_alive(): p.terminate(); raise
    TimeoutError`): a child still writing to the pipe is then never waited for, and every run with a
    large result times out (Prefect PR 5213). The wait is bounded, but it ends in that failure."""
    end = (join.end_lineno or join.lineno, join.end_col_offset or 0)
    for node in _run_by(func):
        if (getattr(node, "lineno", 0), getattr(node, "col_offset", 0)) < end:
            continue  # written before the join ends (its own arguments included)
        if isinstance(node, ast.Raise) or (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                                           and node.func.attr in ("terminate", "kill")):
            return True
    return False


SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


def _run_by(func):
    """The nodes `func` itself runs: not the bodies of the functions and classes it defines."""
    todo = list(ast.iter_child_nodes(func))
    while todo:
        node = todo.pop()
        yield node
        if not isinstance(node, SCOPES):
            todo.extend(ast.iter_child_nodes(node))


def first_bounded_join(ctx, ops, join):
    """The earliest `join(timeout)` of the same process that the same function runs before `join`
    (`p.join(timeout); if p.is_alive(): p.join()`: the waiting begins there), else `join` itself."""
    first = join
    for op in ops:
        if op.name == "join" and op.obj is join.obj and op.where.function is join.where.function \
                and op.where.order < first.where.order and bounded_wait(ctx, op.node) \
                and not ctx.exclusive(op.node, join.node):
            first = op
    return first


def integer_arguments(ctx, creation, target) -> dict:
    """The target's parameters that the process is given a known integer for: a literal in `args`, or a
    parameter of the function that starts it whose every caller passes a literal (the largest counts).
    `range(rows)` in the child then has a known trip count."""
    if not isinstance(target, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return {}
    names = [a.arg for a in target.args.args]
    out = {}
    for index, (name, (expr, _value)) in enumerate(zip(names, creation.args)):
        # the items of `args=(...)` are known by the tuple they sit in; `args=params` says nothing here
        if not isinstance(expr, (ast.Tuple, ast.List)) or index >= len(expr.elts) \
                or any(isinstance(e, ast.Starred) for e in expr.elts[:index + 1]):
            continue
        expr = expr.elts[index]
        number = _integer(ctx, expr, creation)
        if number is None:  # `args=(spec, out)` with `spec = {"limit": 20000}`: `range(spec["limit"])`
            number = keyed_integers(ctx, expr, creation.where.function)
        if number is None:  # `args=(job, q)` with `job = CronJob(..., repeat=4000)`: `range(job.repeat)`
            number = field_integers(ctx, _value)
        if number is not None:
            out[name] = number
    return out


class Fields(dict):
    """{attribute: integer} of an object a process is given (`job.repeat`), told apart from a dict's items
    (`spec["limit"]`)."""


def field_integers(ctx, value) -> Fields | None:
    """The integer attributes of the dataclass instance `value` (resolved by the flow) stands for: the fields
    of an instance of this module's dataclass as its constructor was given them, or of another project module's
    plain dataclass (semantic/record_fields.given_integers); kept only when nothing can change them afterwards
    (a frozen dataclass, or no store of that attribute name in this module). None when none is known."""
    value = ctx.flow.resolve(value) if value is not None else None
    found = None
    if type(value) is V.Instance and value.fields:
        found = {}
        for name, item in value.fields.items():
            item = ctx.flow.resolve(item)
            node = getattr(item, "node", None)
            if type(item) is V.Constant and isinstance(node, ast.Constant) and type(node.value) is int:
                found[name] = node.value
        cls = getattr(value.cls, "definition", None)
    elif type(value) is V.Returned and value.qualified and ctx.resolver is not None:
        lookup = getattr(ctx.resolver, "class_definition", None)
        definition = lookup(value.qualified) if lookup is not None else None
        if definition is None:
            return None
        cls, imports = definition
        found = given_integers(value, cls, imports.qualify, ctx.flow.resolve)
    if not found:
        return None
    if not frozen_dataclass(cls):
        found = {name: number for name, number in found.items() if not attributes_may_change(ctx.tree, {name})}
    return Fields(found) if found else None


def keyed_integers(ctx, expr, func) -> dict | None:
    """{key: integer} of a dict literal `expr` is, or that every caller passes for the parameter `expr` names
    (a key is kept when each of them gives it a literal integer: the largest counts); None when none is known."""
    if isinstance(expr, ast.Dict):
        found = {k.value: v.value for k, v in zip(expr.keys, expr.values) if isinstance(k, ast.Constant)
                 and isinstance(v, ast.Constant) and type(v.value) is int}
        return found or None
    if not isinstance(expr, ast.Name) or not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return None
    params = [a.arg for a in func.args.args]
    if expr.id not in params or expr.id in _stored_names(ctx, func):
        return None
    position, merged = params.index(expr.id), None
    for site in ctx.facts.call_sites.get(func, ()):
        shift = 1 if site.bound else 0
        passed = site.kwargs.get(expr.id) or (site.args[position - shift] if 0 <= position - shift < len(site.args)
                                              else None)
        given = keyed_integers(ctx, passed[0], None) if passed is not None else None
        if given is None:
            return None
        merged = given if merged is None else {k: max(v, given[k]) for k, v in merged.items() if k in given}
    return merged or None


def _integer(ctx, expr, creation):
    return integer_value(ctx, expr, creation.where.function)


def integer_value(ctx, expr, func) -> int | None:
    """The integer `expr` (in `func`) is: a literal, or a parameter every caller passes a literal for or
    leaves at its literal default (the largest of them); None otherwise, or when nothing here calls `func`."""
    if isinstance(expr, ast.Constant) and type(expr.value) is int:
        return expr.value
    if not isinstance(expr, ast.Name) or not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return None
    params = [a.arg for a in func.args.args]
    if expr.id not in params or expr.id in _stored_names(ctx, func):
        return None
    position = params.index(expr.id)
    sites = ctx.facts.call_sites.get(func, ())
    numbers = []
    default = default_expression(func, expr.id)
    for site in sites:
        shift = 1 if site.bound else 0
        passed = site.kwargs.get(expr.id) or (site.args[position - shift] if 0 <= position - shift < len(site.args)
                                              else None)
        if passed is None and default is not None and None not in site.kwargs \
                and not any(isinstance(a, ast.Starred) for a, _v in site.args):
            passed = (default, None)  # not given: the parameter's default (`def preview(table, n_rows=20000)`)
        node = passed[0] if passed else None
        if not (isinstance(node, ast.Constant) and type(node.value) is int):
            return None
        numbers.append(node.value)
    return max(numbers) if numbers else None


def _stored_names(ctx, func) -> set:
    """Every name `func` (or a function nested in it) assigns, once per function and analysis."""
    known = ctx.memo.setdefault("stored names", {})
    names = known.get(func)
    if names is None:
        names = known[func] = {node.id for node in ctx.nodes_of(func)
                               if type(node) is ast.Name and type(node.ctx) is ast.Store}
    return names
