"""The iteration protocol as a call.

`for x in obj:`, a comprehension over `obj` and `list(obj)` (`tuple`, `sorted`, `sum`, ...) run
`type(obj).__iter__(obj)`: when the class of `obj` (of this module or of another project module)
defines `__iter__`, that method runs there, a generator method's body too, since the loop or the
consumer drives it. Such a consumption is made a call of `obj.__iter__()` for the walk, on a call
node made for it at the iterated expression, so every rule that follows calls (a process started at
import time, MP101) follows this one as well. Lists, dicts, files, generators and the library's
objects are iterated as before: only an object of a class the project defines is called.
"""
from __future__ import annotations

import ast

from mpguard.semantic import values as V
from mpguard.semantic.calls import evaluate_call

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
# builtins that iterate their first argument to the end (min/max only with one positional argument)
CONSUMERS = frozenset({"list", "tuple", "set", "frozenset", "sorted", "sum", "any", "all", "min", "max"})
# builtins whose result iterates the arguments at these positions when it is iterated itself
WRAPPERS = {"enumerate": slice(0, 1), "zip": slice(0, None), "map": slice(1, None), "filter": slice(1, None),
            "iter": slice(0, 1)}


def _builtin(name: str, env) -> bool:
    """`name` is the builtin: no scope of the walk binds it."""
    return name not in env and not any(name in scope for scope in env.outer)


def consumed_call(e: ast.Call, env) -> bool:
    """Does the call `e` iterate its first argument to the end (`list(obj)`, `sum(obj)`)?"""
    func = e.func
    if type(func) is not ast.Name or func.id not in CONSUMERS or not e.args or type(e.args[0]) is ast.Starred:
        return False
    if func.id in ("min", "max") and len(e.args) != 1:
        return False
    return _builtin(func.id, env)


def iterate(walker, expr, env, w, value=None) -> None:
    """`expr` is iterated here (the iterable of a `for`, of a comprehension, a consumer's argument): call the
    `__iter__` of what it holds, and of the iterables a lazy wrapper around it (`enumerate(obj)`) iterates."""
    if type(expr) is ast.Call:
        func = expr.func
        if type(func) is ast.Name and func.id in WRAPPERS and not expr.keywords and _builtin(func.id, env):
            for arg in expr.args[WRAPPERS[func.id]]:
                if type(arg) is not ast.Starred:
                    iterate(walker, arg, env, w)
        return
    if type(expr) not in (ast.Name, ast.Attribute):
        return
    if value is None:
        value = walker.lookup(expr, env, w.function)
    options = value.options if type(value) is V.Union else (value,)
    for option in options:
        _call_iter(walker, expr, option, env, w)


def _call_iter(walker, expr, value, env, w) -> None:
    kind = type(value)
    if kind is V.Instance:
        cls = value.cls.definition if value.cls is not None else None
        if type(cls) is not ast.ClassDef or not any(_defines_iter(c) for c in walker.facts.lineage(cls)):
            return
        call = _iter_call(walker, expr)
        evaluate_call(walker, call, V.BoundMethod(call.func, value, "__iter__"), [], {}, env, w)
    elif kind is V.Returned:  # an object of another project module's class
        if walker.resolver is None or not _foreign_iter(walker.resolver, value.qualified):
            return
        call = _iter_call(walker, expr)
        evaluate_call(walker, call, V.BoundMethod(call.func, value, "__iter__"), [], {}, env, w)
    elif kind in (V.Param, V.Element, V.CallResult):
        # an object the callers pass (or a call gives): the call graph follows `__iter__` of each class of this
        # module it resolves to, when a rule asks (rules/context.definitions_of)
        call = _iter_call(walker, expr)
        info = walker.facts.functions.get(w.function)
        (info.calls if info is not None else walker.facts.module_calls).append(
            (V.BoundMethod(call.func, value, "__iter__"), call, w))


def _iter_call(walker, expr) -> ast.Call:
    """`expr.__iter__()`, placed where `expr` is written, a child of what `expr` belongs to (the `for`)."""
    method = ast.copy_location(ast.Attribute(value=expr, attr="__iter__", ctx=ast.Load()), expr)
    call = ast.copy_location(ast.Call(func=method, args=[], keywords=[]), expr)
    parents = walker.parents
    parents[call] = parents.get(expr)
    parents[method] = call
    return call


def _defines_iter(cls) -> bool:
    return any(isinstance(f, FUNCS) and f.name == "__iter__" for f in getattr(cls, "body", ()))


def _foreign_iter(resolver, qualified: str, depth: int = 0) -> bool:
    """Does the project class `qualified` define `__iter__`, itself or through a base of its own module?"""
    found = getattr(resolver, "class_definition", lambda _q: None)(qualified)
    if found is None:
        return False
    cls = found[0]
    if _defines_iter(cls):
        return True
    module = qualified.rpartition(".")[0]
    return depth < 3 and any(type(b) is ast.Name and _foreign_iter(resolver, f"{module}.{b.id}", depth + 1)
                             for b in cls.bases)
