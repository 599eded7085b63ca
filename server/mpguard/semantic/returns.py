"""What a function returns, read from its body alone (no call needed): the factory question.

Shared by the walker (same-module factories and decorators) and by the project resolver
(factories in other modules), so both answer it the same way.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass

from mpguard.semantic.decorator_wrappers import bare_application, reached_returns

DEFS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


@dataclass(frozen=True)
class ReturnSummary:
    """`kind` is "closure" when the function hands out a local function, lambda or class
    that pickle cannot find by name; "wrapped" when the local function copies the wrapped
    function's identity with functools.wraps; "holder" (from the project resolver, which reads the
    module's classes: `holder_class`) when it gives back an object of its module's class `local_name`
    that keeps its argument; "" when nothing local escapes."""

    kind: str
    local_name: str = ""
    # the answer for the function applied as a bare decorator (`@memoize` calls memoize(func): its first
    # parameter is a function, not None) when that differs: `def memoize(func=None, maxlen=None): if func is
    # not None: ... return wrapper (functools.wraps)` / `else: return factory` hands out the wrapper there
    applied: "ReturnSummary | None" = None


def as_decorator(summary: "ReturnSummary | None") -> "ReturnSummary | None":
    """What a bare decorator (`@name`, no call) hands out: `summary.applied` when the function's first
    parameter decides between its returns, else the summary itself."""
    return summary.applied if summary is not None and summary.applied is not None else summary


def local_definitions(func: ast.AST) -> dict[str, ast.AST]:
    """Functions and classes defined directly in `func`'s body (nested blocks included), in order:
    a name the body itself (not a nested block) binds again to something else no longer holds the
    local one (`f = lambda x: x` then `f = helper`: `return f` hands out `helper`)."""
    found: dict[str, ast.AST] = {}
    _bind(getattr(func, "body", []), found, top=True)
    return found


def _bind(statements, found: dict, top: bool) -> None:
    for node in statements:
        if isinstance(node, DEFS):
            found[node.name] = node
            continue
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            for target in node.targets if isinstance(node, ast.Assign) else (node.target,):
                if isinstance(target, ast.Name):
                    if isinstance(node.value, ast.Lambda):
                        found[target.id] = node.value
                    elif top:
                        found.pop(target.id, None)
        for name in _statement_fields(type(node)):
            _bind(getattr(node, name), found, top=False)


# The fields of a statement that hold statements, in `_fields` order, as `ast.iter_child_nodes` filtered to
# `ast.stmt` yields them: not `handlers` nor `cases` (an `except` clause or a `case` is no statement, so
# what they hold was never read). A third of the time these walks took went to the expressions they skip.
_STATEMENT_FIELDS: dict = {}


def _statement_fields(kind: type) -> tuple:
    fields = _STATEMENT_FIELDS.get(kind)
    if fields is None:
        fields = _STATEMENT_FIELDS[kind] = tuple(f for f in kind._fields if f in ("body", "orelse", "finalbody"))
    return fields


def _is_wraps(decorator: ast.expr) -> bool:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
    return name in ("wraps", "update_wrapper")


def _returns(func: ast.AST):
    """The function's return statements (not those of nested functions)."""
    stack = list(getattr(func, "body", []))
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Return) and node.value is not None:
            yield node
        if isinstance(node, (*DEFS, ast.Lambda)):
            continue
        for name in _statement_fields(type(node)):
            stack.extend(getattr(node, name))


def _applied_returns(func) -> list:
    """The returns that `@func` applied bare may reach (`if method is not None: return inner(method)` then
    `return inner`: the second one runs only for `@func(...)`, which passes `method=None`)."""
    return reached_returns(func, list(_returns(func)), bare_application(func))


def summarize_returns(func: ast.AST) -> ReturnSummary:
    if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return ReturnSummary("")
    summary = _summarize(func, _returns(func))
    params = [*getattr(func.args, "posonlyargs", ()), *func.args.args]
    if params:
        applied = _summarize(func, _applied_returns(func))
        if applied != summary:
            return ReturnSummary(summary.kind, summary.local_name, applied)
    return summary


def _summarize(func, returns) -> ReturnSummary:
    local = local_definitions(func)
    for ret in returns:
        value = ret.value
        if isinstance(value, ast.Call) and getattr(value.func, "id", getattr(value.func, "attr", "")) == "partial":
            value = value.args[0] if value.args else value
        if isinstance(value, ast.Lambda):
            return ReturnSummary("closure", "<lambda>")
        if isinstance(value, ast.Name) and value.id in local:
            definition = local[value.id]
            if isinstance(definition, ast.FunctionDef) and any(_is_wraps(d) for d in definition.decorator_list):
                return ReturnSummary("wrapped", value.id)
            return ReturnSummary("closure", value.id)
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in local:
            if isinstance(local[value.func.id], ast.ClassDef):
                return ReturnSummary("closure", value.func.id + "()")
            called = _local_call_result(local[value.func.id])
            if called.kind:
                return called
    return ReturnSummary("")


def _local_call_result(definition) -> ReturnSummary:
    """What a call of a function defined in the body hands out: `return inner(method)` in a decorator usable
    with or without parentheses gives the wrapper `inner` returns (with functools.wraps or not)."""
    if not isinstance(definition, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return ReturnSummary("")
    inner = _summarize(definition, _returns(definition))
    return ReturnSummary(inner.kind, f"{definition.name}.<locals>.{inner.local_name}") if inner.kind else inner


def returns_its_object(method: ast.AST) -> bool:
    """Does `method` give back the object it is called on, on every path (`def load(self, n): ...; return self`,
    the fluent style of builders)? Only a plain undecorated `def` whose last statement and every other return
    are `return self`, that never rebinds `self` and has no yield: then `Analyzer().load(5)` is that Analyzer."""
    if type(method) is not ast.FunctionDef or method.decorator_list:
        return False  # (a staticmethod, classmethod, property or wrapper gives something else)
    params = [*method.args.posonlyargs, *method.args.args]
    if not params or not method.body:
        return False
    own = params[0].arg

    def gives_own(node) -> bool:
        return type(node) is ast.Return and type(node.value) is ast.Name and node.value.id == own

    if not gives_own(method.body[-1]):
        return False
    stack = list(method.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Yield, ast.YieldFrom)) or (isinstance(node, ast.Return) and not gives_own(node)):
            return False
        if type(node) is ast.Name and node.id == own and type(node.ctx) is not ast.Load:
            return False
        if isinstance(node, (*DEFS, ast.Lambda)):
            continue
        stack.extend(ast.iter_child_nodes(node))
    return True


def holder_class(func: ast.AST, find_class) -> str | None:
    """The class of the decorator's module (`find_class(name)`) whose object a decorator gives back in place of the function it decorates, keeping
    that function in its state (`def ensure_annotations(func): return WrappedFunction(func)` with
    `WrappedFunction.__init__` storing `self.f = func`): pickling the object then pickles the original function
    by its name, which now names the object, "it's not the same object as __main__.f". Only when every return
    of `func` makes that class from its first parameter, the class is a plain module-level class (no base but
    `object`, no `__reduce__`/`__getstate__`/`__slots__`) and its own `__init__` stores that argument in `self`
    unconditionally; else None."""
    if type(func) is not ast.FunctionDef or func.decorator_list:
        return None
    params = [*func.args.posonlyargs, *func.args.args]
    if not params:
        return None
    wrapped = params[0].arg
    returns = [r for r in _returns(func)]
    if not returns or any(_bare_return(n) for n in ast.walk(func)):
        return None
    names, places = set(), set()
    for ret in returns:
        value = ret.value
        if type(value) is not ast.Call or type(value.func) is not ast.Name or value.keywords:
            return None
        place = next((i for i, a in enumerate(value.args) if type(a) is ast.Name and a.id == wrapped), None)
        if place is None:
            return None
        names.add(value.func.id)
        places.add(place)
    if len(names) != 1 or len(places) != 1:
        return None
    name, place = names.pop(), places.pop()
    cls = find_class(name)  # (the module-level class of that name in the decorator's module, or None)
    if type(cls) is not ast.ClassDef or cls.keywords or cls.decorator_list \
            or any(not (type(b) is ast.Name and b.id == "object") for b in cls.bases):
        return None
    members = {getattr(s, "name", None) for s in cls.body} | \
        {t.id for s in cls.body if type(s) in (ast.Assign, ast.AnnAssign)
         for t in (s.targets if type(s) is ast.Assign else [s.target]) if type(t) is ast.Name}
    if members & {"__reduce__", "__reduce_ex__", "__getstate__", "__slots__", "__new__"}:
        return None
    init = next((s for s in cls.body if type(s) is ast.FunctionDef and s.name == "__init__"), None)
    init_params = [*init.args.posonlyargs, *init.args.args] if init is not None else []
    if len(init_params) < place + 2:
        return None
    own, given = init_params[0].arg, init_params[place + 1].arg
    stored = any(type(s) is ast.Assign and type(s.value) is ast.Name and s.value.id == given
                 and any(type(t) is ast.Attribute and type(t.value) is ast.Name and t.value.id == own for t in s.targets)
                 for s in init.body)
    return name if stored else None


def _bare_return(node) -> bool:
    return type(node) is ast.Return and node.value is None
