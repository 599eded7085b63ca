"""The defs of a project module a fact about it is kept per (each top-level def, each `Class.method`), and the
fact of another project module that holds a qualified def (`pkg.eis.fit`: the fact of `pkg.eis`, key `fit`)."""
from __future__ import annotations

import ast

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


def module_defs(tree: ast.Module) -> dict:
    """{key: (function, its class or None)}, in source order: `name` for a top-level function, `Class.name` for a
    method of a top-level class."""
    defs: dict = {}
    for stmt in tree.body:
        if isinstance(stmt, FUNCS):
            defs[stmt.name] = (stmt, None)
        elif isinstance(stmt, ast.ClassDef):
            defs.update({f"{stmt.name}.{f.name}": (f, stmt) for f in stmt.body if isinstance(f, FUNCS)})
    return defs


def def_fact(resolver, qualified: str | None, kind: str, build, **options):
    """(the `kind` fact of the project module that `qualified` is a def of, the def's key in it), trying the
    longest module first; (None, None) when no project module holds it or there is no project index.
    `options`: passed to `resolver.module_fact`."""
    if not qualified or resolver is None or not hasattr(resolver, "module_fact"):
        return None, None
    parts = qualified.split(".")
    for cut in range(len(parts) - 1, 0, -1):  # the longest module first
        fact = resolver.module_fact(".".join(parts[:cut]), kind, build, **options)
        if fact is not None:
            return fact, ".".join(parts[cut:])
    return None, None
