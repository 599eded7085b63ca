"""How much a function of another project module puts on the queues it is given, for MP410 (join before
drain) when a Process target is imported (`from indexer import index_worker`, CPython #73983): the module's
summary (`ModuleSummary.writes`, built by linter/summaries.write_summary) says, per function, which
parameters it puts more into than a pipe buffer holds, as the same-file rule judges a target it can read
(rules/lifecycle.writes_more_than_buffer), and which of its parameters bound that: the loops around the puts iterate
them (`range(count)`, `for row in rows`, `range(shard.lines)`). A caller that gives a known constant or
literal there is not judged (the same-file rule would count it; here it is not followed: silence)."""
from __future__ import annotations

import ast

from mpguard.resolve.project import writes_summary
from mpguard.rules.consumer_loops import consumed_queue
from mpguard.semantic import values as V
from mpguard.semantic.index import nodes_in

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
LARGE = 1 << 30  # (a count no caller's constant reaches: the search for the threshold stops in 30 steps)
LOOPS = (ast.For, ast.AsyncFor, ast.While, ast.comprehension)


def queue_writes(ctx, writes_much) -> dict:
    """{function name: {position: {position of a parameter that bounds the puts: the least integer there that
    fills the pipe, or None}}} for the
    module's top-level functions that put more than a pipe holds into a parameter. `writes_much(ctx, func,
    index, bounds)`: the same-file judgement (rules/lifecycle). A put inside a loop that takes its items from
    a queue (a consumer loop: bounded by what the parent feeds, which only the caller's module knows) is
    not summarised."""
    out = {}
    for func in ctx.tree.body:
        if type(func) not in FUNCS:
            continue
        params = [a.arg for a in func.args.args]
        sends = [n for n in nodes_in(func) if type(n) is ast.Call and type(n.func) is ast.Attribute and n.args
                 and n.func.attr in ("put", "send") and type(n.func.value) is ast.Name and n.func.value.id in params]
        found = {}
        for index, name in enumerate(params):
            mine = [s for s in sends if s.func.value.id == name]
            if not mine or any(consumed_queue(loop, func) is not None for s in mine for loop in _loops(ctx, s, func)):
                continue
            if not writes_much(ctx, func, index, None):
                continue
            bounding = {p for s in mine for loop in _loops(ctx, s, func) for p in _named(loop, params)}
            zero = {p: 0 for p in params if p not in bounding}
            if zero and not writes_much(ctx, func, index, zero):
                bounding.update(zero)  # (an integer parameter bounds it in a way the loops do not show)
            found[index] = {params.index(p): _threshold(ctx, func, index, p, writes_much)
                            for p in sorted(bounding) if p != name}
        if found:
            out[func.name] = found
    return out


def _threshold(ctx, func, index: int, param: str, writes_much) -> int | None:
    """The least integer for `param` (`range(count)`) from which the puts fill the pipe, the other parameters
    unknown; None when no integer there decides it (a list's items, an object's field)."""
    if writes_much(ctx, func, index, {param: 0}) or not writes_much(ctx, func, index, {param: LARGE}):
        return None
    low, high = 0, LARGE  # writes_much is False at low, True at high: the answer is high when they meet
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (low, middle) if writes_much(ctx, func, index, {param: middle}) else (middle, high)
    return high


def _loops(ctx, node, func):
    node = ctx.parents.get(node)
    while node is not None and node is not func:
        if type(node) in LOOPS:
            yield node
        node = ctx.parents.get(node)


def _named(loop, params) -> set:
    """The parameters the loop's iterable (or a while loop's test) names."""
    part = loop.test if type(loop) is ast.While else loop.iter
    return {n.id for n in ast.walk(part) if type(n) is ast.Name and n.id in params}


def imported_writes_much(ctx, target, index: int, creation) -> bool:
    """Does the Process target `target`, a function of another project module, put more than a pipe holds
    into its `index`-th parameter, for the arguments `creation` gives it? Never when a parameter that bounds
    the puts is given a constant or a literal collection (its count would decide; not followed)."""
    if type(target) is not V.ModuleRef:
        return False
    summary, name = writes_summary(ctx.resolver, target.qualified)
    bounds = summary.writes.get(name, {}).get(index) if summary is not None else None
    if bounds is None:
        return False
    for position, threshold in bounds.items():
        if position >= len(creation.args):
            continue  # the parameter's default: not read (the loops may still be unbounded)
        expr, value = creation.args[position]
        if isinstance(expr, (ast.Tuple, ast.List)) and len(expr.elts) == len(creation.args):
            expr = expr.elts[position]  # (each argument is recorded with the whole `args=` tuple)
        given = ctx.flow.resolve(value) if type(value) in (V.Param, V.CallResult, V.Element) else value
        number = getattr(given.node, "value", None) if type(given) is V.Constant else None
        if threshold is not None and type(number) is int:
            if number < threshold:
                return False  # a count the pipe holds
            continue
        if type(given) is V.Constant or isinstance(expr, (ast.Constant, ast.List, ast.Tuple, ast.Set)) \
                or type(given) is V.Sequence and type(given.node) in (ast.List, ast.Tuple, ast.Set, ast.Dict):
            return False  # (a literal list that is filled later is not followed either: silence)
    return True
