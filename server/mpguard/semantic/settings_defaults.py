"""The defaults a program's settings objects hold when nobody overrides them: a dataclass field's
constant default (`workers: int = 4`), a constant a settings class binds in its body (pydantic's
`BaseSettings`, a plain `class Config: WORKERS = 4`), read through an instance made without arguments
(`settings = Settings()`; `settings.workers`) or through the class (`Config.WORKERS`).

Like argparse's defaults (semantic/cli_args), these are what the program runs with as written; a value an
environment variable or a `.env` file may give instead stays unknown and is not assumed. The default is
believed only while nothing in the module could replace it: no `<anything>.<name> = ...` store of that
attribute name (a method's `self.<name> = ...`, a `settings.workers = args.workers`), no `setattr(...)`."""
from __future__ import annotations

import ast

from mpguard.semantic import values as V
from mpguard.semantic.index import module_nodes_of

_KINDS = (bool, int, float, str)


def stored_names(walker) -> frozenset | None:
    """Attribute names the module assigns anywhere; None when it calls `setattr` (any name may change).
    Walked once per module, and only when a settings default is read."""
    cached = walker.__dict__.get("_settings_stored_names", False)
    if cached is not False:
        return cached
    names, anything = set(), False
    for node in module_nodes_of(walker.tree, ast.Attribute):  # (the module's nodes, listed once for all who ask)
        if type(node.ctx) is not ast.Load:
            names.add(node.attr)
        elif node.attr == "__dict__":
            anything = True
    anything = anything or any(type(node.func) is ast.Name and node.func.id in ("setattr", "vars")
                               for node in module_nodes_of(walker.tree, ast.Call))
    result = None if anything else frozenset(names)
    walker.__dict__["_settings_stored_names"] = result
    return result


def _constant(value: ast.AST | None):
    if isinstance(value, ast.Call) and getattr(value.func, "id", getattr(value.func, "attr", None)) in ("field", "Field"):
        keywords = {k.arg: k.value for k in value.keywords}
        value = keywords.get("default", value.args[0] if value.args else None)
    if isinstance(value, ast.Constant) and type(value.value) in _KINDS:
        return value
    return None


def field_default(walker, name: str, value: ast.AST | None) -> V.Constant | None:
    """A dataclass field's default when it is a constant nobody replaces (`workers: int = 4`)."""
    found = _constant(value)
    stored = stored_names(walker) if found is not None else None
    if found is None or stored is None or name in stored:
        return None
    return V.Constant(found, 8)


def class_default(walker, lineage, name: str) -> V.Constant | None:
    """The constant the class body (or a base class body of this module) binds to `name`
    (`WORKERS = 4`, `workers: int = 4`, `workers: int = Field(4)`), when nothing replaces it."""
    for cls in lineage:
        if type(cls) is not ast.ClassDef:
            return None
        for stmt in cls.body:
            if type(stmt) is ast.Assign and any(type(t) is ast.Name and t.id == name for t in stmt.targets):
                return field_default(walker, name, stmt.value) if len(stmt.targets) == 1 else None
            if type(stmt) is ast.AnnAssign and type(stmt.target) is ast.Name and stmt.target.id == name:
                return field_default(walker, name, stmt.value)
    return None
