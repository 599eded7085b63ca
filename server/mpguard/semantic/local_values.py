"""The values a function's local name may hold, read from the function's own syntax tree.

A method of another project module is judged from its tree alone (no flow walk runs there): `root =
etree.Element("x")` ... `self._xml = root` stores what the local was given. Only plain assignments are
followed; a name the function binds any other way (a parameter, a loop or `with` target, an unpacking, an
augmented assignment, an import, a `global`/`nonlocal` declaration) has no value we can be sure of.
"""
from __future__ import annotations

import ast

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


def own_nodes(func):
    """The nodes of `func`'s body, without those of the functions, lambdas and classes defined in it."""
    stack = list(reversed(func.body))
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, (*FUNCS, ast.Lambda, ast.ClassDef)):
            stack.extend(reversed(list(ast.iter_child_nodes(node))))


def local_values(func, name: str) -> list | None:
    """Every expression `func` assigns to its local `name` (`name = expr`, `name: T = expr`,
    `(name := expr)`), or None when the name is bound any other way too, or not at all."""
    args = func.args
    if name in {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg) if a}:
        return None
    values: list = []
    plain: set = set()  # id() of the Name targets the plain assignments bind
    for node in own_nodes(func):
        kind = type(node)
        if kind is ast.Assign:
            for target in node.targets:
                if type(target) is ast.Name and target.id == name:
                    values.append(node.value)
                    plain.add(id(target))
        elif kind in (ast.AnnAssign, ast.NamedExpr) and type(node.target) is ast.Name and node.target.id == name:
            if node.value is None:  # `name: T` alone binds nothing
                plain.add(id(node.target))
                continue
            values.append(node.value)
            plain.add(id(node.target))
        elif kind in (ast.Global, ast.Nonlocal) and name in node.names:
            return None
        elif kind in FUNCS or kind is ast.ClassDef:
            if node.name == name:
                return None
        elif kind in (ast.Import, ast.ImportFrom):
            if any((alias.asname or alias.name.partition(".")[0]) == name for alias in node.names):
                return None
        elif kind is ast.ExceptHandler and node.name == name:
            return None
        elif kind in (ast.MatchAs, ast.MatchStar) and node.name == name:
            return None
        elif kind is ast.Name and type(node.ctx) in (ast.Store, ast.Del) and node.id == name and id(node) not in plain:
            return None  # a loop, `with` or unpacking target, an augmented assignment, a `del`
    return values or None


def scoped_in(func, node) -> bool:
    """Is `node` one of `func`'s own nodes (not inside a def, lambda or class nested in it)?"""
    return any(n is node for n in own_nodes(func))
