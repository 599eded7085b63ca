"""What a data attribute of an object from another project module holds, read from that module's class.

`dataset = Dataset("signs")` (tbsdk/dataset.py), then `pool.map(upload, dataset.segments)`: the list
the pool pickles is what `Dataset`'s methods store in `self.segments` (`self.segments.append(Segment(
name, files))`), and a `Segment` keeps a `threading.Lock` (tensorbay-python-sdk #545: "TypeError: cannot
pickle '_thread.lock' object"). The walker does not follow another module's methods; this reads the
class's own statements: assignments to `self.<attr>`, `self.<attr>.append/add/insert(...)`,
`self.<attr>[key] = ...`, through one local name (`segment = Segment(...)`, then `append(segment)`).

Said only when the class is known whole (no base class but `object`), has no method of that name, and
what is stored is made by a call that pickle refuses (a lock, an open file: the pickle catalog) or an
instance of a class of that module whose own state pickle refuses.
"""
from __future__ import annotations

import ast

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
ADDERS = {"append": 0, "add": 0, "insert": 1, "appendleft": 0, "setdefault": 1}
METHOD = object()  # the attribute is a method (or may be one): not data


def stored_values(cls: ast.ClassDef, attr: str):
    """Expressions the class's methods store in `self.<attr>` (or add to the container it holds);
    METHOD when `attr` is (or may be) a method."""
    if any(not (isinstance(b, ast.Name) and b.id == "object") for b in cls.bases) or cls.keywords:
        return METHOD  # a base class may define it
    if any(isinstance(f, (*FUNCS, ast.ClassDef)) and f.name == attr for f in cls.body) or any(
            isinstance(s, ast.Assign) and any(isinstance(t, ast.Name) and t.id == attr for t in s.targets)
            for s in cls.body):
        return METHOD  # a method, or a class attribute (maybe a callable)
    out = []
    for method in (f for f in cls.body if isinstance(f, FUNCS)):
        if not method.args.args:
            continue
        me = method.args.args[0].arg
        locals_ = _single_assignments(method)
        for node in ast.walk(method):
            value = None
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if _is_self_attr(target, me, attr):
                        value = node.value
                    elif isinstance(target, ast.Subscript) and _is_self_attr(target.value, me, attr):
                        value = node.value
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr in ADDERS and _is_self_attr(node.func.value, me, attr):
                position = ADDERS[node.func.attr]
                value = node.args[position] if len(node.args) > position else None
            if value is None:
                continue
            if isinstance(value, ast.Name) and value.id in locals_:
                value = locals_[value.id]
            if isinstance(value, (ast.List, ast.Tuple, ast.Set)):
                out.extend(locals_.get(e.id, e) if isinstance(e, ast.Name) else e for e in value.elts)
            else:
                out.append(value)
    return out


def _is_self_attr(node, me: str, attr: str) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == attr and isinstance(node.value, ast.Name) \
        and node.value.id == me


def _single_assignments(method) -> dict:
    """name -> value for the locals a method assigns exactly once (`segment = Segment(...)`)."""
    counts: dict = {}
    values: dict = {}
    for node in ast.walk(method):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            counts[node.id] = counts.get(node.id, 0) + 1
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            values[node.targets[0].id] = node.value
    return {name: value for name, value in values.items() if counts.get(name) == 1}
