"""MP206 at interpreter exit (rules/exit_unlink): the program ends right after it started a child given a Lock or
Queue, and at exit multiprocessing unlinks the semaphores before it joins the children (thingy_grabber #33).

The fix joins the children at the end of the function that started them, before the program ends: the
semaphores are unlinked only after the children have opened them (and finished). The interpreter's exit joins
these non-daemonic children anyway, after the finalizers, so the program waits as long as before; only the
order changes. UNSAFE: the quick work that followed the function's return (in its callers) now runs after the
children are done.

The join is written for the names the start was made on: `p.start()` of a local `p` bound once, not in a loop
(`p.join()`), or `w.start()` as the body of `for w in workers:` (`for w in workers: w.join()`). No fix when the
start is not in the function's own block (under an `if`, its name may be unbound on the other path), when the
function may leave before its end after the start (`return`, `raise`, `yield`, `sys.exit`), or when the names
are bound again after it.
"""
from __future__ import annotations

import ast

from mpguard.semantic.index import nodes_in
from mpguard.text.findings import Applicability, Fix
from mpguard.fixes import _text as T

LEAVES = (ast.Return, ast.Raise, ast.Yield, ast.YieldFrom, ast.Await)


def _fix(ctx, start):
    stmt = T.statement_of(ctx, start)
    call = start if isinstance(start, ast.Call) else None
    if call is None or not (isinstance(stmt, ast.Expr) and stmt.value is call) \
            or not isinstance(call.func, ast.Attribute) or not isinstance(call.func.value, ast.Name):
        raise T.CannotFix("not a statement `p.start()`")
    name = call.func.value.id
    function = ctx.parents.get(stmt)
    holder = None
    if isinstance(function, ast.For):
        holder, function = function, ctx.parents.get(function)
    if not isinstance(function, T.FUNCS) or not T.owns_lines(ctx, stmt):
        raise T.CannotFix("not in a function's own block")
    placed = holder or stmt
    if not any(s is placed for s in function.body):
        raise T.CannotFix("not in a function's own block")
    nl = T.newline(ctx)
    indent = T.block_indent(ctx, function.body)
    if holder is not None:
        if not (isinstance(holder.target, ast.Name) and holder.target.id == name and isinstance(holder.iter, ast.Name)
                and not holder.orelse):
            raise T.CannotFix("not `for p in processes: p.start()`")
        names = {holder.iter.id}  # (the loop variable may be bound again: the join loop binds it itself)
        text = f"{indent}for {name} in {holder.iter.id}:{nl}{indent}{T.INDENT}{name}.join(){nl}"
    else:
        names = {name}
        text = f"{indent}{name}.join(){nl}"
    later = [n for s in function.body if T.first_row(s) > placed.end_lineno or s is placed for n in nodes_in(s)]
    if any(isinstance(n, LEAVES) for n in later) or any(_exits(ctx, n) for n in later):
        raise T.CannotFix("the function may leave before its end")
    after = [n for n in later if getattr(n, "lineno", 0) > placed.end_lineno]
    if any(isinstance(n, ast.Name) and n.id in names and not isinstance(n.ctx, ast.Load) for n in after):
        raise T.CannotFix("the name is bound again after the start")
    binders = [n for n in nodes_in(function) if isinstance(n, ast.Name) and n.id == name
               and not isinstance(n.ctx, ast.Load)]
    if holder is None and (len(binders) != 1 or _in_loop(ctx, binders[0], function)):
        raise T.CannotFix("the process name is not bound once")
    last = function.body[-1]
    if not T.owns_lines(ctx, last):
        raise T.CannotFix("shared line")
    joined = f"`{holder.iter.id}`" if holder is not None else f"`{name}`"
    return Fix(f"Join {joined} before the program ends, so that the children have opened the Lock or Queue before "
               "exit unlinks it (unsafe: what runs after this function returns now waits for the children, as the "
               "exit did)", Applicability.UNSAFE, (T.insert_at_row(ctx, last.end_lineno + 1, text),))


def _exits(ctx, node) -> bool:
    return isinstance(node, ast.Call) and (ctx.imports.qualify(node.func) or "") in ("sys.exit", "os._exit", "exit",
                                                                                      "quit")


def _in_loop(ctx, node, function) -> bool:
    current = ctx.parents.get(node)
    while current is not None and current is not function:
        if isinstance(current, (ast.For, ast.AsyncFor, ast.While)):
            return True
        current = ctx.parents.get(current)
    return False


join_before_exit_fix = T.fix_builder(_fix)
