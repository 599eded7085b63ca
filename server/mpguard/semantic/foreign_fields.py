"""A multiprocessing object a dataclass of another project module makes for each instance: `upstream_queue: Any =
field(default_factory=multiprocessing.Queue)` (inspect_scout's IPCContext, fresh_reports17 scout616). An
object built here with that class, which leaves the field to its factory, holds its own Queue: a put on it in
a child is a Queue write (rules/lifecycle.all_ops). Only a plain standard-library dataclass field whose factory
names the multiprocessing class itself, with that module's imports; the field given by the call (by position
or keyword, or a `*`/`**` argument that may give it) is not judged."""
from __future__ import annotations

import ast

from mpguard.semantic import values as V
from mpguard.semantic.flow import dataclass_fields
from mpguard.semantic.names import api_kind

FACTORIES = frozenset({"Queue", "SimpleQueue", "JoinableQueue"})


def factory_object(made, cls: ast.ClassDef, imports, name: str):
    """The MPObject the field `name` of an instance of `cls` (another module's dataclass, read with its module's
    `imports`) holds when the constructor call `made` leaves it to `default_factory`; None when unknown."""
    fields = dataclass_fields(cls)
    if fields is None or name not in fields or not isinstance(made, ast.Call) or imports is None:
        return None
    if any(isinstance(a, ast.Starred) for a in made.args) or any(k.arg is None or k.arg == name for k in made.keywords):
        return None
    if fields.index(name) < len(made.args):
        return None
    for stmt in cls.body:
        if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.target.id == name \
                and isinstance(stmt.value, ast.Call):
            keywords = {k.arg: k.value for k in stmt.value.keywords}
            factory = keywords.get("default_factory")
            qualified = imports.qualify(factory) if factory is not None else None
            kind = api_kind(qualified) if qualified else None
            if kind in FACTORIES:
                return V.MPObject(made, kind, None)
    return None
