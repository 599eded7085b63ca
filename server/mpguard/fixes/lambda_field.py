"""MP201 / MP203: an object of a class of this module keeps a lambda in a field (`self.transform = transform`
with `transform=lambda x: x` as the constructor's default, lava #193, or `self.key = lambda r: r[0]`).
Pickle refuses the object for that field; the lambda becomes a module-level function (`lift.lift_lambda`),
which pickle finds by name, so the object keeps the same callable and pickles.

The refused field is the one the pickler named (`whose .transform is a lambda`): the class's methods are
searched for the assignments of that field, and each must store the same one lambda, written there or
as the default of the parameter stored.
"""
from __future__ import annotations

import ast
import re

from mpguard.semantic.index import nodes_in
from mpguard.fixes import _text as T
from mpguard.fixes.lift import lift_lambda
from mpguard.fixes.other_module import in_defining_module, is_foreign

_FIELD = re.compile(r"whose (?:\.(\w+)|field `(\w+)`) is a lambda\b")


def _defaults(args: ast.arguments) -> dict:
    positional = [*args.posonlyargs, *args.args]
    out = {a.arg: d for a, d in zip(positional[len(positional) - len(args.defaults):], args.defaults)}
    out.update({a.arg: d for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None})
    return out


def stored_lambda(cls: ast.ClassDef, field: str):
    """The one lambda the class's methods store in `self.<field>`, else None (none, several, or another
    value stored there too: lifting one would leave the field refused on another path)."""
    found = []
    for stmt in cls.body:  # a class-level default (`transform: Callable = lambda x: x` in a dataclass)
        if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.target.id == field \
                and stmt.value is not None or isinstance(stmt, ast.Assign) and any(
                    isinstance(t, ast.Name) and t.id == field for t in stmt.targets):
            found.append(stmt.value)
    for method in cls.body:
        if not isinstance(method, T.FUNCS):
            continue
        defaults = _defaults(method.args)
        for node in nodes_in(method):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] \
                if isinstance(node, (ast.AnnAssign, ast.AugAssign)) and node.value is not None else []
            if not any(isinstance(t, ast.Attribute) and t.attr == field and isinstance(t.value, ast.Name)
                       and t.value.id == "self" for t in targets):
                continue
            value = node.value
            if isinstance(value, ast.Name) and value.id in defaults:
                value = defaults[value.id]
            found.append(value)
    lambdas = {id(v): v for v in found if isinstance(v, ast.Lambda)}
    return next(iter(lambdas.values())) if len(lambdas) == 1 else None


def _fix(ctx, cls, what: str):
    match = _FIELD.search(what)
    if match is not None and is_foreign(ctx, cls):  # a class of a helper module: the lambda is lifted there
        return in_defining_module(ctx, cls, lambda view, there: _fix(view, there, what))
    if match is None or ctx.parents.get(cls) is None:
        raise T.CannotFix("not a lambda field of a class of this module")
    lam = stored_lambda(cls, match.group(1) or match.group(2))
    if lam is None:
        raise T.CannotFix("the field does not hold one lambda of the class")
    return lift_lambda(ctx, lam, "task")


lambda_field_fix = T.fix_builder(_fix)
