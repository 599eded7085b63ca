"""A library setting made by a plain statement, which holds from there on: `dask.config.set(scheduler=
"processes")` (or `dask.config.set({"scheduler": "processes"})`) outside a `with` block changes dask's
global configuration, so every later `compute()` runs on that scheduler (dask's docs, "Scheduling":
"dask.config.set(scheduler='processes')  # overwrite default with multiprocessing scheduler").

Only statements are read that surely ran before the call: earlier statements of a block that holds the
call (or of a block around it), not ones inside an `if` or a loop. A call inside a function runs when the
function is called, which is not known: there the module's own unconditional setting statements count,
and only when they all give the same value."""
from __future__ import annotations

import ast

from mpguard.semantic.names import is_main_guard

_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


def standing_setting(walker, e: ast.AST, setters: set, keyword: str):
    """(expr, None) of the value a setting statement before `e` gave `keyword`, or None."""
    child, parent = e, walker.parents.get(e)
    while parent is not None:
        for field in ("body", "orelse", "finalbody"):
            body = getattr(parent, field, None)
            if isinstance(body, list) and child in body:
                found = _last_setting(walker, body[:body.index(child)], setters, keyword)
                if found is not None:
                    return found
        if isinstance(parent, _SCOPES):
            return _module_setting(walker, setters, keyword)
        child, parent = parent, walker.parents.get(parent)
    return None


def _last_setting(walker, statements: list, setters: set, keyword: str):
    for stmt in reversed(statements):
        value = _setting(walker, stmt, setters, keyword)
        if value is not None:
            return (value, None)
    return None


def _module_setting(walker, setters: set, keyword: str):
    """The value the module's unconditional setting statements (top level or in its main guard) agree on."""
    statements = []
    for stmt in walker.tree.body:
        statements.extend(stmt.body if isinstance(stmt, ast.If) and is_main_guard(stmt.test) else [stmt])
    found = [v for v in (_setting(walker, s, setters, keyword) for s in statements) if v is not None]
    if not found or any(ast.dump(v) != ast.dump(found[0]) for v in found[1:]):
        return None
    return (found[0], None)


def _setting(walker, stmt: ast.stmt, setters: set, keyword: str):
    """The expression `stmt` (`dask.config.set(scheduler=X)` as a statement) gives `keyword`, or None."""
    if not isinstance(stmt, ast.Expr) or not isinstance(stmt.value, ast.Call):
        return None
    call = stmt.value
    if walker.imports.qualify(call.func) not in setters:
        return None
    for k in call.keywords:
        if k.arg == keyword:
            return k.value
    if call.args and isinstance(call.args[0], ast.Dict):
        for key, value in zip(call.args[0].keys, call.args[0].values):
            if isinstance(key, ast.Constant) and key.value == keyword:
                return value
    return None
