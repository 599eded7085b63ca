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

from mpguard.semantic.mro import linearize

MAX_CHAIN = 12  # base classes followed at most (a cycle of names in broken code ends here too)


def init_of(cls) -> ast.FunctionDef | None:
    return next((f for f in getattr(cls, "body", ()) if isinstance(f, ast.FunctionDef) and f.name == "__init__"), None)


OWN_PICKLING = ("__reduce__", "__reduce_ex__", "__getnewargs__")


def init_owner(cls, base_of=None):
    """The class whose __init__ building `cls` runs: `cls` when it defines one, else the first class of its
    MRO that does (`class NotFound(ApiError): pass` runs `ApiError.__init__`, in this module or another
    project module through `base_of`; `class E(ApiError, Mixin)` the first of its MRO: semantic/mro). None
    when the MRO cannot tell: a base that is not found, a metaclass, a class of the standard library before
    any __init__ (whose __init__ keeps what it is given), or one that pickles itself its own way
    (`__reduce__`, anywhere in the MRO: pickle looks it up there too)."""
    found = init_chain(cls, base_of)
    return found[0] if found is not None else None


def init_chain(cls, base_of=None) -> tuple | None:
    """(the class whose __init__ runs, the rest of `cls`'s MRO after it, or None when the MRO is a chain of
    single bases: `super()` then reaches `base_of` of each in turn); None when unknown (`init_owner`)."""
    if not isinstance(cls, ast.ClassDef):
        return None
    order = base_of.order(cls) if hasattr(base_of, "order") else None
    if order is None:  # (a base not read: the chain of first bases up to the first __init__ still tells)
        order = _chain(cls, base_of)
    if order is None:
        return None
    for at, entry in enumerate(order):
        if not isinstance(entry, ast.ClassDef) or _pickles_itself(entry):
            return None
        if init_of(entry) is not None:
            if any(_pickles_itself(later) for later in order[at + 1:] if isinstance(later, ast.ClassDef)):
                return None
            single = all(len(c.bases) <= 1 for c in order if isinstance(c, ast.ClassDef))
            return entry, (None if single else order[at + 1:])
        if entry.keywords:
            return None
    return None


def _pickles_itself(cls) -> bool:
    return any(isinstance(f, ast.FunctionDef) and f.name in OWN_PICKLING for f in cls.body)


def _chain(cls, base_of) -> list | None:
    """The MRO of single inheritance, by `base_of` alone (a caller without `Bases`); None past a class with
    several bases or an unknown one; a library class ends it."""
    out = []
    for _ in range(MAX_CHAIN):
        out.append(cls)
        if init_of(cls) is not None:
            return out
        if len(cls.bases) != 1 or base_of is None:
            return None
        cls = base_of(cls)
        if cls is UNKNOWN:
            return None
        if not isinstance(cls, ast.ClassDef):
            return [*out, "<library>"]
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


def reaching_base(cls, count: int, base_of, rest: list | None = None) -> int | None:
    """How many of `count` arguments handed to `cls`'s base (by `cls.__init__`) reach
    BaseException.__init__; None when unknown, or when no __init__ of the chain calls its base (then
    `args` keeps what the constructor was called with, and the class rebuilds). `rest`: the MRO after
    `cls` of the class being built, when it is not a chain of single bases (`init_chain`)."""
    if rest is not None:
        return _reaching_along(count, rest)
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


def _reaching_along(count: int, rest: list) -> int | None:
    """`reaching_base` along an MRO of several bases: each `super().__init__` reaches the next class of it
    that defines __init__ (an explicit `Base.__init__(self, ...)` may skip some: not followed)."""
    for entry in rest:
        if not isinstance(entry, ast.ClassDef):
            return count  # a class of the standard library (Exception, ValueError, ...): it keeps them
        init = init_of(entry)
        if init is None:
            continue
        if init.args.vararg is not None or init.args.kwonlyargs:
            return None
        params = len(init.args.args) - 1
        required = params - len(init.args.defaults)
        if not required <= count <= params:
            return None
        call = base_init_call(init)
        if call is None or not _super_call(call):
            return None
        count = passed_count(call)
        if count is None:
            return None
    return None


def _super_call(call: ast.Call) -> bool:
    made = call.func.value
    return isinstance(made, ast.Call) and isinstance(made.func, ast.Name) and made.func.id == "super"


UNKNOWN = object()  # a base class neither of the project nor of the standard library


def class_bases(definitions: dict, imports=None, resolver=None) -> "Bases":
    """`base_of` for the classes of one module: a base named in the module (`definitions`), or imported
    from another project module (read with that module's names in turn); None for a base of the
    standard library (a builtin exception, or a name `imports` qualifies outside the project); UNKNOWN
    for anything else (the chain then says nothing). `Bases.every` reads all of a class's bases."""
    return Bases(definitions, imports, resolver)


class Bases:
    """`base_of(cls)`: the first base of `cls` (the chain of single inheritance); `every(cls)`: the entries of
    all its bases for `mro.linearize`; `order(cls)`: its MRO (memoised per class)."""

    def __init__(self, definitions: dict, imports=None, resolver=None):
        self.definitions, self.imports, self.resolver = definitions, imports, resolver
        self.homes: dict = {}  # id(class of another module) -> (its module's definitions, its imports)
        self.orders: dict = {}

    def __call__(self, cls):
        bases = getattr(cls, "bases", ())
        return self._resolved(cls, bases[0])[0] if bases else None

    def every(self, cls) -> list:
        """A class definition per base of the project, the name of a standard library's class, None for another."""
        out = []
        for base in getattr(cls, "bases", ()):
            found, name = self._resolved(cls, base)
            out.append(None if found is UNKNOWN else found if found is not None else name)
        return out

    def order(self, cls) -> list | None:
        return linearize(cls, self.every, self.orders)

    def _resolved(self, cls, base) -> tuple:
        """(ClassDef, None), (None, the name of a standard library's class) or (UNKNOWN, None)."""
        names, names_imports = self.homes.get(id(cls), (self.definitions, self.imports))
        if isinstance(base, ast.Name) and isinstance(names.get(base.id), ast.ClassDef):
            return names[base.id], None
        qualified = names_imports.qualify(base) if names_imports is not None else None
        if qualified is None:
            builtin = isinstance(base, ast.Name) and base.id in BUILTIN_NAMES
            return (None, f"builtins.{base.id}") if builtin else (UNKNOWN, None)
        module = qualified.rpartition(".")[0]
        names = _module_names(self.resolver, module) if self.resolver is not None and module else None
        if names is None:
            return (None, qualified) if qualified.partition(".")[0] in STDLIB else (UNKNOWN, None)
        found = names[0].get(qualified.rpartition(".")[2])
        if not isinstance(found, ast.ClassDef):
            return UNKNOWN, None
        self.homes[id(found)] = names
        return found, None


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


MAX_CAUGHT_CLASSES = 64  # classes read for the names a handler may catch an exception by (a cycle ends here)


def caught_as(cls, base_of=None) -> frozenset:
    """The names an `except` clause may catch an instance of `cls` by: its own, those of every base class the
    project shows (read through `base_of`, in this module or another project module), the names its bases
    are written with, and for a class of the standard library its real bases (`class Missing(KeyError)` is
    caught by `except LookupError:`). A base that cannot be read still counts by the name it is written
    with; its own bases are not known (a handler naming them is taken not to match: the finding stays)."""
    names: set = set()
    todo, seen = [cls], set()
    while todo and len(seen) < MAX_CAUGHT_CLASSES:
        current = todo.pop()
        if id(current) in seen or not isinstance(current, ast.ClassDef):
            continue
        seen.add(id(current))
        names.add(current.name)
        every = base_of.every(current) if hasattr(base_of, "every") else None
        for at, base in enumerate(current.bases):
            written = base.id if isinstance(base, ast.Name) else base.attr if isinstance(base, ast.Attribute) else None
            if written is not None:
                names.add(written)
            if every is not None:
                found = every[at] if at < len(every) else None
            else:  # (a plain `base_of`: the first base alone)
                found = base_of(current) if base_of is not None and at == 0 else None
            if isinstance(found, ast.ClassDef):
                todo.append(found)
            elif isinstance(found, str):  # a library class: its own name, and a builtin's real bases
                names.add(found.rpartition(".")[2])
                if found.startswith("builtins."):
                    names.update(_builtin_bases(found.rpartition(".")[2]))
    return frozenset(names)


def _builtin_bases(name: str) -> tuple:
    """The names of a builtin exception class's bases (its MRO without `object`), else ()."""
    value = getattr(builtins, name, None) if name in BUILTIN_NAMES else None
    return tuple(c.__name__ for c in value.__mro__ if c is not object) if value is not None else ()
