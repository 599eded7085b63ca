"""The class that defines a method an object of another project module's class runs: its own class, or the first
base (of that module or of yet another project module) whose body defines it, as Python's attribute lookup finds it
for single inheritance. poli #59: `f(x)` of a `PoliRFPInternal` (rfp_internal.py) runs the `__call__` its base
`AbstractBlackBox` (blackbox.py) defines, which submits `self._black_box`: the caller's object crosses there."""
from __future__ import annotations

import ast

from mpguard.semantic.returns import summarize_returns

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
MAX_BASES = 8  # base classes followed at most


def _base_name(base: ast.expr, cls_qualified: str, imports) -> str | None:
    """The qualified name of a base class expression, read with its class's module imports (a name the module
    defines itself: that module's)."""
    qualified = imports.qualify(base) if imports is not None else None
    if qualified is None and type(base) is ast.Name:
        qualified = f"{cls_qualified.rpartition('.')[0]}.{base.id}"
    return qualified


def method_owner(resolver, cls_qualified: str, name: str) -> str | None:
    """The qualified name of the project class, `cls_qualified` or a base, whose body first defines the method
    `name`; None when no class read defines it or a class of several bases (or none read) is met first."""
    lookup = getattr(resolver, "class_definition", None) if resolver is not None else None
    current = cls_qualified
    for _ in range(MAX_BASES):
        found = lookup(current) if lookup is not None and current.count(".") >= 1 else None
        if found is None:
            return None
        cls, imports = found
        for stmt in cls.body:
            if isinstance(stmt, FUNCS) and stmt.name == name:
                return current
            if isinstance(stmt, (ast.Assign, ast.AnnAssign)) and any(
                    type(t) is ast.Name and t.id == name for t in getattr(stmt, "targets", [getattr(stmt, "target", None)])):
                return None  # a class attribute of that name: not a method read here
        bases = [b for b in cls.bases if not (type(b) is ast.Name and b.id == "object")]
        if len(bases) != 1 or cls.keywords:
            return None
        current = _base_name(bases[0], current, imports)
        if current is None:
            return None
    return None


def overridden_below(resolver, cls_qualified: str, owner: str) -> frozenset | None:
    """The method names the classes from `cls_qualified` up to (not including) its base `owner` define: a method of
    `owner` calling one of them on its object runs the subclass's. None when the chain is not read to `owner`."""
    lookup = getattr(resolver, "class_definition", None) if resolver is not None else None
    names: set = set()
    current = cls_qualified
    for _ in range(MAX_BASES):
        if current == owner:
            return frozenset(names)
        found = lookup(current) if lookup is not None and current.count(".") >= 1 else None
        if found is None:
            return None
        cls, imports = found
        names.update(f.name for f in cls.body if isinstance(f, FUNCS))
        bases = [b for b in cls.bases if not (type(b) is ast.Name and b.id == "object")]
        if len(bases) != 1:
            return None
        current = _base_name(bases[0], current, imports)
        if current is None:
            return None
    return None


def method_at(cls: ast.ClassDef, line: int) -> str | None:
    """The name of the method of `cls`'s own body whose lines hold `line`."""
    return next((f.name for f in cls.body if isinstance(f, FUNCS) and f.lineno <= line <= (f.end_lineno or f.lineno)),
                None)


def foreign_method_returns(resolver, qualified: str):
    """(what the method `pkg.mod.Class.method` returns (semantic/returns.summarize_returns), the qualified name
    pickle gives its local functions: `Class.method`) for a method a project class, or the project base that
    defines it, has; (None, None) otherwise. pyABC #286: `ABCSMC._create_simulate_function` returns its nested
    `simulate_one`, "Can't pickle local object 'ABCSMC._create_simulate_function.<locals>.simulate_one'"."""
    cls_qualified, _, name = qualified.rpartition(".")
    owner = method_owner(resolver, cls_qualified, name) if cls_qualified.count(".") >= 1 else None
    lookup = getattr(resolver, "class_definition", None)
    found = lookup(owner) if owner is not None and lookup is not None else None
    method = next((f for f in found[0].body if isinstance(f, FUNCS) and f.name == name), None) \
        if found is not None else None
    if method is None or any(_named(d) in ("property", "cached_property") for d in method.decorator_list):
        return None, None
    return summarize_returns(method), f"{found[0].name}.{name}"


def _named(decorator) -> str:
    return decorator.id if type(decorator) is ast.Name else decorator.attr if type(decorator) is ast.Attribute else ""
