"""How much a list holds when the child fills it with `append` before it sends it (MP410's payload size):
`failures = []`, then `failures.append((name, log + "x" * 20000))` in `for name in tests:`, then one
`summary.put({"failures": failures})`. The one put writes what the appends gathered, as many bytes as a put
per append would: the list is sized the way the puts of a loop are counted (rules/lifecycle._writes_much).

Sized only when the code makes it plain, as a lower bound:
- the function binds the name once, to an empty list (`[]` or `list()`), outside any loop;
- every other use of the name is `name.append(item)`, a read in the sent expression, `len(name)`, or the
  iterable of a loop (anything else, a call that is handed the list, `clear()`, `pop()`, a store into it, may
  shrink it: unknown);
- an append counts when it runs before the send and no loop around it holds the send; one under an `if`, an
  `except` or a `case` counts for nothing (it may not run);
- its item is sized by `estimated_size` (unknown: a small item) times the turns of the loops around it
  (`turns(node)`: None when a loop's count is unknown, which counts as a collection of unknown length, as
  puts in such a loop do)."""
from __future__ import annotations

import ast

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
LOOPS = (ast.For, ast.AsyncFor, ast.While)
# (a `try` body and a `with` body run; a handler, a branch, a case may not)
CONDITIONAL = (ast.If, ast.IfExp, ast.ExceptHandler, ast.BoolOp, getattr(ast, "match_case", ast.ExceptHandler))


def filled_size(ctx, func, name: str, send, item_size, turns, unknown: int, small: int) -> int | None:
    """The bytes the list `name` of `func` holds when `send` (the put or send call) runs, or None when not
    known. `item_size(expr)`: an appended item's size (None: unknown); `turns(node)`: how many times `node`
    runs in `func` (None: unknown); `unknown`: the size of a collection of unknown length; `small`: of an
    unknown item."""
    key = ("filled list", func, name, send)
    memo = ctx.memo.setdefault("filled lists", {})
    if key not in memo:
        memo[key] = _filled(ctx, func, name, send, item_size, turns, unknown, small)
    return memo[key]


def _filled(ctx, func, name, send, item_size, turns, unknown, small):
    binding, appends = None, []
    for node in ctx.nodes_of(func):
        if type(node) is not ast.Name or node.id != name:
            continue
        parent = ctx.parents.get(node)
        if isinstance(node.ctx, ast.Store):
            if binding is not None or not _empty_list_binding(parent, node):
                return None
            binding = parent
        elif isinstance(node.ctx, ast.Del):
            return None
        elif type(parent) is ast.Attribute and parent.value is node:
            call = ctx.parents.get(parent)
            if parent.attr != "append" or type(call) is not ast.Call or call.func is not parent \
                    or len(call.args) != 1 or call.keywords or type(ctx.parents.get(call)) is not ast.Expr:
                return None
            appends.append(call)
        elif not _plain_read(ctx, node, parent, send):
            return None
    if binding is None or ctx.enclosing_function(binding) is not func or _loop_around(ctx, binding, func):
        return None
    total = 0
    for call in appends:
        if ctx.enclosing_function(call) is not func or not _before(call, send) or _conditional(ctx, call, func):
            continue
        loop = _loop_around(ctx, call, func)
        if loop is not None and ctx.inside(send, loop):
            continue  # (sent on each turn while it grows: not sized)
        count = turns(call)
        if count is None:
            return unknown
        size = item_size(call.args[0])
        total += count * (size if size is not None else small)
    return total if appends else None


def _empty_list_binding(statement, target) -> bool:
    if type(statement) is not ast.Assign or len(statement.targets) != 1 or statement.targets[0] is not target:
        return False
    value = statement.value
    return type(value) is ast.List and not value.elts or type(value) is ast.Call and not value.args \
        and not value.keywords and getattr(value.func, "id", None) == "list"


def _plain_read(ctx, node, parent, send) -> bool:
    """A read that leaves the list as it is: in the sent expression, `len(name)`, a loop's iterable."""
    if ctx.inside(node, send):
        return True
    if type(parent) is ast.Call and getattr(parent.func, "id", None) == "len" and parent.args == [node]:
        return True
    return isinstance(parent, (ast.For, ast.AsyncFor, ast.comprehension)) and parent.iter is node


def _before(call, send) -> bool:
    return (call.lineno, call.col_offset) < (send.lineno, send.col_offset)


def _loop_around(ctx, node, func):
    node = ctx.parents.get(node)
    while node is not None and node is not func:
        if isinstance(node, LOOPS):
            return node
        node = ctx.parents.get(node)
    return None


def _conditional(ctx, node, func) -> bool:
    node = ctx.parents.get(node)
    while node is not None and node is not func:
        if isinstance(node, CONDITIONAL):
            return True
        node = ctx.parents.get(node)
    return False
