"""MP410 when the join and the read are in different functions: `wait_all(procs)` joins the children
in a helper, and `collect(q, n)`, called after it by the same function, reads what they wrote. Helpers are
followed by name: the module's functions, and methods (`foreman.wait_for_workers()`) that one class of the
module alone defines.

The fix moves the call that leads to the join to just after the call that leads to the read, in the
one block where both are statements (the function that calls both helpers). UNSAFE: the helper that
joins may do more than join, and now does it after the read.

Out of reach (no fix): no block holds both calls as statements, a statement leads to both the join and
the read, the statement that joins is more than a call (`done = wait_all(procs)`), a statement between
the two uses what the joining call is given, or several blocks could be reordered.
"""
from __future__ import annotations

import ast

from mpguard.semantic.index import nodes_in
from mpguard.text.findings import Applicability, Fix
from mpguard.fixes import _text as T
from mpguard.fixes.lifecycle import join_after_return_edits

DEPTH = 3  # helpers followed through calls by name (`run()` -> `wait_all()` -> `p.join()`)
DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)


def _fix(ctx, join, read):
    functions = {s.name: s for s in ctx.tree.body if isinstance(s, T.FUNCS)}
    # and the methods of the module's classes, followed from `obj.name()` when one class alone defines `name`
    # (plaso #399's `foreman.wait_for_workers()` then `foreman.collect(n)`)
    methods: dict = {}
    for cls in ctx.tree.body:
        if isinstance(cls, ast.ClassDef):
            for method in cls.body:
                if isinstance(method, T.FUNCS):
                    methods.setdefault(method.name, []).append(method)
    functions.update({"." + name: defs[0] for name, defs in methods.items() if len(defs) == 1})
    pairs = []
    for block in _blocks(ctx.tree):
        joins = [i for i, s in enumerate(block) if _reaches(s, join.node, functions, DEPTH)]
        reads = [i for i, s in enumerate(block) if _reaches(s, read.node, functions, DEPTH)]
        if len(joins) == 1 and reads and reads[0] > joins[0] and joins[0] not in reads:
            pairs.append((block, joins[0], reads[0]))
    if len(pairs) != 1:
        raise T.CannotFix("no one block orders the join and the read")
    block, j, r = pairs[0]
    join_stmt, read_stmt = block[j], block[r]
    if not (isinstance(join_stmt, ast.Expr) and isinstance(join_stmt.value, ast.Call)) and not _join_loop(join_stmt):
        raise T.CannotFix("the joining statement is more than a call")
    if not (T.owns_lines(ctx, join_stmt) and T.owns_lines(ctx, read_stmt)):
        raise T.CannotFix("shared line")
    given = {n.id for n in nodes_in(join_stmt) if isinstance(n, ast.Name)}
    for between in block[j + 1:r]:
        if any(isinstance(n, ast.Name) and n.id in given for n in nodes_in(between)):
            raise T.CannotFix("a statement between them uses what the join is given")
    if isinstance(read_stmt, ast.Return):  # `return self.collect()`: bound first, joined, then returned
        edits = join_after_return_edits(ctx, join_stmt, read_stmt)
    elif isinstance(read_stmt, ast.Raise):
        raise T.CannotFix("the read raises: a join after it never runs")
    else:
        text = T.rows_text(ctx, T.first_row(join_stmt), join_stmt.end_lineno)
        start = T.with_comments(ctx, T.first_row(join_stmt))
        edits = (T.delete_rows(ctx, start, join_stmt.end_lineno),
                 T.insert_at_row(ctx, read_stmt.end_lineno + 1, T.end_with_newline(ctx, text)))
    if _join_loop(join_stmt):
        return Fix(f"Join `{ast.unparse(join_stmt.iter)}` after the statement that reads what the children write, "
                   "through the call that leads to it (unsafe: that call may do more than read)",
                   Applicability.UNSAFE, edits)
    call = T.node_text(ctx, join_stmt.value)
    return Fix(f"Call `{call}` after the statement that reads what the children write (unsafe: everything "
               "that call does now happens after the read)", Applicability.UNSAFE, edits)


def _join_loop(stmt) -> bool:
    """`for p in procs: p.join()`: a loop that only joins."""
    if not isinstance(stmt, ast.For) or stmt.orelse or len(stmt.body) != 1 or not isinstance(stmt.target, ast.Name):
        return False
    inner = stmt.body[0]
    return isinstance(inner, ast.Expr) and isinstance(inner.value, ast.Call) \
        and isinstance(inner.value.func, ast.Attribute) and inner.value.func.attr == "join" \
        and isinstance(inner.value.func.value, ast.Name) and inner.value.func.value.id == stmt.target.id \
        and not inner.value.args and not inner.value.keywords


def _blocks(tree):
    for node in ast.walk(tree):
        for field in ("body", "orelse", "finalbody"):
            block = getattr(node, field, None)
            if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
                yield block


def _reaches(stmt, target, functions, depth, seen=None) -> bool:
    """Does running `stmt` run `target`: it holds it, or calls (by name) a module-level function that
    does? Definitions are not run."""
    if isinstance(stmt, DEFINITIONS):
        return False
    seen = set() if seen is None else seen
    for node in _executed(stmt):
        if node is target:
            return True
        if not (depth and isinstance(node, ast.Call)):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else "." + node.func.attr \
            if isinstance(node.func, ast.Attribute) else None
        if name in functions and name not in seen:
            seen.add(name)
            if any(_reaches(s, target, functions, depth - 1, seen) for s in functions[name].body):
                return True
    return False


def _executed(node):
    """The nodes under `node`, without those of nested definitions."""
    todo = [node]
    while todo:
        current = todo.pop()
        yield current
        todo.extend(c for c in ast.iter_child_nodes(current) if not isinstance(c, DEFINITIONS))


# Public builder (MP410 calls it when the join and the read are in different functions): None when out
# of reach or when the result would not parse.
drain_through_calls_fix = T.fix_builder(_fix)
