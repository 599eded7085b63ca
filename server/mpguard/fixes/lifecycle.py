"""MP410 / MP411 / MP414: the order of join, reads, close() and the end of a `with Pool()` block.

* MP410 (`drain_before_join_fix`): `p.join()` comes before the statement that reads the queue or
  pipe the child fills. In the simple case (both statements in the same block, the join a plain
  expression statement, nothing between them that uses the process) the join moves to just after
  the read; a loop that only joins (`for p in procs: p.join()`) moves as a whole. SAFE when the read is the next statement (only the order of join and read changes,
  and reading first is what lets the child exit); UNSAFE when statements lie between them.
* MP411 (`fetch_results_fix`): async work is still pending when `with Pool() as pool:` ends and
  `__exit__` calls terminate(). The fix adds `pool.close()` and `pool.join()` as the last
  statements of the block, so every submitted task finishes first. SAFE: the only change is that
  the pending work now runs instead of being killed (errors in it stay unreported, as before;
  fetch the results with .get() to see them).
* MP414 (`close_after_loop_fix`): `pool.close()` as the last statement of the loop that submits on each turn
  moves after the loop (SAFE; see `_close_after_loop`).
"""
from __future__ import annotations

import ast

from mpguard.semantic.index import nodes_in
from mpguard.text.findings import Applicability, Edit, Fix
from mpguard.fixes import _text as T


def _drain(ctx, join, read):
    join_stmt = T.statement_of(ctx, join.node)
    if not (isinstance(join_stmt, ast.Expr) and join_stmt.value is join.node) or not T.owns_lines(ctx, join_stmt):
        raise T.CannotFix("join is part of a larger statement")
    process = ast.unparse(join.node.func.value) if isinstance(join.node.func, ast.Attribute) else None
    loop = ctx.parents.get(join_stmt)
    if isinstance(loop, ast.For) and loop.body == [join_stmt] and not loop.orelse and T.owns_lines(ctx, loop):
        # `for p in procs: p.join()`: the whole loop moves after the read
        join_stmt, process = loop, ast.unparse(loop.iter)
        label = f"the loop joining `{process}`"
    else:
        label = f"`{process}.join()`"
    block, j = T.body_of(ctx, join_stmt)
    read_stmt = T.statement_of(ctx, read.node)
    while read_stmt is not None and not any(s is read_stmt for s in block):
        read_stmt = ctx.parents.get(read_stmt)
    if read_stmt is None:
        raise T.CannotFix("read is in another block")
    r = next(i for i, s in enumerate(block) if s is read_stmt)
    if r <= j:
        raise T.CannotFix("read before join")
    between = block[j + 1:r]
    if not T.owns_lines(ctx, read_stmt):
        raise T.CannotFix("shared line")
    if _polls(read_stmt):
        raise T.CannotFix("the read stops at a momentarily empty queue")
    if isinstance(read_stmt, ast.Return) and read_stmt.value is not None and process is not None \
            and not any(process in ast.unparse(s) for s in between):
        return _read_then_return(ctx, join_stmt, read_stmt, between, label)
    if isinstance(read_stmt, (ast.Return, ast.Raise)):
        raise T.CannotFix("the read returns: a join after it (or the code after a read moved above) never runs")
    if process is None or any(process in ast.unparse(s) for s in between):
        return _read_first(ctx, join_stmt, read_stmt, between, label)
    text = T.rows_text(ctx, T.first_row(join_stmt), join_stmt.end_lineno)
    start = T.with_comments(ctx, T.first_row(join_stmt))
    edits = [T.delete_rows(ctx, start, join_stmt.end_lineno),
             T.insert_at_row(ctx, read_stmt.end_lineno + 1, T.end_with_newline(ctx, text))]
    if between:
        return Fix(f"Read before {label} (unsafe: the join moves past {len(between)} statement(s))",
                   Applicability.UNSAFE, tuple(edits))
    return Fix(f"Read before {label}", Applicability.SAFE, tuple(edits))


POLLS = frozenset(("empty", "qsize", "full", "get_nowait", "poll"))


def _polls(read_stmt) -> bool:
    """Does the read stop when the queue or pipe is momentarily empty (`while not q.empty(): q.get()`)?
    Moved before the join, it then ends at once, before the children have put anything, and the join
    still waits for them to flush (openstreetPOIs #1): not a drain, so no fix."""
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in POLLS
               for n in nodes_in(read_stmt))


def _read_then_return(ctx, join_stmt, read_stmt, between, label):
    """The read is the value a `return` gives: see `join_after_return_edits`."""
    edits = join_after_return_edits(ctx, join_stmt, read_stmt)
    if between:
        return Fix(f"Read before {label}, then return what was read (unsafe: the join moves past {len(between)} "
                   "statement(s))", Applicability.UNSAFE, edits)
    return Fix(f"Read before {label}, then return what was read", Applicability.SAFE, edits)


def join_after_return_edits(ctx, join_stmt, read_stmt) -> tuple:
    """The edits that move `join_stmt` (a statement of the same block) after `read_stmt`, the `return <value>`
    whose value reads what the children write (`return self.collect()`, cpython #73983): the value is bound to a
    fresh name, the join follows, and the function returns the name. The value is computed before the join, as
    the drain needs, and the function returns it as before. (A join moved after the `return` itself would
    never run.)"""
    function = T.enclosing_function(ctx, read_stmt)
    if not isinstance(read_stmt, ast.Return) or read_stmt.value is None or not isinstance(function, T.FUNCS) \
            or any(isinstance(n, (ast.Yield, ast.YieldFrom, ast.Await)) for n in nodes_in(function)):
        raise T.CannotFix("not a plain function's return of a value")
    local = {n.id for n in nodes_in(function) if isinstance(n, ast.Name)} | {a.arg for a in ast.walk(function.args)
                                                                            if isinstance(a, ast.arg)}
    name = T.fresh_name(ctx, "result", local)
    nl = T.newline(ctx)
    indent = T.indent_of(ctx, T.first_row(read_stmt))
    text = T.rows_text(ctx, T.first_row(join_stmt), join_stmt.end_lineno)
    start = T.with_comments(ctx, T.first_row(join_stmt))
    return T.merge_edits([
        T.delete_rows(ctx, start, join_stmt.end_lineno),
        Edit(ctx.source.node_start(read_stmt), ctx.source.node_start(read_stmt.value), f"{name} = "),
        T.insert_at_row(ctx, read_stmt.end_lineno + 1, T.end_with_newline(ctx, text) + f"{indent}return {name}{nl}")])


def _read_first(ctx, join_stmt, read_stmt, between, label):
    """The process is used between the join and the read (`p.join(timeout)`, `if p.is_alive(): p.join()`):
    the read moves up instead, to just before the join, when nothing in between feeds it or reads
    what it binds."""
    reads, binds = T.loaded_names(read_stmt), T.bound_names(read_stmt)
    for stmt in [join_stmt, *between]:
        if T.bound_names(stmt) & reads or T.loaded_names(stmt) & binds:
            raise T.CannotFix("the read depends on what lies between")
    start = T.with_comments(ctx, T.first_row(read_stmt))
    text = T.rows_text(ctx, start, read_stmt.end_lineno)
    edits = [T.insert_at_row(ctx, T.with_comments(ctx, T.first_row(join_stmt)), T.end_with_newline(ctx, text)),
             T.delete_rows(ctx, start, read_stmt.end_lineno)]
    return Fix(f"Read before {label} (unsafe: the read moves above {len(between) + 1} statement(s))",
               Applicability.UNSAFE, T.merge_edits(edits))


def _fetch(ctx, with_node, submit):
    if not isinstance(with_node, (ast.With, ast.AsyncWith)):
        raise T.CannotFix("not a with statement")
    item = next((i for i in with_node.items if i.optional_vars is not None
                 and any(n is submit.pool.node for n in nodes_in(i.context_expr))), None)
    if item is None:
        item = next((i for i in with_node.items if isinstance(i.optional_vars, ast.Name)), None)
    if item is None or not isinstance(item.optional_vars, ast.Name):
        raise T.CannotFix("the pool has no name")
    pool = item.optional_vars.id
    last = with_node.body[-1]
    if not T.owns_lines(ctx, last) or T.first_row(with_node.body[0]) == with_node.lineno:
        raise T.CannotFix("one-line with")
    # already closed and joined at the end?
    tail = [ast.unparse(s) for s in with_node.body[-2:]]
    if tail == [f"{pool}.close()", f"{pool}.join()"]:
        return None
    nl = T.newline(ctx)
    indent = T.block_indent(ctx, with_node.body)
    text = f"{indent}{pool}.close(){nl}{indent}{pool}.join(){nl}"
    return Fix(f"Wait for the pending work before the block ends: `{pool}.close()` and `{pool}.join()`",
               Applicability.SAFE, (T.insert_at_row(ctx, last.end_lineno + 1, text),))


# Public builders (rules call these): None when out of reach or when the result would not parse.
drain_before_join_fix = T.fix_builder(_drain)
fetch_results_fix = T.fix_builder(_fetch)


def _close_after_loop(ctx, close_node, loop):
    """MP414: `pool.close()` as the last statement of the loop that submits to the pool on each turn (OpenOccupancy
    #8, indented one level too deep) moves to just after the loop, at the loop's indentation: the pool is closed
    once, after the last submission. SAFE: the only change is that the later turns no longer raise `Pool not
    running`. No fix when the loop body has `break`, `continue` or `return` (a turn may skip the close, or the
    close may be meant for the last turn) or an `else`, or when the close is not the body's last statement."""
    stmt = T.statement_of(ctx, close_node)
    if not (isinstance(stmt, ast.Expr) and stmt.value is close_node) or not loop.body or loop.body[-1] is not stmt \
            or loop.orelse or not T.owns_lines(ctx, stmt) or not T.owns_lines(ctx, loop):
        raise T.CannotFix("the close is not the loop body's last statement")
    if any(isinstance(n, (ast.Break, ast.Continue, ast.Return, ast.Yield, ast.YieldFrom)) for n in nodes_in(loop)):
        raise T.CannotFix("the loop may leave a turn early")
    start = T.with_comments(ctx, T.first_row(stmt))
    inner = T.indent_of(ctx, T.first_row(stmt))
    outer = T.indent_of(ctx, T.first_row(loop))
    moved = T.reindent(ctx, start, stmt.end_lineno, inner, outer)
    edits = (T.delete_rows(ctx, start, stmt.end_lineno), T.insert_at_row(ctx, stmt.end_lineno + 1, moved))
    return Fix(f"Call `{T.node_text(ctx, close_node)}` once, after the loop", Applicability.SAFE, edits)


close_after_loop_fix = T.fix_builder(_close_after_loop)
