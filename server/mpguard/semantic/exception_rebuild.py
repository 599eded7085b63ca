"""An exception rebuilt from a value derived from its parameter (CPython #103061's shape):

    class ValidationError(Exception):
        def __init__(self, record):
            super().__init__(record.key)

BaseException keeps the arguments that reached its __init__ (`("b",)`) and unpickling calls the class
with them: `ValidationError("b")`, whose __init__ then reads `"b".key` and raises AttributeError (a Pool
hangs, an executor breaks). The arity is right, so the count of arguments does not show it.

Said only when the rebuild surely reads the attribute of the value it is given: the call to the base's
__init__ is a statement of __init__'s own body (not under an `if` or a `try`), nothing before it is a
`try`, the parameter is never rebound, nothing sets `self.args` or pickles the class its own way, and
the attribute is not one that a str, number, bytes or container has (`n.real` of an int rebuilds).
"""
from __future__ import annotations

import ast

# Attributes a value of a common built-in type has: the derived value may be one of them and have it too.
_BUILTIN_ATTRIBUTES = frozenset().union(*(dir(t) for t in (str, bytes, int, float, complex, bool, tuple, list,
                                                           dict, set, frozenset, type(None))))
_OWN_PICKLING = ("__reduce__", "__reduce_ex__", "__getnewargs__", "__getnewargs_ex__")


def derived_argument(cls) -> tuple[str, str] | None:
    """(parameter, attribute) when `cls.__init__` hands `parameter.attribute` to the base's __init__ in the
    parameter's own position, so the rebuilt instance's __init__ reads `.attribute` of that value."""
    if not isinstance(cls, ast.ClassDef) or not cls.bases:
        return None
    init = next((f for f in cls.body if isinstance(f, ast.FunctionDef) and f.name == "__init__"), None)
    if init is None or init.args.vararg or init.args.kwarg or any(
            isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef)) and f.name in _OWN_PICKLING for f in cls.body):
        return None
    if _sets_args(cls):
        return None
    params = [a.arg for a in init.args.args[1:]]
    for stmt in init.body:
        if isinstance(stmt, ast.Try):
            return None
        call = stmt.value if isinstance(stmt, ast.Expr) else None
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "__init__"):
            continue
        if call.keywords or any(isinstance(a, ast.Starred) for a in call.args):
            return None
        passed = call.args
        if isinstance(call.func.value, ast.Name) and passed[:1] and isinstance(passed[0], ast.Name) \
                and passed[0].id == "self":
            passed = passed[1:]  # `Exception.__init__(self, ...)`
        for position, arg in enumerate(passed[:len(params)]):
            name = params[position]
            if isinstance(arg, ast.Attribute) and isinstance(arg.value, ast.Name) and arg.value.id == name \
                    and arg.attr not in _BUILTIN_ATTRIBUTES and not _rebinds(init, name):
                return name, arg.attr
        return None  # the first call to a base's __init__ decides what is kept
    return None


def _sets_args(cls: ast.ClassDef) -> bool:
    """`self.args = (...)` anywhere in the class: what is kept is not what reached the base."""
    for node in ast.walk(cls):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] \
            if isinstance(node, (ast.AnnAssign, ast.AugAssign)) else ()
        if any(isinstance(t, ast.Attribute) and t.attr == "args" for t in targets):
            return True
    return False


def _rebinds(init, name: str) -> bool:
    for node in ast.walk(init):
        if isinstance(node, ast.Name) and node.id == name and not isinstance(node.ctx, ast.Load):
            return True
        if isinstance(node, (ast.Global, ast.Nonlocal)) and name in node.names:
            return True
    return False
