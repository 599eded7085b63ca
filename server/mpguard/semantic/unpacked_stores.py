"""What each `self.<attr>` of an assignment in a method may be given, read from the method's tree alone.

A class of another project module is judged from its syntax (no flow walk runs there). Besides `self.f = expr`,
a constructor often unpacks a pair into two attributes, picked from a table by a parameter (pySIP's Parameter):

    transforms = {"log": (lambda x: math.log(x), lambda x: math.exp(x)), "none": (...)}
    self._unconstrain, self._constrain = transforms[transform]

`stored_options` gives, per attribute, every expression the store may put there: the item at the attribute's
place of each pair the value may be. A table is a local bound only to dict displays and read only by subscripts
(nothing adds to it or hands it on); a constant key found there picks its value, any other key any value. A
value whose items cannot be told (a call, `*rest`, pairs of another length) gives None: nothing is said.
"""
from __future__ import annotations

import ast

from mpguard.semantic.local_values import local_values, own_nodes


def stored_options(method, node: ast.Assign) -> list:
    """[(attribute, [expression] or None)] of each `self.<attr>` that `node` (an assignment in `method`) binds."""
    out = []
    for target in node.targets:
        if _self_attribute(target):
            out.append((target.attr, [node.value]))
        elif type(target) in (ast.Tuple, ast.List):
            if any(type(e) is ast.Starred for e in target.elts):
                continue
            options = value_options(method, node.value)
            for index, part in enumerate(target.elts):
                if _self_attribute(part):
                    out.append((part.attr, _items_at(options, index, len(target.elts))))
    return out


def value_options(method, expr) -> list | None:
    """The expressions `expr` may be: itself, or, for a subscript of a table (the module's text), its values."""
    if type(expr) is ast.Subscript and type(expr.value) is ast.Name and type(expr.ctx) is ast.Load:
        tables = _table(method, expr.value.id)
        if tables is None:
            return None
        key = expr.slice
        if type(key) is ast.Constant:
            picked = [v for t in tables for k, v in zip(t.keys, t.values) if type(k) is ast.Constant
                      and k.value == key.value]
            if picked:
                return picked
        return [v for t in tables for v in t.values]
    return [expr]


def _items_at(options, index: int, size: int) -> list | None:
    if options is None:
        return None
    items = []
    for option in options:
        if type(option) not in (ast.Tuple, ast.List) or len(option.elts) != size \
                or any(type(e) is ast.Starred for e in option.elts):
            return None
        items.append(option.elts[index])
    return items


def _table(method, name: str) -> list | None:
    """The dict displays (without `**`) the local `name` of `method` is bound to, when it is only ever read by a
    subscript; else None."""
    values = local_values(method, name)
    if not values or any(type(v) is not ast.Dict or None in v.keys for v in values):
        return None
    reads = [n for n in own_nodes(method) if type(n) is ast.Name and n.id == name and type(n.ctx) is ast.Load]
    subscripted = {id(n.value) for n in own_nodes(method) if type(n) is ast.Subscript and type(n.ctx) is ast.Load}
    if any(id(n) not in subscripted for n in reads):
        return None  # (handed on, changed in place, or read by a nested function: not judged)
    if any(type(n) in (ast.Lambda, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef) and _mentions(n, name)
           for n in own_nodes(method)):
        return None
    return values


def _mentions(node, name: str) -> bool:
    return any(type(n) is ast.Name and n.id == name for n in ast.walk(node))


def _self_attribute(target) -> bool:
    return type(target) is ast.Attribute and type(target.value) is ast.Name and target.value.id == "self"
