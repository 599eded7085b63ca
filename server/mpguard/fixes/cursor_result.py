"""MP207: a task returns a `sqlite3.Cursor` (`return conn.execute(sql)`, or what a helper returns), which pickle
refuses. The cursor's rows are what a caller iterates: the task returns them, `list(cursor)`, read in the worker
while its connection is open (as MP207's generator fix returns `list(gen())`).

UNSAFE: the parent gets a list of rows: iteration and `len()` work, a cursor's own methods and attributes
(`fetchone()`, `description`, `rowcount`) do not. No fix when the module reads any of those outside the task (the
parent may use the result as a cursor), when `list` is rebound, or when the cursor is not the returned value
itself (a container holding it).
"""
from __future__ import annotations

import ast

from mpguard.text.findings import Applicability, Edit, Fix
from mpguard.fixes import _text as T

CURSOR_API = frozenset({"fetchone", "fetchmany", "fetchall", "description", "rowcount", "lastrowid", "arraysize",
                        "close", "execute", "executemany", "executescript", "connection", "row_factory",
                        "setinputsizes", "setoutputsize"})


def _fix(ctx, ret, problem):
    if not isinstance(ret, ast.Return) or ret.value is None or "sqlite3.Cursor" not in problem.what:
        raise T.CannotFix("not a returned cursor")
    if isinstance(ret.value, (ast.Tuple, ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp)):
        raise T.CannotFix("a container holding the cursor")
    task = T.enclosing_function(ctx, ret)
    if task is None:
        raise T.CannotFix("not in a function")
    for node in ast.walk(ctx.tree):
        if isinstance(node, ast.Attribute) and node.attr in CURSOR_API and T.enclosing_function(ctx, node) is not task:
            raise T.CannotFix("the module uses a cursor's own API")
    if "list" in T.module_level_names(ctx) or "list" in ctx.index.scope(task).stores:
        raise T.CannotFix("`list` is rebound")
    value = ret.value
    return Fix("Return the cursor's rows as a list (unsafe: the parent gets a list: iteration and len() work, "
               "fetchone(), description, rowcount do not)", Applicability.UNSAFE,
               (Edit(ctx.source.node_start(value), ctx.source.node_end(value), f"list({T.node_text(ctx, value)})"),))


# Public builder (refused_value_fix asks it): None when out of reach or when the result would not parse.
cursor_result_fix = T.fix_builder(_fix)
