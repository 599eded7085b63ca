"""A library base-class method that calls another method of the same object (data/base_dispatch.json):
`requests.Session.get(url, **kw)` is `self.request("GET", url, **kw)`, so on an instance of a project subclass
that overrides `request` (requests-futures' FuturesSession submitting to its executor) a call of `get` runs the
override with those arguments. Only the catalog's methods are followed, and only calls whose arguments bind to
the library method's parameters plainly (no *args, no **mapping): anything else says nothing."""
from __future__ import annotations

import ast
from dataclasses import dataclass

from mpguard.semantic.catalog_files import catalog_file
from mpguard.semantic.cli_args import constant

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


@dataclass(frozen=True)
class Dispatch:
    """`method` of the library class `base` calls `self.<calls>(...)`, as the catalog entry `entry` says."""

    base: str
    method: str
    calls: str
    entry: dict


def _table() -> dict:
    return catalog_file("base_dispatch.json")


def dispatch_of(base: str | None, method: str) -> Dispatch | None:
    """What the library class `base`'s `method` calls on its own object, when the catalog knows."""
    if not base:
        return None
    table = _table()
    base = table.get("aliases", {}).get(base, base)
    entry = table.get("methods", {}).get(f"{base}.{method}")
    return Dispatch(base, method, entry["calls"], entry) if entry else None


def _defines(classes, name: str):
    return next((f for c in classes if type(c) is ast.ClassDef for f in c.body
                 if isinstance(f, FUNCS) and f.name == name), None)


def override_call(classes, qualify, name: str):
    """(Dispatch, the override's def) when `name` is defined by no class of `classes` (a project class and its
    project bases, nearest first) but by a library base's method the catalog knows to call `self.<calls>`, which
    a class of `classes` overrides; else None. `qualify(base expr)` names a base (None when unknown)."""
    if _defines(classes, name) is not None:
        return None
    known = {c.name for c in classes if type(c) is ast.ClassDef}
    for cls in classes:
        for base in getattr(cls, "bases", ()):
            if type(base) is ast.Name and base.id in known:
                continue
            found = dispatch_of(qualify(base), name)
            override = _defines(classes, found.calls) if found is not None else None
            if override is not None:
                return found, override
    return None


def rebind(dispatch: Dispatch, e: ast.Call, args: list, kwargs: dict):
    """The (args, kwargs) the library method hands to `self.<calls>` for this call's (args, kwargs) (the
    walker's (expr, value) pairs), else None when the call does not bind plainly."""
    entry = dispatch.entry
    params = entry.get("params", [])
    if any(type(a) is ast.Starred for a, _ in args) or None in kwargs or len(args) > len(params):
        return None
    bound = dict(zip(params, args))
    extra = {}
    for key, pair in kwargs.items():
        if key in bound:
            return None  # given twice: a TypeError in the library method
        if key in params:
            bound[key] = pair
        elif entry.get("kwargs"):
            extra[key] = pair
        else:
            return None
    out_args = []
    for item in entry.get("passes", []):
        if isinstance(item, dict):
            value = constant(e, item["const"])
            out_args.append((value.node, value))
        elif item in bound:
            out_args.append(bound[item])
        else:
            return None  # a required parameter the call leaves out: a TypeError there
    out_kwargs = {key: bound[param] for key, param in entry.get("keywords", {}).items() if param in bound}
    out_kwargs.update(extra)
    return out_args, out_kwargs
