"""MP207: a task returns a `re.Match` (directly, or kept in the record it returns), which pickle refuses.

When the pattern has named groups only, the match's `groupdict()` is the picklable stand-in: the parent
still reads `m["name"]` as before, and a failed match stays None. The fix replaces the match where it
enters what the task returns: `return m`, `record["match"] = m`, `out.append(m)`, `{"m": m}`:
`m.groupdict()` where a test around it already says the match succeeded (`if m:`), otherwise
`m.groupdict() if m else None`. UNSAFE: the parent gets a dict, without `.group()`, `.start()`, `.span()`.

Out of reach (no fix): a pattern with unnamed groups or not known as a literal, a match used any other
way in the task function, or a match bound more than once.
"""
from __future__ import annotations

import ast
import re

from mpguard.semantic.index import nodes_in
from mpguard.text.findings import Applicability, Edit, Fix
from mpguard.fixes import _text as T

MATCHERS = ("search", "match", "fullmatch")
KEEPERS = ("append", "add", "insert")


def _fix(ctx, ret):
    func = T.enclosing_function(ctx, ret)
    if func is None or not isinstance(ret, ast.Return) or ret.value is None:
        raise T.CannotFix("not a return in a function")
    edits = []
    for helper in _producers(ctx, func, ret.value):
        matches = _match_names(ctx, helper)
        if matches:
            edits += _edits_in(ctx, helper, matches)
    if not edits:
        raise T.CannotFix("the match does not enter the result here")
    return Fix("Return the match's named groups (`groupdict()`) instead of the re.Match (unsafe: the parent "
               "gets a dict: `m[\"name\"]` works as before, `.group()`, `.start()`, `.span()` do not)",
               Applicability.UNSAFE, tuple(edits))


def _producers(ctx, func, value, depth: int = 3) -> list:
    """`func`, and the module-level functions whose results the returned expression holds
    (`return [parse_line(x) for x in lines]`), followed through what they return."""
    functions = {s.name: s for s in ctx.tree.body if isinstance(s, T.FUNCS)}
    out, todo = [func], [(value, depth)]
    while todo:
        expr, left = todo.pop()
        for node in nodes_in(expr):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in functions \
                    and functions[node.func.id] not in out and left:
                helper = functions[node.func.id]
                out.append(helper)
                todo.extend((r.value, left - 1) for r in nodes_in(helper) if isinstance(r, ast.Return) and r.value)
    return out


def _edits_in(ctx, func, matches) -> list:
    returned = {n.id for r in nodes_in(func) if isinstance(r, ast.Return) and r.value is not None
                for n in nodes_in(r.value) if isinstance(n, ast.Name)}
    edits = []
    for node in nodes_in(func):
        if not (isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id in matches):
            continue
        parent = ctx.parents.get(node)
        if _tested(node, parent):
            continue
        if not _kept(ctx, node, parent, returned):
            raise T.CannotFix(f"`{node.id}` is used in another way")
        guarded = _guarded(ctx, node, func)
        text = f"{node.id}.groupdict()" if guarded else f"{node.id}.groupdict() if {node.id} else None"
        if not guarded and isinstance(parent, (ast.Dict, ast.List, ast.Tuple, ast.Set, ast.Call)):
            text = f"({text})"
        edits.append(Edit(ctx.source.node_start(node), ctx.source.node_end(node), text))
    return edits


def _match_names(ctx, func) -> set:
    """Names bound once in `func` to `PATTERN.search(...)` (or `re.search(r"...", ...)`) of a pattern
    whose groups are all named."""
    bound: dict = {}
    for node in nodes_in(func):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            bound[node.id] = bound.get(node.id, 0) + 1
    out = set()
    for node in nodes_in(func):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) \
                and bound.get(node.targets[0].id) == 1 and _named_groups_match(ctx, node.value):
            out.add(node.targets[0].id)
    return out


def _named_groups_match(ctx, call) -> bool:
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr in MATCHERS):
        return False
    if ctx.imports.qualify(call.func) in (f"re.{m}" for m in MATCHERS):
        pattern = call.args[0] if call.args else None
    else:
        pattern = _compiled_pattern(ctx, call.func.value)
    if not (isinstance(pattern, ast.Constant) and isinstance(pattern.value, str)):
        return False
    try:
        compiled = re.compile(pattern.value)
    except re.error:
        return False
    return bool(compiled.groupindex) and len(compiled.groupindex) == compiled.groups


def _compiled_pattern(ctx, expr):
    """The pattern literal of a module-level `NAME = re.compile(r"...")` assigned once."""
    if not isinstance(expr, ast.Name):
        return None
    found = [s for s in ctx.tree.body if isinstance(s, ast.Assign)
             and any(isinstance(t, ast.Name) and t.id == expr.id for t in s.targets)]
    if len(found) != 1 or not isinstance(found[0].value, ast.Call) \
            or ctx.imports.qualify(found[0].value.func) != "re.compile" or len(found[0].value.args) != 1:
        return None
    return found[0].value.args[0]


def _tested(node, parent) -> bool:
    """`if m:`, `m is not None`, `ok = m is not None`, `m["name"]` read in the task: not what it returns."""
    if isinstance(parent, (ast.If, ast.IfExp, ast.While)) and parent.test is node:
        return True
    if isinstance(parent, ast.Compare) and isinstance(parent.comparators[0], ast.Constant) \
            and parent.comparators[0].value is None:
        return True
    if isinstance(parent, ast.UnaryOp) and isinstance(parent.op, ast.Not):
        return True
    if isinstance(parent, ast.BoolOp):
        return False
    if isinstance(parent, ast.Subscript) and parent.value is node:
        return True  # `m["name"]`: a string, read here
    return isinstance(parent, ast.Attribute) and parent.value is node and parent.attr in (
        "group", "groups", "groupdict", "start", "end", "span")


def _kept(ctx, node, parent, returned) -> bool:
    """Where the match enters what the function returns: `return m`, `record[...] = m` or
    `out.append(m)` for a returned `record`/`out`, or an item of a literal in a return statement."""
    if isinstance(parent, ast.Return):
        return True
    if isinstance(parent, ast.Assign) and parent.value is node:
        return all(isinstance(t, (ast.Subscript, ast.Attribute)) and isinstance(t.value, ast.Name)
                   and t.value.id in returned for t in parent.targets)
    if isinstance(parent, (ast.Dict, ast.List, ast.Tuple, ast.Set)):
        return isinstance(T.statement_of(ctx, node), ast.Return)
    return isinstance(parent, ast.Call) and isinstance(parent.func, ast.Attribute) \
        and parent.func.attr in KEEPERS and any(a is node for a in parent.args) \
        and isinstance(parent.func.value, ast.Name) and parent.func.value.id in returned


def _guarded(ctx, node, func) -> bool:
    """Inside the body of `if m:` or `if m is not None:` (the match succeeded there)."""
    child, parent = node, ctx.parents.get(node)
    while parent is not None and parent is not func:
        if isinstance(parent, ast.If) and any(s is child for s in parent.body):
            test = parent.test
            if isinstance(test, ast.Name) and test.id == node.id:
                return True
            if isinstance(test, ast.Compare) and isinstance(test.left, ast.Name) and test.left.id == node.id \
                    and isinstance(test.ops[0], ast.IsNot) and isinstance(test.comparators[0], ast.Constant) \
                    and test.comparators[0].value is None:
                return True
        child, parent = parent, ctx.parents.get(parent)
    return False


# Public builder (MP207, through refused_value_fix): None when out of reach or when the result would not parse.
match_result_fix = T.fix_builder(_fix)
