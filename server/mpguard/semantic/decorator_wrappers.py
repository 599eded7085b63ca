"""The function a decorator puts in place of the one it decorates: the code that runs when the decorated
name is called (in a child process too, for a decorated Pool task).

`@traced` calls traced(crunch); `@traced(tag="x")` calls traced(tag="x") and then what it returns on
crunch. A decorator usable either way (`def traced(method=None, ...)`: `if method is not None: return
inner(method)` / `return inner`) takes a different return for each, read with the parameter conditions of
param_guards: a bare application passes a function (not None, true), a call passes its own arguments.
"""
from __future__ import annotations

import ast

from mpguard.semantic.node_memo import node_memo
from mpguard.semantic.param_guards import guards, reached

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
MAX_DEPTH = 4  # decorators nest a few levels (factory -> decorator -> wrapper) at most


def bare_application(decorator) -> ast.Call:
    """The call `@decorator` makes: `decorator(f)`, its first parameter given a function (param_guards reads a
    lambda argument as not None, true, equal to no literal), the others their defaults."""
    function = ast.Lambda(args=ast.arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]),
                          body=ast.Constant(None))
    return ast.Call(func=ast.Name(id=decorator.name, ctx=ast.Load()), args=[function], keywords=[])


def reached_returns(function, returns: list, call: ast.Call) -> list:
    """The `returns` of `function` that `call` may reach: a return under a parameter test the call fails (the
    `if`s around it, the early exits before it: param_guards) is left out."""
    if len(returns) < 2:
        return returns
    parents = parents_in(function)
    return [r for r in returns if (here := guards(r, parents, function)) is not None
            and reached((here,), function, call)]


@node_memo(maxsize=64)  # (a function is asked about for each call of it that applies its returns)
def parents_in(function) -> dict:
    """Each node of `function` -> its parent (read only)."""
    return {child: node for node in ast.walk(function) for child in ast.iter_child_nodes(node)}


def own_returns(function) -> list:
    out, stack = [], list(function.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Return) and node.value is not None:
            out.append(node)
        if isinstance(node, (*FUNCS, ast.ClassDef, ast.Lambda)):
            continue
        stack.extend(c for c in ast.iter_child_nodes(node) if isinstance(c, ast.stmt))
    return out


def _local_functions(function) -> dict:
    return {node.name: node for node in ast.walk(function) if isinstance(node, FUNCS) and node is not function}


def _given(function, call: ast.Call, depth: int) -> list:
    """The local functions `function` hands out when `call` calls it (a bare decorator's call passes a
    function); [] when it hands out something else or cannot be told."""
    if depth > MAX_DEPTH:
        return []
    returns = reached_returns(function, own_returns(function), call)
    local = _local_functions(function)
    out = []
    for ret in returns:
        value = ret.value
        if isinstance(value, ast.Name) and value.id in local:
            out.append(local[value.id])
        elif isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in local \
                and len(value.args) == 1 and not value.keywords:  # `return inner(method)`: what inner hands out
            out.extend(applied(local[value.func.id], None, depth + 1))
        else:
            return []
    return out


def applied(decorator, call: ast.Call | None, depth: int = 0) -> list:
    """The functions that replace a function decorated by `decorator` (a def): applied bare (`call` None) or
    through `call` (`@decorator(...)`: the call's result is applied in turn). [] when not known."""
    if not isinstance(decorator, FUNCS):
        return []
    if call is None:
        return _given(decorator, bare_application(decorator), depth)
    return [w for made in _given(decorator, call, depth) for w in applied(made, None, depth + 1)]


def wrappers(definition, module_function) -> list:
    """The wrappers that run in place of `definition` for its decorators that are functions of its module
    (`module_function(name)` gives the module-level def or None), outermost first."""
    out = []
    for decorator in getattr(definition, "decorator_list", ()):
        call = decorator if isinstance(decorator, ast.Call) else None
        name = (call.func if call is not None else decorator)
        if not isinstance(name, ast.Name):
            continue
        out.extend(applied(module_function(name.id), call))
    return out
