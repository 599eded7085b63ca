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

from mpguard.semantic.local_values import assigned_once

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
ADDERS = {"append": 0, "add": 0, "insert": 1, "appendleft": 0, "setdefault": 1}
METHOD = object()  # the attribute is a method (or may be one): not data


def stored_values(cls: ast.ClassDef, attr: str, base_of=None):
    """Expressions the class's methods store in `self.<attr>` (or add to the container it holds);
    METHOD when `attr` is (or may be) a method. `base_of(expr)`: the ClassDef a base expression names in the
    class's module, else None; with it, bases that are all that module's classes (`class HDDMrl(HDDM)`) are read
    too, nearest first, as Python's attribute lookup does."""
    if base_of is not None and cls.bases and not cls.keywords:
        lineage = _module_lineage(cls, base_of)
        if lineage is not None:
            out = []
            for each in lineage:
                found = _own_stores(each, attr)
                if found is METHOD:
                    return METHOD
                out.extend(found)
            return out
    if any(not (isinstance(b, ast.Name) and b.id == "object") for b in cls.bases) or cls.keywords:
        return METHOD  # a base class may define it
    return _own_stores(cls, attr)


def _module_lineage(cls: ast.ClassDef, base_of) -> list | None:
    """`cls` and its bases, all classes of one module found by `base_of` (up to `object`), or None when one is
    not (a library base may define anything)."""
    out, todo = [], [cls]
    while todo and len(out) < 16:
        current = todo.pop(0)
        if current in out:
            continue
        if current.keywords:
            return None
        out.append(current)
        for base in current.bases:
            if isinstance(base, ast.Name) and base.id == "object":
                continue
            found = base_of(base)
            if not isinstance(found, ast.ClassDef):
                return None
            todo.append(found)
    return out if not todo else None


def _own_stores(cls: ast.ClassDef, attr: str):
    if any(isinstance(f, (*FUNCS, ast.ClassDef)) and f.name == attr for f in cls.body) or any(
            isinstance(s, ast.Assign) and any(isinstance(t, ast.Name) and t.id == attr for t in s.targets)
            for s in cls.body):
        return METHOD  # a method, or a class attribute (maybe a callable)
    out = []
    for method in (f for f in cls.body if isinstance(f, FUNCS)):
        if not method.args.args:
            continue
        me = method.args.args[0].arg
        locals_ = assigned_once(method)
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


def kept_parameters(cls: ast.ClassDef, attr: str) -> tuple:
    """The `__init__` parameters that `obj.<attr>` of an object of `cls` gives back: ((name, position), ...), the
    position counted after `self` (None for a keyword-only one). `<attr>` is a property whose every return is
    `self.<field>` (`@property def simplify(self): return self._simplify`), or the field itself; the field is
    bound only in `__init__`, only to a parameter or to `param if param is not None else <default>` (`param or
    <default>`): what the caller gives it (its default then is another option, none of the caller's). Empty when
    the class is not known whole (a base but `object`), when another method binds the field, or when anything
    else may be there (precision first). Kept on the class's node: a syntax tree is never changed once parsed, and
    each judgement of such an attribute asks again."""
    known = getattr(cls, "_mpguard_kept", None)
    if known is None:
        known = cls._mpguard_kept = {}
    if attr not in known:
        known[attr] = _kept_parameters(cls, attr)
    return known[attr]


def _kept_parameters(cls: ast.ClassDef, attr: str) -> tuple:
    if any(not (isinstance(b, ast.Name) and b.id == "object") for b in cls.bases) or cls.keywords:
        return ()
    methods = [f for f in cls.body if isinstance(f, FUNCS)]
    init = next((f for f in methods if f.name == "__init__"), None)
    if init is None or not init.args.args:
        return ()
    field = attr
    prop = next((f for f in methods if f.name == attr), None)
    if prop is not None:
        if not prop.args.args or [_name(d) for d in prop.decorator_list] not in (["property"], ["cached_property"]):
            return ()
        me = prop.args.args[0].arg
        returns = [n for n in ast.walk(prop) if isinstance(n, ast.Return)]
        fields = {r.value.attr if isinstance(r.value, ast.Attribute) and _is_self_attr(r.value, me, r.value.attr)
                  else None for r in returns}
        if len(fields) != 1 or None in fields:
            return ()
        field = fields.pop()
    elif any(isinstance(s, (ast.Assign, ast.AnnAssign)) for s in cls.body):
        return ()  # (a class attribute of that name: not read here)
    positional = [a.arg for a in init.args.args[1:]]
    keyword_only = {a.arg for a in init.args.kwonlyargs}
    out = []
    for method in methods:
        me = method.args.args[0].arg if method.args.args else None
        for node in ast.walk(method):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] \
                if isinstance(node, (ast.AnnAssign, ast.AugAssign)) else []
            if not any(_is_self_attr(t, me, field) for t in targets):
                continue
            param = _given_parameter(node.value) if method is init and isinstance(node, ast.Assign) else None
            if param is None or param not in positional and param not in keyword_only:
                return ()
            out.append((param, positional.index(param) if param in positional else None))
    return tuple(dict.fromkeys(out))


def _given_parameter(value) -> str | None:
    """`p`, `p if p is not None else d`, `d if p is None else p`, `p or d`: the name `p`, else None."""
    if isinstance(value, ast.Name):
        return value.id
    if isinstance(value, ast.BoolOp) and isinstance(value.op, ast.Or) and isinstance(value.values[0], ast.Name):
        return value.values[0].id
    if isinstance(value, ast.IfExp) and isinstance(value.test, ast.Compare) and len(value.test.ops) == 1 \
            and isinstance(value.test.left, ast.Name) and isinstance(value.test.comparators[0], ast.Constant) \
            and value.test.comparators[0].value is None:
        name, op = value.test.left.id, value.test.ops[0]
        arm = value.body if isinstance(op, ast.IsNot) else value.orelse if isinstance(op, ast.Is) else None
        return name if isinstance(arm, ast.Name) and arm.id == name else None
    return None


def _name(decorator) -> str:
    return decorator.id if isinstance(decorator, ast.Name) else decorator.attr \
        if isinstance(decorator, ast.Attribute) else ""
