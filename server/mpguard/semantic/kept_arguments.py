"""What a class keeps of the arguments its constructor is given, and which parameters a call gives (the Pickler
judges what is kept with the object's state)."""
from __future__ import annotations

import ast

from mpguard.semantic.flow import dataclass_fields
from mpguard.semantic.index import nodes_in
from mpguard.semantic.pickle_problems import FUNCS, CUSTOM_PICKLING


def kept_arguments(cls: ast.ClassDef, call: ast.Call) -> list:
    """(attribute, argument) for each argument of `call` (a plain call of `cls`) that the class's own `__init__`
    stores as it is in `self` on its straight path (`self._predicate = predicate`), or a dataclass (without an
    `__init__` of its own) keeps as the field it gives: the object keeps exactly that value, and pickles it with its
    state. Nothing for a class that pickles its own way or has bases (a base may)."""
    if cls.bases or cls.keywords or any(isinstance(f, FUNCS) and f.name in CUSTOM_PICKLING for f in cls.body) \
            or any(type(a) is ast.Starred for a in call.args) or any(k.arg is None for k in call.keywords):
        return []
    init = next((f for f in cls.body if type(f) is ast.FunctionDef and f.name == "__init__"), None)
    fields = dataclass_fields(cls) if init is None else None
    if fields is not None:  # a dataclass's generated __init__ stores each argument as the field it gives
        if len(call.args) > len(fields):
            return []
        return [*zip(fields, call.args), *((k.arg, k.value) for k in call.keywords if k.arg in fields)]
    if init is None or init.args.vararg is not None:
        return []
    positional = [a.arg for a in (*init.args.posonlyargs, *init.args.args)][1:]  # (self)
    if len(call.args) > len(positional):
        return []
    given = dict(zip(positional, call.args))
    given.update((k.arg, k.value) for k in call.keywords)
    stores: dict = {}  # attribute -> how many stores of `self.<attribute>` the __init__ makes
    for node in nodes_in(init):
        if type(node) is ast.Attribute and type(node.ctx) is not ast.Load and getattr(node.value, "id", "") == "self":
            stores[node.attr] = stores.get(node.attr, 0) + 1
    out = []
    for stmt in init.body:
        if type(stmt) is ast.Assign and type(stmt.value) is ast.Name and stmt.value.id in given \
                and not binds_before(init, stmt, stmt.value.id):
            out += [(t.attr, given[stmt.value.id]) for t in stmt.targets
                    if type(t) is ast.Attribute and getattr(t.value, "id", "") == "self" and stores.get(t.attr) == 1]
    return out


def binds_before(func, stmt, name: str) -> bool:
    """Does a statement of `func`'s body before `stmt` bind `name` again (so that `stmt` no longer reads the
    parameter as given)?"""
    for earlier in func.body:
        if earlier is stmt:
            return False
        if any(type(n) is ast.Name and type(n.ctx) is not ast.Load and n.id == name for n in ast.walk(earlier)):
            return True
    return False


def keeps_arguments(cls) -> bool:
    """Does the class store what its constructor is given? Dataclasses and namedtuples do; a class
    does when its __init__ assigns one of its parameters to `self`."""
    if isinstance(cls, ast.Call):  # namedtuple("P", ...)
        return True
    if not isinstance(cls, ast.ClassDef):
        return False
    if dataclass_fields(cls) is not None or any("attr" in ast.dump(d) for d in cls.decorator_list):
        return True  # a dataclass or NamedTuple, or an attrs class
    for item in cls.body:
        if isinstance(item, ast.FunctionDef) and item.name == "__init__":
            params = {a.arg for a in item.args.args[1:] + item.args.kwonlyargs}
            for node in nodes_in(item):
                if isinstance(node, ast.Assign) and _kept_parameter(node.value) in params \
                        and any(isinstance(t, ast.Attribute) for t in node.targets):
                    return True
    return False


# builtins that copy what they are given, item by item: `self.transforms = list(transforms)` keeps the items
# (openai/CLIP PR #151: torchvision's Compose copies its list of transforms, a lambda among them)
ITEM_COPIES = frozenset({"list", "tuple", "set", "frozenset", "dict", "sorted"})


def _kept_parameter(expr) -> str | None:
    """The name a stored value keeps: `param`, or `list(param)` and the other item copies."""
    if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and expr.func.id in ITEM_COPIES \
            and len(expr.args) == 1 and not expr.keywords:
        expr = expr.args[0]
    return expr.id if isinstance(expr, ast.Name) else None


ALL_GIVEN = frozenset({"*"})  # a call with *args or **kwargs: any parameter may be given


def spread_keys(function, defaults: dict) -> dict:
    """The keys of the dicts a constructor unpacks into a call (`Sub(x, **extra)`) that the call which made the
    object decides: `extra = {} if target_transform is None else {"target_transform": target_transform}` (CloserLook
    FewShot #80's SetDataset), a statement of the constructor's own body, when the parameter it tests is left to its
    default `None` (`defaults`: the parameters the call leaves out). Name -> frozenset of keys; only a name bound
    there once, to dict literals of constant keys, and read nowhere but in `**name`."""
    out = {}
    for stmt in function.body:
        if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)):
            continue
        name, value = stmt.targets[0].id, stmt.value
        if isinstance(value, ast.IfExp):
            truth = _none_test(value.test, defaults)
            value = None if truth is None else value.body if truth else value.orelse
        if not (isinstance(value, ast.Dict) and all(isinstance(k, ast.Constant) and isinstance(k.value, str)
                                                      for k in value.keys)):
            continue
        uses = [n for n in ast.walk(function) if isinstance(n, ast.Name) and n.id == name]
        spread = [k for k in ast.walk(function) if isinstance(k, ast.keyword) and k.arg is None
                  and isinstance(k.value, ast.Name) and k.value.id == name]
        if len(uses) == 1 + len(spread):  # (bound once, read only where unpacked: nothing adds keys)
            out[name] = frozenset(k.value for k in value.keys)
    return out


def _none_test(test, defaults: dict):
    """The truth of `p is None` / `p is not None` for a parameter `p` left to its default `None`, else None."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.left, ast.Name)
            and isinstance(test.comparators[0], ast.Constant) and test.comparators[0].value is None):
        return None
    default = defaults.get(test.left.id)
    if not (isinstance(default, ast.Constant) and default.value is None):
        return None
    return {ast.Is: True, ast.IsNot: False}.get(type(test.ops[0]))


def with_spread_keys(call, spread: dict):
    """`call` with each `**name` whose keys are known (`spread_keys`) written as those keywords."""
    if not spread or not isinstance(call, ast.Call) \
            or not any(k.arg is None and isinstance(k.value, ast.Name) and k.value.id in spread for k in call.keywords):
        return call
    keywords = []
    for k in call.keywords:
        if k.arg is None and isinstance(k.value, ast.Name) and k.value.id in spread:
            keywords += [ast.keyword(arg=key, value=k.value) for key in sorted(spread[k.value.id])]
        else:
            keywords.append(k)
    return ast.Call(func=call.func, args=call.args, keywords=keywords)


def given_parameters(call, init) -> frozenset:
    """The parameters of the constructor `init` that `call` gives (by position or keyword); ALL_GIVEN when
    it unpacks (`**extra`: whether a default applies is not known) or is not a plain call."""
    if not isinstance(call, ast.Call) or any(type(a) is ast.Starred for a in call.args) \
            or any(k.arg is None for k in call.keywords):
        return ALL_GIVEN
    if init is None:
        return frozenset()
    positional = [a.arg for a in (*getattr(init.args, "posonlyargs", []), *init.args.args)][1:]  # (self)
    if len(call.args) > len(positional):
        return ALL_GIVEN
    return frozenset(positional[:len(call.args)]) | {k.arg for k in call.keywords}


def names_class(call, name: str) -> bool:
    """Is `call` a call of the class `name` itself (`Sub(...)`, `mod.Sub(...)`), whose arguments are its
    constructor's?"""
    func = call.func if isinstance(call, ast.Call) else None
    return (isinstance(func, ast.Name) and func.id == name) or (isinstance(func, ast.Attribute) and func.attr == name)


def parameter_defaults(args: ast.arguments) -> dict:
    positional = [*getattr(args, "posonlyargs", []), *args.args]
    out = {a.arg: d for a, d in zip(positional[len(positional) - len(args.defaults):], args.defaults)}
    out.update({a.arg: d for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None})
    return out
