"""How much a list holds when the child fills it with `append` before it sends it (MP410's payload size):
`failures = []`, then `failures.append((name, log + "x" * 20000))` in `for name in tests:`, then one
`summary.put({"failures": failures})`. The one put writes what the appends gathered, as many bytes as a put
per append would: the list is sized the way the puts of a loop are counted (rules/lifecycle.writes_more_than_buffer).

Sized only when the code makes it plain, as a lower bound:
- the function binds the name once, to an empty list (`[]` or `list()`), outside any loop;
- every other use of the name is `name.append(item)`, a read in the arguments of the one put or send that sends
  it, `len(name)`, or the iterable of a loop (anything else, a call that is handed the list, `clear()`, `pop()`, a
  store into it, may shrink it: unknown);
- an append counts when it runs before the send and no loop around it holds the send; one under an `if`, an
  `except` or a `case` counts for nothing (it may not run);
- its item is sized by the least pickle writes for it on each turn (rules/pickled_items: an object appended again
  is a memo reference, an unknown one a byte) times the turns of the loops around it
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
    facts = _list_facts(ctx, func, name)
    if facts is None or facts[2] is not send:
        return None  # (read elsewhere too, or sent by another call)
    _binding, appends, _sent_in = facts
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


def _list_facts(ctx, func, name: str):
    """(its binding, its appends, the one put or send call every other read is in) of a list `func` binds
    once to an empty list and only appends to; None otherwise. Once per function and name."""
    memo = ctx.memo.setdefault("filled list facts", {})
    key = (func, name)
    if key in memo:
        return memo[key]
    memo[key] = None
    binding, appends, sent_in = None, [], None
    for node in _names_of(ctx, func).get(name, ()):
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
        elif not _plain_read(parent, node):
            send = _sending_call(ctx, node, func)
            if send is None or sent_in not in (None, send):
                return None
            sent_in = send
    if binding is None or sent_in is None or ctx.enclosing_function(binding) is not func \
            or _loop_around(ctx, binding, func):
        return None
    memo[key] = binding, appends, sent_in
    return memo[key]


def _names_of(ctx, func) -> dict:
    """name -> the Name nodes of it in `func` (nested functions too), one pass per function."""
    memo = ctx.memo.setdefault("filled list names", {})
    if func not in memo:
        out: dict = {}
        for node in ctx.nodes_of(func):
            if type(node) is ast.Name:
                out.setdefault(node.id, []).append(node)
        memo[func] = out
    return memo[func]


def _sending_call(ctx, node, func):
    """The `x.put(...)` or `x.send(...)` call whose arguments hold `node`, else None."""
    child, parent = node, ctx.parents.get(node)
    while parent is not None and parent is not func and not isinstance(parent, ast.stmt):
        if type(parent) is ast.Call and isinstance(parent.func, ast.Attribute) \
                and parent.func.attr in ("put", "send") and any(a is child for a in parent.args):
            return parent
        child, parent = parent, ctx.parents.get(parent)
    return None


def _empty_list_binding(statement, target) -> bool:
    if type(statement) is not ast.Assign or len(statement.targets) != 1 or statement.targets[0] is not target:
        return False
    value = statement.value
    return type(value) is ast.List and not value.elts or type(value) is ast.Call and not value.args \
        and not value.keywords and getattr(value.func, "id", None) == "list"


def _plain_read(parent, node) -> bool:
    """A read that leaves the list as it is: `len(name)`, a loop's iterable."""
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
