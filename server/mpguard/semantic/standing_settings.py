"""A library setting made by a plain statement, which holds from there on: `dask.config.set(scheduler=
"processes")` (or `dask.config.set({"scheduler": "processes"})`) outside a `with` block changes dask's
global configuration, so every later `compute()` runs on that scheduler (dask's docs, "Scheduling":
"dask.config.set(scheduler='processes')  # overwrite default with multiprocessing scheduler"), and
joblib's `parallel_config(backend=...)` / `parallel_backend(...)` called as a statement sets the backend
of every later `Parallel` of the thread (joblib 1.6 `parallel_config.__init__` does
`setattr(_backend, "config", ...)`; only `__exit__` puts the old one back).

Only statements are read that surely ran before the call: earlier statements of a block that holds the
call (or of a block around it), not ones inside an `if` or a loop. A call inside a function runs when the
function is called, which is not known: there the module's own unconditional setting statements count,
and only when they all give the same value."""
from __future__ import annotations

import ast
from dataclasses import dataclass

from mpguard.semantic.names import is_main_guard

_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
UNREAD = object()  # a setting statement that chooses in a way not read here (joblib's prefer="threads")
_UNREAD_NODE = ast.Constant(None)


@dataclass(frozen=True)
class Setting:
    setters: frozenset  # qualified names of the setting functions
    keyword: str  # the setting read ("scheduler", "backend")
    positional: bool = False  # also the first argument (joblib's backend)
    others: tuple = ()  # keywords that may choose otherwise (joblib's prefer, require, n_jobs): UNREAD,
    # unless they say "many processes" (an int constant other than 0 and 1: `n_jobs=4`, `n_jobs=-1`)


def standing_setting(walker, e: ast.AST, setting: Setting):
    """(expr, None) of the value a setting statement before `e` gave, UNREAD, or None."""
    child, parent = e, walker.parents.get(e)
    while parent is not None:
        for field in ("body", "orelse", "finalbody"):
            body = getattr(parent, field, None)
            if isinstance(body, list) and child in body:
                found = _last_setting(walker, body[:body.index(child)], setting)
                if found is not None:
                    return found
        if isinstance(parent, _SCOPES):
            return _module_setting(walker, setting)
        child, parent = parent, walker.parents.get(parent)
    return None


def _last_setting(walker, statements: list, setting: Setting):
    for stmt in reversed(statements):
        value = _setting(walker, stmt, setting)
        if value is _UNREAD_NODE:
            return UNREAD
        if value is not None:
            return (value, None)
    return None


def _module_setting(walker, setting: Setting):
    """The value the module's unconditional setting statements (top level or in its main guard) agree on."""
    statements = []
    for stmt in walker.tree.body:
        statements.extend(stmt.body if isinstance(stmt, ast.If) and is_main_guard(stmt.test) else [stmt])
    found = [v for v in (_setting(walker, s, setting) for s in statements) if v is not None]
    if any(v is _UNREAD_NODE for v in found):
        return UNREAD
    if not found or any(ast.dump(v) != ast.dump(found[0]) for v in found[1:]):
        return None
    return (found[0], None)


def _setting(walker, stmt: ast.stmt, setting: Setting):
    """The expression `stmt` (`dask.config.set(scheduler=X)` as a statement) gives the setting,
    _UNREAD_NODE when it chooses otherwise, or None when it is no such statement."""
    if not isinstance(stmt, ast.Expr) or not isinstance(stmt.value, ast.Call):
        return None
    call = stmt.value
    if walker.imports.qualify(call.func) not in setting.setters:
        return None
    if any(k.arg is None or k.arg in setting.others and not _many(k.value) for k in call.keywords):
        return _UNREAD_NODE  # `**options`, prefer="threads", n_jobs=1: not the whole choice
    for k in call.keywords:
        if k.arg == setting.keyword:
            return k.value
    if call.args and isinstance(call.args[0], ast.Dict):
        for key, value in zip(call.args[0].keys, call.args[0].values):
            if isinstance(key, ast.Constant) and key.value == setting.keyword:
                return value
    elif call.args and setting.positional:
        return call.args[0]
    return None


def _many(value: ast.AST) -> bool:
    """`n_jobs=4`, `n_jobs=-1` (every CPU), not `n_jobs=1` or a computed count."""
    if isinstance(value, ast.UnaryOp) and isinstance(value.op, ast.USub):
        return isinstance(value.operand, ast.Constant) and type(value.operand.value) is int and value.operand.value > 0
    return isinstance(value, ast.Constant) and type(value.value) is int and value.value > 1


def setting_call(walker, e: ast.AST, setters: frozenset) -> ast.Call | None:
    """The call of `setters` in force at `e`: the nearest enclosing `with setter(...)` of its function, else
    the last setting statement before it (as `standing_setting` finds them, without the module-level
    fallback for functions: the one call whose other arguments are then read)."""
    node, child = walker.parents.get(e), e
    while node is not None:
        if isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                call = item.context_expr
                if isinstance(call, ast.Call) and walker.imports.qualify(call.func) in setters:
                    return call
        for field in ("body", "orelse", "finalbody"):
            body = getattr(node, field, None)
            if isinstance(body, list) and child in body:
                for stmt in reversed(body[:body.index(child)]):
                    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) \
                            and walker.imports.qualify(stmt.value.func) in setters:
                        return stmt.value
        if isinstance(node, _SCOPES):
            return None
        child, node = node, walker.parents.get(node)
    return None


def many_jobs(walker, call: ast.Call | None, defaults_many: frozenset) -> bool:
    """Does the setting `call` say several workers? Its `n_jobs=` (or second argument of a setter whose
    default is many): an int constant > 1 or negative, or a value computed at run time; absent: many only
    for `defaults_many` (joblib's parallel_backend, n_jobs=-1), else unset, which joblib runs in the parent."""
    if call is None:
        return False
    name = walker.imports.qualify(call.func)
    value = next((k.value for k in call.keywords if k.arg == "n_jobs"), None)
    if value is None and name in defaults_many and len(call.args) > 1:
        value = call.args[1]
    if value is None:
        return name in defaults_many
    if isinstance(value, ast.Constant) or isinstance(value, ast.UnaryOp) and isinstance(value.operand, ast.Constant):
        return _many(value)
    return True
