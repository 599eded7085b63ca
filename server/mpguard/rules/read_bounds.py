"""How many items the parent reads from a queue at most, when it reads only a few: `while len(rows) <
limit: rows.append(q.get())` (a preview of the first rows, cpython#91594) or `for _ in range(3): q.get()`.
A child that put many more is still writing when the parent stops reading: MP410 at exit (rules/exit_join)
weighs what is left against the pipe."""
from __future__ import annotations

import ast

from mpguard.rules.waits import integer_value


def read_bound(ctx, reads, trips) -> int | None:
    """The most items `reads` (the read ops on one queue) take, or None when a read's count is not
    bounded (`trips(node, function, loop_bound)` counts the runs of a node inside its function)."""
    total = 0
    for op in reads:
        count = trips(op.node, op.where.function, lambda loop: _collected_bound(ctx, loop, op.where.function))
        if count is None:
            return None
        total += count
    return total


def _collected_bound(ctx, loop, function) -> int | None:
    """`while len(rows) < limit:` whose body appends to `rows` on every turn that does not leave the
    loop: at most `limit` turns (the limit a literal, or a parameter its callers give a literal for or
    leave at a literal default: `waits.integer_value`)."""
    if not isinstance(loop, ast.While):
        return None
    test = loop.test
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], (ast.Lt, ast.LtE))
            and isinstance(test.left, ast.Call) and getattr(test.left.func, "id", None) == "len"
            and len(test.left.args) == 1 and isinstance(test.left.args[0], ast.Name)):
        return None
    name = test.left.args[0].id
    if any(isinstance(n, ast.Continue) for n in ast.walk(loop)):
        return None
    appends = any(isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)
                  and isinstance(stmt.value.func, ast.Attribute) and stmt.value.func.attr == "append"
                  and isinstance(stmt.value.func.value, ast.Name) and stmt.value.func.value.id == name
                  for stmt in loop.body)
    if not appends:
        return None
    limit = integer_value(ctx, test.comparators[0], function)
    return None if limit is None else limit + (1 if isinstance(test.ops[0], ast.LtE) else 0)
