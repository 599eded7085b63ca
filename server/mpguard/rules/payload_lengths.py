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
from mpguard.rules.pickled_items import item_size
from mpguard.semantic.local_values import own_nodes

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
    if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name):
        found = generator_items(ctx, expr, range_length)
        return found[0] if found is not None else None
    value = _given(ctx, expr, sender, creation)
    return _value_length(ctx, value, range_length, depth + 1) if value is not None else None


def iterated_item(ctx, expr, sender, creation) -> ast.AST | None:
    """The expression that made each item of what iterating `expr` gives, when `expr` is a parameter of the child's
    target (or an attribute of one) that the Process's arguments give a list comprehension of one `for` and no
    `if`: `"tok%d %d word" % (s, i)` of `["tok%d %d word" % (s, i) for i in range(per_shard)]`. Items added to
    the list later are not among the ones counted (`iterated_length`), so they do not matter."""
    value = _given(ctx, expr, sender, creation)
    if type(value) is not V.Sequence or value.mapping or type(value.node) is not ast.ListComp:
        return None
    generators = value.node.generators
    return value.node.elt if len(generators) == 1 and not generators[0].ifs and not generators[0].is_async else None


def generator_items(ctx, call, range_length) -> tuple[int, int] | None:
    """(how many items, the least bytes pickle writes for each) a call of a generator function of this module gives at least (`shard_lines(shard)` of
    `def shard_lines(shard, count=4000): for i in range(count): yield ...`): each `yield` counts once per turn of
    the loops around it, their lengths known with the parameters bound to the constants the call passes (or the
    defaults it leaves); a yield under an `if`, an `except` or a loop of unknown length counts for nothing (it may
    not run). Unknown (None) when the generator may stop early or skip a yield (`return`, `break`, `continue`, `raise`) or hands over another
    iterable (`yield from`). Each item is weighed by what pickle writes for the value yielded at least
    (rules/pickled_items), the smallest of the yields that count."""
    if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Name):
        return None
    value = ctx.facts.module_env.get(call.func.id)
    if type(value) is not V.Callable or value.kind != "module" or type(value.definition) is not ast.FunctionDef \
            or call.keywords or any(isinstance(a, ast.Starred) for a in call.args):
        return None
    func = value.definition
    params = [a.arg for a in (*func.args.posonlyargs, *func.args.args)]
    if func.args.vararg is not None or len(call.args) > len(params):
        return None
    known = {p: a for p, a in zip(params, call.args) if isinstance(a, ast.Constant)}
    known.update((p, d) for p, d in zip(params[len(params) - len(func.args.defaults):], func.args.defaults)
                 if isinstance(d, ast.Constant) and params.index(p) >= len(call.args))
    key = ("generator items", func, tuple((p, a.value) for p, a in known.items()))
    if key not in ctx.memo:
        known = {p: a for p, a in known.items() if not rebound(ctx, func, p)}
        ctx.memo[key] = _yields(ctx, func, known, range_length)
    return ctx.memo[key]


STOPS = (ast.Return, ast.Break, ast.Continue, ast.Raise, ast.YieldFrom, ast.Await)
MAYBE = (ast.If, ast.IfExp, ast.ExceptHandler, ast.BoolOp, ast.While, getattr(ast, "match_case", ast.ExceptHandler))


def generator_item(ctx, call, range_length) -> int | None:
    """The least bytes of each item a call of a generator function of this module gives (`generator_items`)."""
    found = generator_items(ctx, call, range_length)
    return found[1] if found is not None else None


def _yields(ctx, func, known: dict, range_length) -> tuple[int, int] | None:
    own = list(own_nodes(func))
    if any(type(n) in STOPS for n in own):
        return None
    total, least = 0, None
    for node in own:
        if type(node) is not ast.Yield:
            continue
        turns, parent = 1, ctx.parents.get(node)
        while parent is not None and parent is not func and turns:
            if isinstance(parent, MAYBE):
                turns = 0
            elif isinstance(parent, (ast.For, ast.comprehension)):
                count = range_length(parent.iter, known)
                turns = turns * count if count is not None else 0
            parent = ctx.parents.get(parent)
        if turns:
            total += turns
            each = item_size(node.value) if node.value is not None else 1
            least = each if least is None else min(least, each)
    return (total, least) if total else None


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
