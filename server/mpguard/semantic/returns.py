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
    # "holder": the attribute (a dataclass's field) of the object that keeps the function
    field: str = ""


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


def _returns(func: ast.AST, skip: str | None = None, given_function: bool = True):
    """The function's return statements (not those of nested functions). With `skip`, a parameter given a
    function (a bare decorator's argument: not None, true): without those in a branch that a test of it
    rules out (`if func is None: return factory`, the `else:` of `if func:`); with `given_function` False,
    the parameter holds None instead (`@task(targets=...)` leaves `_func=None`)."""
    stack = list(getattr(func, "body", []))
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Return) and node.value is not None:
            yield node
        if isinstance(node, (*DEFS, ast.Lambda)):
            continue
        if skip is not None and isinstance(node, ast.If):
            truth = _param_test(node.test, skip, given_function)
            stack.extend(c for c in (node.body if truth is not False else ()) if isinstance(c, ast.stmt))
            stack.extend(c for c in (node.orelse if truth is not True else ()) if isinstance(c, ast.stmt))
            continue
        for name in _statement_fields(type(node)):
            stack.extend(getattr(node, name))


def _given_function_test(test: ast.expr, name: str) -> bool | None:
    """The value of `test` when the parameter `name` holds a function (not None, true); None: unknown."""
    if isinstance(test, ast.Name) and test.id == name:
        return True
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        inner = _given_function_test(test.operand, name)
        return None if inner is None else not inner
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.left, ast.Name) \
            and test.left.id == name and isinstance(test.comparators[0], ast.Constant) \
            and test.comparators[0].value is None:
        if isinstance(test.ops[0], (ast.Is, ast.Eq)):
            return False
        if isinstance(test.ops[0], (ast.IsNot, ast.NotEq)):
            return True
    return None


def _param_test(test: ast.expr, name: str, given_function: bool) -> bool | None:
    """The value of `test` when the parameter `name` holds a function, or (`given_function` False) None."""
    truth = _given_function_test(test, name)
    return truth if truth is None or given_function else not truth


def _chosen(value: ast.expr, skip: str | None, given_function: bool) -> ast.expr | None:
    """The branch of `a if test else b` that a test of the parameter `skip` picks (None: unknown)."""
    while type(value) is ast.IfExp:
        truth = _param_test(value.test, skip, given_function) if skip is not None else None
        if truth is None:
            return None
        value = value.body if truth else value.orelse
    return value


def made_decorator(factory: ast.AST, call: ast.Call) -> ast.FunctionDef | None:
    """The local def that `call` of the decorator factory `factory` hands out, when every return that can
    run gives that same def: `def returns(rtype): def decorator(fn): ...; return decorator`, or
    `def task(_func=None, *, targets=()): ...; return decorate(_func) if _func is not None else decorate`
    called as `task(targets=[...])` (no positional argument: `_func` is None, so `decorate`)."""
    if type(factory) is not ast.FunctionDef or factory.decorator_list:
        return None
    params = [*factory.args.posonlyargs, *factory.args.args]
    skip, given_function = None, True
    if params and not call.args and not any(k.arg in (params[0].arg, None) for k in call.keywords):
        defaults = factory.args.defaults
        index = len(params) - len(defaults)
        default = defaults[0] if index == 0 and defaults else None
        if type(default) is not ast.Constant or default.value is not None:
            return None  # (a required first parameter not given: not a call that works)
        skip, given_function = params[0].arg, False
    elif params and call.args and type(call.args[0]) is not ast.Starred:
        skip = None  # the first parameter is given a value, not a function: tests of it stay unknown
    local = local_definitions(factory)
    made = set()
    for ret in _returns(factory, skip, given_function):
        value = _chosen(ret.value, skip, given_function)
        if type(value) is not ast.Name or type(local.get(value.id)) is not ast.FunctionDef:
            return None
        made.add(local[value.id])
    return made.pop() if len(made) == 1 else None


def decoration(definition: ast.AST, call: ast.Call | None, find_class) -> ReturnSummary | None:
    """What a decorator gives back in place of the function it decorates, by what its returns make: the
    decorator is `definition` itself (`@name`: `call` None) or the local def its factory's `call` hands out
    (`@name(...)`). "closure" (its local function without functools.wraps; `local_name` is that function's
    qualified name inside `definition`), "wrapped", "holder" (an object of its module's class keeping the
    function, `find_class` finds the module's classes), "" (the function itself, or unknown); None when the
    factory's call gives no known def."""
    made = definition if call is None else made_decorator(definition, call)
    if type(made) not in (ast.FunctionDef, ast.AsyncFunctionDef):
        return None
    summary = as_decorator(summarize_returns(made))
    applied = _applies_local(made) if call is None and summary.kind == "" else None
    if applied is not None:  # `@task` of `def task(_func=None): ... return decorate(_func) if _func ... else decorate`
        made, summary = applied, as_decorator(summarize_returns(applied))
    if summary.kind in ("closure", "wrapped"):
        inner = summary.local_name if made is definition else f"{made.name}.<locals>.{summary.local_name}"
        return ReturnSummary(summary.kind, inner)
    kept = holder(made, find_class)
    if kept is not None:
        return ReturnSummary("holder", kept[0], field=kept[1])
    return summary


def _applies_local(func: ast.FunctionDef) -> ast.FunctionDef | None:
    """The local def that `func`, applied as a bare decorator, hands its function to on every path it takes
    then: `return decorate(_func) if _func is not None else decorate` with `_func` given the function."""
    params = [*func.args.posonlyargs, *func.args.args]
    if not params:
        return None
    given = params[0].arg
    local = local_definitions(func)
    made = set()
    for ret in _returns(func, given):
        value = _chosen(ret.value, given, True)
        if type(value) is not ast.Call or type(value.func) is not ast.Name or value.keywords \
                or len(value.args) != 1 or type(value.args[0]) is not ast.Name or value.args[0].id != given \
                or type(local.get(value.func.id)) is not ast.FunctionDef:
            return None
        made.add(local[value.func.id])
    return made.pop() if len(made) == 1 else None


def _applied_returns(func) -> list:
    """The returns that `@func` applied bare may reach (`if method is not None: return inner(method)` then
    `return inner`: the second one runs only for `@func(...)`, which passes `method=None`; early exits too)."""
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


def _renamed(func: ast.AST, name: str) -> bool:
    """Does `func` give its local function `name` another identity without decorating it: `functools.update_wrapper(
    wrapper, fn)`, `wraps(fn)(wrapper)` or `wrapper.__qualname__ = ...` (pickle then looks it up by that name)?"""
    for node in ast.walk(func):
        if type(node) is ast.Call and node.args and type(node.args[0]) is ast.Name and node.args[0].id == name \
                and (_is_wraps(node.func) or (type(node.func) is ast.Call and _is_wraps(node.func))):
            return True
        if type(node) in (ast.Assign, ast.AnnAssign, ast.AugAssign) and any(
                type(t) is ast.Attribute and t.attr == "__qualname__" and type(t.value) is ast.Name and t.value.id == name
                for t in (node.targets if type(node) is ast.Assign else [node.target])):
            return True
    return False


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
            if isinstance(definition, ast.FunctionDef) and (any(_is_wraps(d) for d in definition.decorator_list)
                                                            or _renamed(func, value.id)):
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
    kept = holder(func, find_class)
    return kept[0] if kept is not None else None


def holder(func: ast.AST, find_class) -> tuple[str, str] | None:
    """(class name, attribute keeping the function) for the class of the decorator's module (`find_class(name)`) whose object a decorator gives back in place of the function it decorates, keeping
    that function in its state (`def ensure_annotations(func): return WrappedFunction(func)` with
    `WrappedFunction.__init__` storing `self.f = func`): pickling the object then pickles the original function
    by its name, which now names the object, "it's not the same object as __main__.f". Only when every return
    of `func` makes that class from its first parameter, the class is a plain module-level class (no base but
    `object`, no `__reduce__`/`__getstate__`/`__slots__`) and its own `__init__` stores that argument in `self`
    unconditionally, or the class is a dataclass (`return TaskSpec(func.__name__, func)`: its field `action`);
    else None."""
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
        if type(value) is not ast.Call or type(value.func) is not ast.Name:
            return None
        place = next((i for i, a in enumerate(value.args) if type(a) is ast.Name and a.id == wrapped), None)
        if place is None:
            place = next((k.arg for k in value.keywords if type(k.value) is ast.Name and k.value.id == wrapped), None)
        if place is None or any(type(a) is ast.Starred for a in value.args) or any(k.arg is None for k in value.keywords):
            return None
        names.add(value.func.id)
        places.add(place)
    if len(names) != 1 or len(places) != 1:
        return None
    name, place = names.pop(), places.pop()
    cls = find_class(name)  # (the module-level class of that name in the decorator's module, or None)
    if type(cls) is not ast.ClassDef or cls.keywords \
            or any(not (type(b) is ast.Name and b.id == "object") for b in cls.bases):
        return None
    members = {getattr(s, "name", None) for s in cls.body} | \
        {t.id for s in cls.body if type(s) in (ast.Assign, ast.AnnAssign)
         for t in (s.targets if type(s) is ast.Assign else [s.target]) if type(t) is ast.Name}
    if members & {"__reduce__", "__reduce_ex__", "__getstate__", "__slots__", "__new__", "__init__", "__post_init__"} \
            - ({"__init__"} if not cls.decorator_list else set()):
        return None
    if cls.decorator_list:  # a plain @dataclass (no other decorator): its generated __init__ keeps every field
        fields = _dataclass_fields(cls)
        if fields is None:
            return None
        field = place if type(place) is str else fields[place] if place < len(fields) else None
        return (name, field) if field in fields else None
    init = next((s for s in cls.body if type(s) is ast.FunctionDef and s.name == "__init__"), None)
    init_params = [*init.args.posonlyargs, *init.args.args] if init is not None else []
    given = place if type(place) is str else init_params[place + 1].arg if len(init_params) >= place + 2 else None
    if given is None or not init_params:
        return None
    own = init_params[0].arg
    stored = next((t.attr for s in init.body if type(s) is ast.Assign and type(s.value) is ast.Name
                   and s.value.id == given for t in s.targets
                   if type(t) is ast.Attribute and type(t.value) is ast.Name and t.value.id == own), None)
    return (name, stored) if stored is not None else None


def _dataclass_fields(cls: ast.ClassDef) -> list[str] | None:
    """The init fields of a class whose only decorator is `@dataclass` / `@dataclasses.dataclass` (called
    or not, without init=False); None otherwise (a field that is not annotated plainly: unsure)."""
    if len(cls.decorator_list) != 1:
        return None
    decorator = cls.decorator_list[0]
    target = decorator.func if type(decorator) is ast.Call else decorator
    if (target.attr if type(target) is ast.Attribute else getattr(target, "id", "")) != "dataclass" or (
            type(decorator) is ast.Call and any(k.arg == "init" for k in decorator.keywords)):
        return None
    fields = []
    for stmt in cls.body:
        if type(stmt) is ast.AnnAssign and type(stmt.target) is ast.Name:
            annotation = ast.unparse(stmt.annotation)
            value = stmt.value
            if "ClassVar" in annotation or "InitVar" in annotation or (
                    type(value) is ast.Call and any(k.arg == "init" for k in value.keywords)):
                continue
            fields.append(stmt.target.id)
    return fields


def _bare_return(node) -> bool:
    return type(node) is ast.Return and node.value is None


def made_class_returned(function, names: dict):
    """The class of its module (`names`: its top-level definitions) that a factory function makes and returns on
    every way out: each `return` gives `Cls(...)`, or a local name bound once, to `Cls(...)`; the body ends with a
    `return`, and the function does not yield. None otherwise."""
    if not function.body or not isinstance(function.body[-1], ast.Return):
        return None
    own, stack = [], list(function.body)
    while stack:
        node = stack.pop()
        own.append(node)
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            stack.extend(ast.iter_child_nodes(node))
    if any(isinstance(n, (ast.Yield, ast.YieldFrom, ast.Global, ast.Nonlocal)) for n in own):
        return None
    bound: dict = {}
    for node in own:
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            bound.setdefault(node.id, []).append(node)
    made = {}
    for node in own:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            made[node.targets[0].id] = node.value
    found = set()
    for node in own:
        if not isinstance(node, ast.Return):
            continue
        value = node.value
        if isinstance(value, ast.Name) and len(bound.get(value.id, ())) == 1:
            value = made.get(value.id)
        cls = names.get(value.func.id) if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) \
            and value.func.id not in bound else None
        if not isinstance(cls, ast.ClassDef):
            return None
        found.add(cls)
    return found.pop() if len(found) == 1 else None


def defines_method(cls, name: str, names: dict, hops: int = 8) -> bool:
    """Does the class, or a base of it defined in the same module (`names`), define the method `name`?"""
    for _ in range(hops):
        if any(isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef)) and f.name == name for f in cls.body):
            return True
        bases = [names.get(b.id) for b in cls.bases if isinstance(b, ast.Name)]
        cls = next((b for b in bases if isinstance(b, ast.ClassDef)), None)
        if cls is None:
            return False
    return False
