"""Which type a multiprocessing object's "objects should only be shared between processes through
inheritance" RuntimeError names (data/inheritance_types.json, measured on 3.10-3.14): not always the
constructor's name (an Event says "Condition", a Value "Synchronized", a RawValue("d") "c_double")."""
from __future__ import annotations

import ast

from mpguard.semantic.catalog_files import catalog_file


def _table() -> dict:
    return catalog_file("inheritance_types.json")


def named_type(factory: str, args=(), kwargs=None) -> str | None:
    """The type Python names for what `factory` (a multiprocessing constructor's own name: "Event",
    "JoinableQueue", "RawValue") made with these arguments (the walker's (expr, value) pairs), or None
    when it cannot be told (a raw ctypes object whose type code or length is not a constant)."""
    table, kwargs = _table(), kwargs or {}
    raw = table.get("raw", {})
    lock = kwargs.get("lock")
    unlocked = lock is not None and type(lock[0]) is ast.Constant and lock[0].value is False
    if factory in raw.get("always", ()) or (factory in raw.get("unlocked", ()) and unlocked):
        return _ctypes_name(factory in raw.get("arrays", ()), args, kwargs)
    if factory in raw.get("unlocked", ()) and lock is not None and not (type(lock[0]) is ast.Constant):
        return None  # a lock chosen at run time: a wrapper or the bare object
    return table.get("types", {}).get(factory)


def _ctypes_name(array: bool, args, kwargs) -> str | None:
    code = _constant(args[0] if args else kwargs.get("typecode_or_type"))
    name = _table().get("ctypes", {}).get(code) if isinstance(code, str) and len(code) == 1 else None
    if name is None or not array:
        return name
    size = _constant(args[1] if len(args) > 1 else kwargs.get("size_or_initializer"))
    if type(size) is int and not isinstance(size, bool):
        return f"{name}_Array_{size}"
    expr = (args[1] if len(args) > 1 else kwargs.get("size_or_initializer") or (None,))[0]
    if type(expr) in (ast.List, ast.Tuple) and not any(type(e) is ast.Starred for e in expr.elts):
        return f"{name}_Array_{len(expr.elts)}"
    return None


def _constant(pair):
    expr = pair[0] if pair else None
    return expr.value if type(expr) is ast.Constant else None
