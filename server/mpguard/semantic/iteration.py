"""The iteration protocol as a call.

`for x in obj:`, a comprehension over `obj` and `list(obj)` (`tuple`, `sorted`, `sum`, ...) run
`type(obj).__iter__(obj)`: when the class of `obj` (of this module or of another project module)
defines `__iter__`, that method runs there, a generator method's body too, since the loop or the
consumer drives it. Such a consumption is made a call of `obj.__iter__()` for the walk, on a call
node made for it at the iterated expression, so every rule that follows calls (a process started at
import time, MP101) follows this one as well. Lists, dicts, files, generators and the library's
objects are iterated as before: only an object of a class the project defines is called.

An iterator's class (`__iter__` returns `self`, batchgenerators' MultiThreadedAugmenter) is driven through its
`__next__`: the loop or consumer calls it for each item, so it is called here too; and the builtin `next(obj)`
(with or without a default) is a call of `type(obj).__next__(obj)` (the augmenter starts its worker processes on
the first `next()`: batchgenerators PR #20's example script, run flat, fails to bootstrap under spawn).
"""
from __future__ import annotations

import ast

from mpguard.semantic import values as V
from mpguard.semantic.calls import evaluate_call
from mpguard.semantic.returns import returns_its_object

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


def advance(walker, e: ast.Call, env, w) -> None:
    """`next(obj)` / `next(obj, default)` of the builtin: a call of the `__next__` of what `obj` holds."""
    func = e.func
    if type(func) is not ast.Name or func.id != "next" or not 1 <= len(e.args) <= 2 or e.keywords \
            or any(type(a) is ast.Starred for a in e.args) or not _builtin("next", env):
        return
    expr = e.args[0]
    if type(expr) not in (ast.Name, ast.Attribute):
        return
    value = walker.lookup(expr, env, w.function)
    for option in value.options if type(value) is V.Union else (value,):
        _call_dunder(walker, expr, option, "__next__", env, w)


def _call_iter(walker, expr, value, env, w) -> None:
    _call_dunder(walker, expr, value, "__iter__", env, w)
    if _iterates_itself(walker, value):  # (the loop then calls its `__next__` for each item)
        _call_dunder(walker, expr, value, "__next__", env, w)


def _call_dunder(walker, expr, value, name: str, env, w) -> None:
    kind = type(value)
    if kind is V.Instance:
        cls = value.cls.definition if value.cls is not None else None
        if type(cls) is not ast.ClassDef or not any(_defines(c, name) for c in walker.facts.lineage(cls)):
            return
        call = _iter_call(walker, expr, name)
        evaluate_call(walker, call, V.BoundMethod(call.func, value, name), [], {}, env, w)
    elif kind is V.Returned:  # an object of another project module's class
        if walker.resolver is None or _foreign_method(walker.resolver, value.qualified, name) is None:
            return
        call = _iter_call(walker, expr, name)
        evaluate_call(walker, call, V.BoundMethod(call.func, value, name), [], {}, env, w)
    elif kind in (V.Param, V.Element, V.CallResult):
        # an object the callers pass (or a call gives): the call graph follows `__iter__` of each class of this
        # module it resolves to, when a rule asks (rules/context.definitions_of)
        call = _iter_call(walker, expr, name)
        info = walker.facts.functions.get(w.function)
        (info.calls if info is not None else walker.facts.module_calls).append(
            (V.BoundMethod(call.func, value, name), call, w))


def _iterates_itself(walker, value) -> bool:
    """Is `value` an object of a project class whose `__iter__` gives the object back and that defines
    `__next__` (an iterator: iterating it calls its `__next__`)?"""
    if type(value) is V.Instance:
        cls = value.cls.definition if value.cls is not None else None
        if type(cls) is not ast.ClassDef:
            return False
        lineage = walker.facts.lineage(cls)
        found = next((f for c in lineage for f in getattr(c, "body", ()) if isinstance(f, FUNCS)
                      and f.name == "__iter__"), None)
        return found is not None and returns_its_object(found) and any(_defines(c, "__next__") for c in lineage)
    if type(value) is V.Returned and walker.resolver is not None:
        found = _foreign_method(walker.resolver, value.qualified, "__iter__")
        return found is not None and returns_its_object(found) \
            and _foreign_method(walker.resolver, value.qualified, "__next__") is not None
    return False


def _iter_call(walker, expr, name: str = "__iter__") -> ast.Call:
    """`expr.<name>()`, placed where `expr` is written, a child of what `expr` belongs to (the `for`)."""
    method = ast.copy_location(ast.Attribute(value=expr, attr=name, ctx=ast.Load()), expr)
    call = ast.copy_location(ast.Call(func=method, args=[], keywords=[]), expr)
    parents = walker.parents
    parents[call] = parents.get(expr)
    parents[method] = call
    return call


def _defines(cls, name: str) -> bool:
    return any(isinstance(f, FUNCS) and f.name == name for f in getattr(cls, "body", ()))


def _foreign_method(resolver, qualified: str, name: str, depth: int = 0):
    """The `name` method the project class `qualified` defines, itself or through a base of its own module; None
    when it defines none."""
    found = getattr(resolver, "class_definition", lambda _q: None)(qualified)
    if found is None:
        return None
    cls = found[0]
    own = next((f for f in getattr(cls, "body", ()) if isinstance(f, FUNCS) and f.name == name), None)
    if own is not None:
        return own
    module = qualified.rpartition(".")[0]
    for base in cls.bases if depth < 3 else ():
        if type(base) is ast.Name:
            inherited = _foreign_method(resolver, f"{module}.{base.id}", name, depth + 1)
            if inherited is not None:
                return inherited
    return None
