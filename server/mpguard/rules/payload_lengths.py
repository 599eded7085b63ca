"""How many items a child iterates over, when the count is not written where it iterates (MP410's payload
size): `[... for i, line in enumerate(job.lines)]` where `job` is what the Process was given and `job.lines`
was built by `["..." for i in range(per_shard)]` in the parent's `make_jobs(n, per_shard=8000)`.

The length of an iterable is known when it is
- `range(...)` with constant bounds, or a literal collection (rules/lifecycle._range_length);
- `enumerate(x)`, `reversed(x)`, `list(x)`, `tuple(x)`, `sorted(x)` of an iterable of known length; `zip(...)` of
  iterables all of known length (the shortest);
- a parameter of the child's target (or an attribute of one: a dataclass field) that the Process's arguments
  give a list or tuple display (nothing added, and for a list nothing removed anywhere in the module), or a
  list comprehension of one `for` and no `if` over such an iterable, whose bound names are the constants
  every caller of the function that builds it passes (or the parameter's default when a caller leaves it out).
Anything else is unknown (None): the payload is then not sized from it (precision first)."""
from __future__ import annotations

import ast

from mpguard.rules.param_constants import passed_constants, rebound
from mpguard.semantic import values as V

KEEPING = frozenset({"enumerate", "reversed", "list", "tuple", "sorted"})  # as many items as their argument
MAX_DEPTH = 4


def iterated_length(ctx, expr, sender, creation, range_length, depth: int = 0) -> int | None:
    """The number of items iterating `expr` (in `sender`, the child's target) gives, or None.
    `range_length(expr, known)`: the constant-bounds rule of rules/lifecycle."""
    if depth > MAX_DEPTH:
        return None
    count = range_length(expr, None)
    if count is not None:
        return count
    if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and not expr.keywords and expr.args \
            and not any(isinstance(a, ast.Starred) for a in expr.args):
        if expr.func.id in KEEPING and len(expr.args) == 1:
            return iterated_length(ctx, expr.args[0], sender, creation, range_length, depth + 1)
        if expr.func.id == "zip":
            counts = [iterated_length(ctx, a, sender, creation, range_length, depth + 1) for a in expr.args]
            return min(counts) if None not in counts else None
        return None
    value = _given(ctx, expr, sender, creation)
    return _value_length(ctx, value, range_length, depth + 1) if value is not None else None


def _given(ctx, expr, sender, creation):
    """What the Process's arguments give for `param` or `param.attr` in the target `sender`."""
    attr = None
    if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name):
        attr, expr = expr.attr, expr.value
    if not isinstance(expr, ast.Name) or creation is None or sender is None:
        return None
    params = [a.arg for a in sender.args.args]
    if expr.id not in params or rebound(ctx, sender, expr.id):
        return None
    index = params.index(expr.id)
    if index >= len(creation.args) or isinstance(creation.args[index][0], ast.Starred):
        return None
    value = creation.args[index][1]
    if attr is not None:
        value = V.Element(expr, value, attr=attr)
    return ctx.flow.resolve(value)


def _value_length(ctx, value, range_length, depth: int) -> int | None:
    """The number of items of a list the parent built with a comprehension (the smallest of a union's)."""
    if type(value) is V.Union:
        counts = [_value_length(ctx, option, range_length, depth) for option in value.options]
        return min(counts) if counts and None not in counts else None
    if type(value) is V.Sequence and not value.mapping and type(value.node) in (ast.List, ast.Tuple):
        return _literal_length(ctx, value)
    if type(value) is not V.Sequence or value.mapping or type(value.node) is not ast.ListComp:
        return None
    generators = value.node.generators
    if len(generators) != 1 or generators[0].ifs or generators[0].is_async or depth > MAX_DEPTH:
        return None
    builder = ctx.enclosing_def(value.node)
    return range_length(generators[0].iter, _bound_constants(ctx, builder, generators[0].iter))


def _literal_length(ctx, value) -> int | None:
    """The items of a list or tuple display (`["fire-rating", "load-bearing", "material"]`): its elements, when
    nothing was added later (the flow lists an `append` as one more item) and, for a list, nothing in the
    module takes items out of any list (`pop`, `remove`, `clear`, `del x[i]`: the one it does may be this)."""
    elts = value.node.elts
    if any(isinstance(e, ast.Starred) for e in elts) or len(value.items) != len(elts):
        return None
    if type(value.node) is ast.List and _removes_items(ctx):
        return None
    return len(elts)


def _removes_items(ctx) -> bool:
    if "removes list items" not in ctx.memo:
        ctx.memo["removes list items"] = any(
            isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in ("pop", "remove", "clear")
            or isinstance(n, ast.Delete) and any(isinstance(t, ast.Subscript) for t in n.targets)
            or isinstance(n, (ast.Assign, ast.AugAssign)) and any(isinstance(t, ast.Subscript) and isinstance(
                t.slice, ast.Slice) for t in (n.targets if isinstance(n, ast.Assign) else [n.target]))
            for n in ast.walk(ctx.tree))
    return ctx.memo["removes list items"]


def value_length(ctx, value, range_length) -> int | None:
    """The number of items of a resolved value: a list or tuple display, or a list comprehension of
    known length (rules/queue_writers: the turns of the loop that starts the processes)."""
    return _value_length(ctx, value, range_length, 0)



def _bound_constants(ctx, function, iterable) -> dict:
    """{name: the smallest int every call of `function` gives that parameter} for the names `iterable` reads
    (`range(per_shard)`), taking the parameter's default where a call leaves it out; a name some call gives
    something else is left out (unknown)."""
    out = {}
    for name in {n.id for n in ast.walk(iterable) if isinstance(n, ast.Name)} if function is not None else ():
        known, constants = passed_constants(ctx, function, name)
        if known and constants and all(type(c) is int for c in constants):
            out[name] = min(constants)
    return out
