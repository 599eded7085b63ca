"""The lambda an object keeps in a field, found in its class's code: what pickle refuses when it says an object is
refused because `whose .transform is a lambda` (or `whose field `transform` is a lambda`, a dataclass default).

The field is searched in the class and in the bases the same module defines (chonkie #56's `BaseTokenizer.__init__`
storing `self.token2id = defaultdict(lambda: len(self.vocab))` for its subclasses): a class-level default, an
assignment to `self.<field>` in a method, a parameter default stored there, or the default factory of a
`defaultdict` stored there. Exactly one lambda, else None (lifting one of several would leave the field refused on
another path). Used by a fix to name the lambda (fixes/lambda_field.py) and by a module's summary to tell its
importers where it is (`pickle_problems.fix_handle`)."""
from __future__ import annotations

import ast
import re

from mpguard.semantic.index import nodes_in

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
FIELD_LAMBDA = re.compile(r"whose (?:\.(\w+)|field `(\w+)`) is a lambda\b")


def field_of(what: str) -> str | None:
    """The field a problem's description names as holding a lambda (the last one named), else None."""
    found = list(FIELD_LAMBDA.finditer(what))
    return (found[-1].group(1) or found[-1].group(2)) if found else None


def module_lineage(cls: ast.ClassDef, parents: dict) -> list:
    """The class and the bases its module defines by name, nearest first (at most 8 deep)."""
    module = cls
    while module is not None and not isinstance(module, ast.Module):
        module = parents.get(module)
    classes = {c.name: c for c in module.body if isinstance(c, ast.ClassDef)} if module is not None else {}
    out, todo = [], [cls]
    while todo and len(out) < 8:
        current = todo.pop(0)
        if current in out:
            continue
        out.append(current)
        todo += [classes[b.id] for b in current.bases if isinstance(b, ast.Name) and b.id in classes]
    return out


def stored_lambda(classes, field: str):
    """The one lambda the classes store in `field` (see the module's docstring), else None."""
    found = []
    for cls in classes:
        found += _stored(cls, field)
    lambdas = {id(v): v for v in found if isinstance(v, ast.Lambda)}
    return next(iter(lambdas.values())) if len(lambdas) == 1 else None


def _stored(cls: ast.ClassDef, field: str) -> list:
    found = []
    for stmt in cls.body:  # a class-level default (`transform: Callable = lambda x: x` in a dataclass)
        if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.target.id == field \
                and stmt.value is not None or isinstance(stmt, ast.Assign) and any(
                    isinstance(t, ast.Name) and t.id == field for t in stmt.targets):
            found.append(stmt.value)
    for method in cls.body:
        if not isinstance(method, FUNCS):
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
            if isinstance(value, ast.Call) and _names(value.func, "defaultdict") and value.args:
                value = value.args[0]  # (its default factory is pickled with it)
            found.append(value)
    return found


def _names(func, name: str) -> bool:
    return isinstance(func, ast.Name) and func.id == name or isinstance(func, ast.Attribute) and func.attr == name


def _defaults(args: ast.arguments) -> dict:
    positional = [*args.posonlyargs, *args.args]
    out = {a.arg: d for a, d in zip(positional[len(positional) - len(args.defaults):], args.defaults)}
    out.update({a.arg: d for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None})
    return out
