"""A library base class whose pickling keeps a fixed list of attributes and whose __setstate__ then calls a
method the project's subclass overrides (data/base_dispatch.json `rebuilds`): requests' HTTPAdapter keeps its
`__attrs__` and calls `init_poolmanager`, so toolbelt's SSLAdapter, whose override reads `self.ssl_version` (set in
its __init__, not listed), fails while the child unpickles it (requests/toolbelt#34). Only a certain loss is
reported: the subclass's own `__attrs__` must be read (a list literal, or the base's plus a list literal), the
attribute must be one a method of the project's classes stores, and the override must read it without storing it."""
from __future__ import annotations

import ast

from mpguard.semantic.catalog_files import catalog_file

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


def _table() -> tuple[dict, dict]:
    data = catalog_file("base_dispatch.json")
    return data.get("aliases", {}), data.get("rebuilds", {})


def _kept(classes, name: str, library: list, qualify, base: str) -> set | None:
    """The attributes the class's pickling keeps: the nearest class body's `name = [...]` or `name =
    Base.name + [...]`; the library's list when no project class sets it; None when it cannot be read."""
    for cls in classes:
        for stmt in cls.body:
            if type(stmt) is ast.Assign and any(type(t) is ast.Name and t.id == name for t in stmt.targets):
                return _list_value(stmt.value, name, library, qualify, base)
    return set(library)


def _list_value(expr, name: str, library: list, qualify, base: str) -> set | None:
    if type(expr) in (ast.List, ast.Tuple):
        items = [e.value for e in expr.elts if type(e) is ast.Constant and isinstance(e.value, str)]
        return set(items) if len(items) == len(expr.elts) else None
    if type(expr) is ast.BinOp and type(expr.op) is ast.Add:
        left = _list_value(expr.left, name, library, qualify, base)
        right = _list_value(expr.right, name, library, qualify, base)
        return left | right if left is not None and right is not None else None
    if type(expr) is ast.Attribute and expr.attr == name:
        aliases = _table()[0]
        owner = qualify(expr.value)
        return set(library) if aliases.get(owner, owner) == base else None
    return None


def _self_reads(func) -> list[str]:
    return [n.attr for n in ast.walk(func) if type(n) is ast.Attribute and type(n.ctx) is ast.Load
            and type(n.value) is ast.Name and n.value.id == "self"]


def _self_stores(func) -> set[str]:
    return {n.attr for n in ast.walk(func) if type(n) is ast.Attribute and type(n.ctx) is not ast.Load
            and type(n.value) is ast.Name and n.value.id == "self"}


def rebuild_problem(classes, qualify) -> tuple[str, str, str] | None:
    """(attribute, library base, method) when pickling an object of `classes[0]` (its project lineage, nearest
    first, each a ClassDef) through a library base in `rebuilds` drops an attribute that the override of a
    method the base's __setstate__ calls reads; else None. `qualify(base expr)` names a base."""
    aliases, rebuilds = _table()
    known = {c.name for c in classes}
    for cls in classes:
        for base_expr in cls.bases:
            if type(base_expr) is ast.Name and base_expr.id in known:
                continue
            base = qualify(base_expr)
            base = aliases.get(base, base)
            entry = rebuilds.get(base) if base else None
            if entry is None:
                continue
            if any(isinstance(f, FUNCS) and f.name in ("__getstate__", "__setstate__", "__reduce__", "__reduce_ex__")
                   for c in classes for f in c.body):
                return None  # the project's own pickling
            kept = _kept(classes, entry["kept"], entry["attributes"], qualify, base)
            if kept is None:
                return None
            methods = {f.name: f for c in reversed(classes) for f in c.body if isinstance(f, FUNCS)}
            on_class = {t.id for c in classes for s in c.body if type(s) in (ast.Assign, ast.AnnAssign)
                        for t in (s.targets if type(s) is ast.Assign else [s.target]) if type(t) is ast.Name}
            stored = {a for f in methods.values() for a in _self_stores(f)}
            for called in entry["calls"]:
                override = methods.get(called)
                if override is None:
                    continue
                own = _self_stores(override)
                for attr in _self_reads(override):
                    if attr in stored and attr not in kept and attr not in own and attr not in entry["sets"] \
                            and attr not in on_class and attr not in methods:
                        return attr, base, called
    return None
