"""The function a decorator replaces, handed by its wrapper to a child process (timeout_decorator's process
mode, reaction_utils #1: `Process(target=_run, args=(queue, function, args, kwargs))` inside the wrapper).

`@deco` binds the module's name of the decorated function to what `deco` returns. When that is a nested
wrapper (with functools.wraps or not), the original function lives on only in the wrapper's closure: pickle
saves a function by its module and qualified name, finds the wrapper there, and refuses ("Can't pickle
<function f>: it's not the same object as mod.f"). Only the wrappers an application can reach count: a
factory's `@timeout(5, use_signals=True)` that takes the signal branch never builds the process one
(the parameter tests of semantic/param_guards, the factory's parameters read with the decorator's call)."""
from __future__ import annotations

import ast

from mpguard.semantic.decorator_wrappers import bare_application, own_returns, parents_in
from mpguard.semantic.param_guards import guards, reached
from mpguard.semantic.returns import made_decorator

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


def _rebinds(function, name: str) -> bool:
    return any((isinstance(node, ast.Name) and node.id == name and not isinstance(node.ctx, ast.Load))
               or (isinstance(node, (ast.Nonlocal, ast.Global)) and name in node.names) for node in ast.walk(function))


def _reachable(ret: ast.Return, receiver, factory, call) -> bool:
    """May the application reach this return of the receiving decorator? Under a factory, the tests of the
    factory's parameters around it are read with the factory's call; a bare decorator is called with a function."""
    if factory is None:
        here = guards(ret, parents_in(receiver), receiver)
        return here is not None and reached((here,), receiver, bare_application(receiver))
    here = guards(ret, parents_in(factory), factory)
    return here is not None and reached((here,), factory, call)


def replacing_wrappers(decorator, call: ast.Call | None) -> list:
    """[(wrapper def, the name the original function has in its closure)] for the decorator def `decorator`
    applied bare (`call` None) or through its factory's `call` (`@deco(...)`): the nested defs the receiving
    decorator may hand out in place of the function it receives. [] when a reachable return hands out
    anything else (the function itself: a registering decorator) or the parameter is rebound."""
    if not isinstance(decorator, FUNCS):
        return []
    receiver, factory = (decorator, None) if call is None else (made_decorator(decorator, call), decorator)
    if not isinstance(receiver, FUNCS):
        return []
    params = [*receiver.args.posonlyargs, *receiver.args.args]
    if not params or _rebinds(receiver, params[0].arg):
        return []
    name = params[0].arg
    out = []
    for ret in own_returns(receiver):
        if not _reachable(ret, receiver, factory, call):
            continue
        wrapper = _def_before(ret, ret.value.id, receiver) if isinstance(ret.value, ast.Name) else None
        if wrapper is None:
            return []
        out.append((wrapper, name))
    return out


def _def_before(node, name: str, function):
    """The nested def named `name` that binds it where `node` runs: the last one before `node` in its block or an
    enclosing block of `function` (`if use_signals: def wrapper ...; return wrapper` / `def wrapper ...`)."""
    parents = parents_in(function)
    child, current = node, parents.get(node)
    while current is not None:
        for field in ("body", "orelse", "finalbody"):
            block = getattr(current, field, None)
            if isinstance(block, list) and child in block:
                found = [s for s in block[:block.index(child)] if isinstance(s, FUNCS) and s.name == name]
                if found:
                    return found[-1]
        if current is function:
            return None
        child, current = current, parents.get(current)
    return None


def _names(expr, name: str) -> bool:
    return isinstance(expr, ast.Name) and expr.id == name


def process_sending(wrapper, name: str) -> ast.Call | None:
    """The `Process(...)` call in `wrapper` whose target or args hold the closure's `name` (not a parameter of
    the wrapper of that name), else None."""
    own = [*wrapper.args.posonlyargs, *wrapper.args.args, *wrapper.args.kwonlyargs]
    if any(a.arg == name for a in own) or _rebinds(wrapper, name):
        return None
    for node in ast.walk(wrapper):
        if not isinstance(node, ast.Call):
            continue
        callee = node.func
        if (callee.attr if isinstance(callee, ast.Attribute) else getattr(callee, "id", None)) != "Process":
            continue
        for keyword in node.keywords:
            if keyword.arg == "target" and _names(keyword.value, name):
                return node
            if keyword.arg == "args" and isinstance(keyword.value, (ast.Tuple, ast.List)) \
                    and any(_names(item, name) for item in keyword.value.elts):
                return node
    return None


def sends_original(function) -> ast.Call | None:
    """The `Process(...)` call of a decorator (or decorator factory) `function` by which some wrapper it may hand
    out sends the function it received, whatever the application: for the module's summary, which names the
    decorators an importer's `@name` must be judged for (linter/reach reads the names of summary sinks)."""
    if not isinstance(function, FUNCS):
        return None
    for receiver in (node for node in ast.walk(function) if isinstance(node, FUNCS)):
        params = [*receiver.args.posonlyargs, *receiver.args.args]
        if not params or _rebinds(receiver, params[0].arg):
            continue
        for wrapper in (node for node in receiver.body if isinstance(node, FUNCS)):
            sending = process_sending(wrapper, params[0].arg)
            if sending is not None:
                return sending
    return None
