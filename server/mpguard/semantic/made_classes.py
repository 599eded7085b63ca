"""Classes a function makes at run time with `type(name, bases, namespace)`.

pickle saves a class by reference: it looks `__qualname__` up in the module `__module__` names (the module of
the function that called type()) and refuses the class when the lookup fails or finds another object. A class
made inside a function is found only when something binds it in its module under that name, so it is refused
when its name cannot be bound there (`"Request[Union[A, B]]"`, a pydantic-like specialised generic) or when the
module binds nothing of that name, and the function publishes nothing (no `global`, `globals()`, `setattr` on
something else, `sys.modules`, `copyreg`).

dill and cloudpickle copy such a class by value. dill (0.3.6 and later) gives up on the copy when the class
refers to itself (`cls.meta = {"origin": cls}`: saving its namespace would recurse) and falls back to pickle's
lookup by name, which fails the same way (mistral-common #111); cloudpickle copies it all the same."""
from __future__ import annotations

import ast
import re

SELF_REFERENCE = "which refers to itself"  # the end of a problem's `what`: dill refuses the class too
MAKER = "type"
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_PUBLISHERS = {"globals", "setattr", "exec", "copyreg", "modules", "pickle"}  # what may bind or register the class


def refused_by_dill(what: str) -> bool:
    """Does the problem `what` describes (innermost last) end in a made class that refers to itself?"""
    return what.endswith(SELF_REFERENCE)


def made_class(call: ast.Call, function, parents: dict) -> tuple[str, bool] | None:
    """(the name pickle looks up, whether the class refers to itself) for `type(name, bases, namespace)` called in
    `function` when pickle cannot find the class it makes; None when it may (a name the module binds, a class
    published by the function, a name not known) or when the call is not the three-argument form."""
    if function is None or len(call.args) != 3 or call.keywords or any(type(a) is ast.Starred for a in call.args):
        return None
    target = _bound_to(call, parents)
    if target is None:
        return None
    own = [n for n in ast.walk(function) if not _nested_in(n, function, parents)]
    if any(_publishes(n) for n in own):
        return None
    name = _name_text(call.args[0], function, own)
    for node in own:  # `cls.__qualname__ = ...` / `cls.__module__ = ...` after the call
        for store in _attribute_stores(node, target):
            if store[0] == "__module__" and not _is_module_name(store[1]):
                return None  # moved to another module, which may bind it
            if store[0] == "__qualname__":
                name = _name_text(store[1], function, own)
    if _findable(name, _module_names(function, parents)):
        return None
    name = "".join(text for text, _ in name)
    refers = any(_holds_name(value, target) for node in own for attr, value in _attribute_stores(node, target)
                 if attr not in ("__qualname__", "__module__", "__name__"))
    return name, refers


def _bound_to(call: ast.Call, parents: dict) -> str | None:
    """The local name `cls = type(...)` binds (the class's own later statements are read through it)."""
    stmt = parents.get(call)
    if type(stmt) is ast.Assign and stmt.value is call and len(stmt.targets) == 1 and type(stmt.targets[0]) is ast.Name:
        return stmt.targets[0].id
    return None


def _nested_in(node, function, parents) -> bool:
    """Is `node` inside a def or lambda nested in `function` (another scope)?"""
    up = parents.get(node)
    while up is not None and up is not function:
        if isinstance(up, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            return True
        up = parents.get(up)
    return False


def _publishes(node) -> bool:
    """A statement or call that may bind the class in a module or register a reducer for it."""
    if type(node) in (ast.Global, ast.Nonlocal):
        return True
    if type(node) is ast.Name and node.id in _PUBLISHERS:
        return True
    return type(node) is ast.Attribute and node.attr in _PUBLISHERS


def _attribute_stores(node, target: str):
    """(attribute, value) of `target.attr = value` / `setattr(target, "attr", value)` statements."""
    if type(node) is ast.Assign and len(node.targets) == 1:
        store = node.targets[0]
        if type(store) is ast.Attribute and type(store.value) is ast.Name and store.value.id == target:
            yield store.attr, node.value
    elif type(node) is ast.Call and type(node.func) is ast.Name and node.func.id == "setattr" and len(node.args) == 3:
        owner, key = node.args[0], node.args[1]
        if type(owner) is ast.Name and owner.id == target and type(key) is ast.Constant:
            yield str(key.value), node.args[2]


def _holds_name(value, name: str) -> bool:
    return any(type(n) is ast.Name and n.id == name and type(n.ctx) is ast.Load for n in ast.walk(value))


def _is_module_name(value) -> bool:
    return type(value) is ast.Name and value.id == "__name__"


def _name_text(expr, function, own: list, depth: int = 0) -> list:
    """The class name an expression gives, as (text, known) parts: constants, f-strings and `+` of strings (their
    other parts not known, shown as written), a local bound once to one of those."""
    if type(expr) is ast.Constant and isinstance(expr.value, str):
        return [(expr.value, True)]
    if type(expr) is ast.JoinedStr:
        return [(p.value, True) if type(p) is ast.Constant else ("{" + ast.unparse(p.value) + "}", False)
                for p in expr.values]
    if type(expr) is ast.BinOp and type(expr.op) is ast.Add and depth < 20:
        return _name_text(expr.left, function, own, depth + 1) + _name_text(expr.right, function, own, depth + 1)
    if type(expr) is ast.Name and depth < 20:
        bound = [n for n in own if type(n) in (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.For, ast.NamedExpr)
                 and any(type(t) is ast.Name and t.id == expr.id for t in ast.walk(_targets(n)))]
        params = function.args
        if len(bound) == 1 and type(bound[0]) is ast.Assign and expr.id not in {
                a.arg for a in (*params.posonlyargs, *params.args, *params.kwonlyargs)}:
            return _name_text(bound[0].value, function, own, 20)  # (one step: `name = f"..."; type(name, ...)`)
    return [("{" + ast.unparse(expr) + "}", False)]


def _targets(node):
    if type(node) is ast.Assign:
        return ast.Tuple(elts=list(node.targets), ctx=ast.Store())
    return node.target


def _findable(parts: list, module_names: set) -> bool:
    """May pickle's lookup of the name in the module find the class? Only through an attribute path of
    identifiers; a name known only in part may become one unless its known parts already rule it out."""
    if not all(known for _, known in parts):
        return all(ch.isalnum() or ch in "_." for text, known in parts if known for ch in text)
    steps = "".join(text for text, _ in parts).split(".")
    if not all(_IDENTIFIER.match(p) for p in steps):
        return False
    return steps[0] in module_names


def _module_names(function, parents) -> set:
    """Every name the module binds anywhere at its top level (any statement, guarded or not: precision first)."""
    module = function
    while module is not None and type(module) is not ast.Module:
        module = parents.get(module)
    if module is None:
        return set()
    names = set()
    for node in ast.walk(module):
        if type(node) is ast.Name and type(node.ctx) is ast.Store:
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif type(node) is ast.alias:
            names.add((node.asname or node.name).split(".")[0])
    return names
