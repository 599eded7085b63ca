"""How many arguments of an exception's constructor reach `BaseException.__init__`, through a chain of
`super().__init__` calls of the project's own classes.

pickle rebuilds an exception as `cls(*self.args)`, and `self.args` is what reached
`BaseException.__init__`. A class that passes all its arguments to its base looks rebuildable on its
own, but the base may keep only a message: `HTTPError(url, retry, status)` calls
`FetchError.__init__(url, retry, message)`, which calls `Exception.__init__(message)`; unpickling then
calls `HTTPError(message)` and fails (arxiv.py #191). The bases are found by the caller's `base_of`
(this module's classes, or another project module's through the resolver).
"""
from __future__ import annotations

import ast
import builtins
import sys

MAX_CHAIN = 12  # base classes followed at most (a cycle of names in broken code ends here too)


def init_of(cls) -> ast.FunctionDef | None:
    return next((f for f in getattr(cls, "body", ()) if isinstance(f, ast.FunctionDef) and f.name == "__init__"), None)


OWN_PICKLING = ("__reduce__", "__reduce_ex__", "__getnewargs__")


def init_owner(cls, base_of=None):
    """The class whose __init__ building `cls` runs: `cls` when it defines one, else the nearest base that
    does, along a chain of single bases (the MRO of single inheritance: `class NotFound(ApiError): pass`
    runs `ApiError.__init__`, in this module or another project module through `base_of`). None when the
    chain cannot tell: a class on the way with several bases (a mixin may come first in the MRO), one that
    pickles itself its own way (`__reduce__`), a base of the standard library (whose __init__ keeps what it
    is given) or one that is not found."""
    for _ in range(MAX_CHAIN):
        if not isinstance(cls, ast.ClassDef) or any(
                isinstance(f, ast.FunctionDef) and f.name in OWN_PICKLING for f in cls.body):
            return None
        if init_of(cls) is not None:
            return cls
        if len(cls.bases) != 1 or cls.keywords or base_of is None:
            return None
        cls = base_of(cls)
    return None


def base_init_call(init) -> ast.Call | None:
    """The `super().__init__(...)` or `Base.__init__(self, ...)` call of an __init__ (None if it has none
    or several)."""
    calls = [n for n in ast.walk(init) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
             and n.func.attr == "__init__"]
    return calls[0] if len(calls) == 1 else None


def passed_count(call: ast.Call) -> int | None:
    """Positional arguments the call hands to the base's __init__ (`self` of `Base.__init__(self, ...)`
    left out); None when they cannot be counted (`*args`, keywords)."""
    if any(isinstance(a, ast.Starred) for a in call.args) or call.keywords:
        return None
    passed = call.args
    if isinstance(call.func.value, ast.Name) and passed[:1] and isinstance(passed[0], ast.Name) \
            and passed[0].id == "self":
        passed = passed[1:]
    return len(passed)


def reaching_base(cls, count: int, base_of) -> int | None:
    """How many of `count` arguments handed to `cls`'s base (by `cls.__init__`) reach
    BaseException.__init__; None when unknown, or when no __init__ of the chain calls its base (then
    `args` keeps what the constructor was called with, and the class rebuilds)."""
    base = base_of(cls) if base_of is not None else None
    for _ in range(MAX_CHAIN):
        if base is UNKNOWN:
            return None
        if base is None:
            return count  # a class of the standard library (Exception, ValueError, ...): it keeps them
        init = init_of(base)
        if init is not None:
            if init.args.vararg is not None or init.args.kwonlyargs:
                return None
            params = len(init.args.args) - 1
            required = params - len(init.args.defaults)
            if not required <= count <= params:
                return None  # building it would fail already: not our question
            call = base_init_call(init)
            if call is None:
                return None
            count = passed_count(call)
            if count is None:
                return None
        base = base_of(base)
    return None


UNKNOWN = object()  # a base class neither of the project nor of the standard library


def class_bases(definitions: dict, imports=None, resolver=None):
    """`base_of` for the classes of one module: a base named in the module (`definitions`), or imported
    from another project module (read with that module's names in turn); None for a base of the
    standard library (a builtin exception, or a name `imports` qualifies outside the project); UNKNOWN
    for anything else (the chain then says nothing)."""
    homes: dict = {}  # id(class of another module) -> (its module's definitions, its imports)

    def base_of(cls):
        names, names_imports = homes.get(id(cls), (definitions, imports))
        bases = getattr(cls, "bases", ())
        if not bases:
            return None
        base = bases[0]
        if isinstance(base, ast.Name) and isinstance(names.get(base.id), ast.ClassDef):
            return names[base.id]
        qualified = names_imports.qualify(base) if names_imports is not None else None
        if qualified is None:
            return None if isinstance(base, ast.Name) and base.id in BUILTIN_NAMES else UNKNOWN
        module = qualified.rpartition(".")[0]
        names = _module_names(resolver, module) if resolver is not None and module else None
        if names is None:
            return None if qualified.partition(".")[0] in STDLIB else UNKNOWN
        found = names[0].get(qualified.rpartition(".")[2])
        if not isinstance(found, ast.ClassDef):
            return UNKNOWN
        homes[id(found)] = names
        return found
    return base_of


def _module_names(resolver, module: str):
    """(definitions, imports) of a project module: from its syntax tree alone when the resolver can
    (`ProjectResolver.module_names`), else from its summary."""
    lookup = getattr(resolver, "module_names", None)
    if lookup is not None:
        return lookup(module)
    summary = resolver.module_summary(module)
    return (summary.definitions, summary.imports) if summary is not None else None


BUILTIN_NAMES = frozenset(name for name, value in vars(builtins).items()
                          if isinstance(value, type) and issubclass(value, BaseException))
STDLIB = frozenset(getattr(sys, "stdlib_module_names", ())) | {"builtins"}
