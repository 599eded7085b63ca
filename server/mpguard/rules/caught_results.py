"""An exception a pool task catches and sends back as part of its result (strictdoc #3201): the task
wraps whatever its body raised, `return ChildProcessException(ExceptionInfo(exc))`, and the wrapper keeps
the live exception in `self`. The result is pickled with it, and an exception class that cannot be rebuilt
from its `args` (a keyword-only `__init__`) fails the unpickling in the parent: BrokenProcessPool, or a Pool
that hangs, though nothing escaped the task.

Two questions, both answered only when sure:
- which `except ... as name` bindings (`values.Caught`) a returned value keeps: the value itself, the items
  of a tuple, list or dict, and a constructor argument the class stores in `self` (`self.exception =
  exception`) or hands to an exception base (`super().__init__(info)`), for a class of this module or of
  another project module, a few levels deep;
- which raises that clause takes: a `raise` in its `try` body, or one that leaves a function called
  there (through the call sites' values: `processing_func(content)` runs the function the caller passed),
  when the clause is the first one that certainly matches it.
"""
from __future__ import annotations

import ast

from mpguard.semantic import values as V
from mpguard.semantic.handlers import first_catching
from mpguard.rules.imported_process import kept_parameters

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
MAX_DEPTH = 4  # constructors and containers followed into a returned value


def held_caught(ctx, value, depth: int = 0):
    """The `Caught` values a returned value is or keeps in what pickle copies of it."""
    if depth > MAX_DEPTH or value is None:
        return
    if type(value) in (V.Param, V.CallResult, V.Element):
        value = ctx.flow.resolve(value)
    kind = type(value)
    if kind is V.Caught:
        yield value
    elif kind is V.Sequence:
        for item in value.items:
            yield from held_caught(ctx, item, depth + 1)
    elif kind is V.Union:
        for option in value.options:
            yield from held_caught(ctx, option, depth + 1)
    elif kind is V.Instance and value.cls is not None and isinstance(value.cls.definition, ast.ClassDef):
        if value.fields is not None:
            for item in value.fields.values():
                yield from held_caught(ctx, item, depth + 1)
        call = value.node
        if isinstance(call, ast.Call) and not any(isinstance(a, ast.Starred) for a in call.args):
            given = dict(zip((k.arg for k in call.keywords), value.args[len(call.args):]))
            for item in _kept_arguments(value.cls.definition, value.args[:len(call.args)], given):
                yield from held_caught(ctx, item, depth + 1)
    elif kind is V.Returned and ctx.resolver is not None:
        lookup = getattr(ctx.resolver, "class_definition", None)
        found = lookup(value.qualified) if lookup is not None else None
        call = value.node
        if found is not None and isinstance(found[0], ast.ClassDef) and isinstance(call, ast.Call) \
                and not any(isinstance(a, ast.Starred) for a in call.args):
            for item in _kept_arguments(found[0], value.args[:len(call.args)], value.keywords):
                yield from held_caught(ctx, item, depth + 1)


def _kept_arguments(cls: ast.ClassDef, args: list, keywords: dict) -> list:
    """The positional arguments a constructor call gave that the class's own __init__ keeps: stored in
    `self`, or handed to its base's __init__ (an exception's `args`). A class that pickles itself its own
    way keeps what it decides: nothing is said."""
    if any(isinstance(f, FUNCS) and f.name in ("__reduce__", "__reduce_ex__", "__getstate__") for f in cls.body):
        return []
    init = next((f for f in cls.body if isinstance(f, FUNCS) and f.name == "__init__"), None)
    if init is None:
        return []
    params = [a.arg for a in init.args.args[1:]]
    kept = {name for name, _line in kept_parameters(init)}
    for node in ast.walk(init):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "__init__":
            kept.update(a.id for a in node.args if isinstance(a, ast.Name))
    given = [*zip(params, args), *((name, arg) for name, arg in keywords.items() if name in params)]
    return [arg for name, arg in given if name in kept]


def caught_raises(ctx, task, caught, raises: dict, names_of):
    """The raise effects the clause of `caught` takes: raised in its try body, directly or in a function
    called there, and not stopped before."""
    trial, handler = caught.trial, caught.handler
    info = ctx.facts.functions.get(task)
    if info is None:
        return
    for effect in raises.get(task, ()):
        if innermost_try(ctx, effect.node, task) is trial \
                and first_catching(trial, names_of(effect)) is handler:
            yield effect
    for value, call, _where in info.calls:
        if innermost_try(ctx, call, task) is not trial:
            continue
        for definition in ctx.definitions_of(value):
            for func in ctx.reachable([definition]):
                for effect in raises.get(func, ()):
                    names = names_of(effect)
                    if ctx.escapes(definition, func, effect.node, names) \
                            and first_catching(trial, names) is handler:
                        yield effect


def innermost_try(ctx, node, function):
    """The nearest `try` of `function` whose body holds `node` (not its handlers, else or finally)."""
    child, current = node, ctx.parents.get(node)
    while current is not None and current is not function and not isinstance(current, (*FUNCS, ast.Lambda, ast.ClassDef)):
        if isinstance(current, ast.Try) and any(child is stmt for stmt in current.body):
            return current
        child, current = current, ctx.parents.get(current)
    return None

