"""Names a function's conditions may test besides its parameters, whose value a caller still decides.

* An item unpacked from a parameter once, at the top of the function: `test_id, sources, jobs = job` makes
  `jobs` the item `job[2]`, which a caller passing a tuple display knows (`pool.map(work, [(t, s, 1) ...])`).
* An attribute the constructor fixes: `self.jobs` when the module's only store of `.jobs` is `self.jobs =
  jobs` (or a literal) at the top of a class's `__init__`. A method testing `self.jobs > 1` then runs its
  branch by what the construction of its object passed (`Toolchain(target, jobs=1).compile()`; the caller
  tells it, rules/context.py). Any other store of the attribute anywhere in the module (another method,
  another class, an augmented assignment, `del`), `setattr`/`vars`/`__dict__`, or a class body naming it (a
  property, a class attribute) leaves it unknown: the condition is then not one of these names. A plain
  `@dataclass` without an `__init__` of its own fixes each field from its parameter the same way, through the
  constructor it generates (semantic/dataclass_init), when the module stores the attribute nowhere else.

Names are spelled as the conditions key them: "p", "p[i]", "self.attr" (whatever the method calls its first
parameter).
"""
from __future__ import annotations

import ast

from mpguard.semantic.class_stores import class_body_names
from mpguard.semantic.dataclass_init import generated_init
from mpguard.semantic.index import module_nodes_of, nodes_in
from mpguard.semantic.node_memo import node_memo

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
SIMPLE = (int, float, str, bool, type(None))


def _stores(function, name: str) -> list:
    return [n for n in nodes_in(function) if type(n) is ast.Name and n.id == name
            and not isinstance(n.ctx, ast.Load)]


@node_memo(maxsize=256)
def unpacked_items(function, params: frozenset) -> dict:
    """Local name -> "p[i]" for the names bound only by one top-level `a, b, c = p` of a parameter `p` of
    `params` (never rebound) with no starred target."""
    if not isinstance(function, FUNCS) or not params:
        return {}
    scoped = None  # (the names declared global or nonlocal: looked for once a statement unpacks a parameter)
    out = {}
    for stmt in function.body:
        if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], (ast.Tuple, ast.List))
                and isinstance(stmt.value, ast.Name) and stmt.value.id in params):
            continue
        elts = stmt.targets[0].elts
        if not all(isinstance(e, ast.Name) for e in elts):
            continue
        if scoped is None:
            scoped = {n for node in nodes_in(function) if type(node) in (ast.Global, ast.Nonlocal) for n in node.names}
        for i, target in enumerate(elts):
            if target.id not in scoped and target.id not in params and _stores(function, target.id) == [target]:
                out[target.id] = f"{stmt.value.id}[{i}]"
    return out


def _module_of(node, parents):
    while node is not None and not isinstance(node, ast.Module):
        node = parents.get(node)
    return node


def _first_param(function) -> str | None:
    a = function.args
    positional = [*getattr(a, "posonlyargs", ()), *a.args]
    return positional[0].arg if positional else None


@node_memo(maxsize=64)
def stable_attributes(module) -> dict:
    """Attribute -> (the `__init__` storing it, the stored expression: an `__init__` parameter's name or a
    literal) for the attributes fixed by a constructor as the module docstring says."""
    if not isinstance(module, ast.Module):
        return {}
    stores: dict = {}
    named_in_classes: set = set()
    for node in module_nodes_of(module, ast.Attribute):
        if node.attr in ("__dict__", "__setattr__", "__delattr__"):
            return {}
        if not isinstance(node.ctx, ast.Load):
            stores.setdefault(node.attr, []).append(node)
    if any(node.id in ("setattr", "vars", "delattr") for node in module_nodes_of(module, ast.Name)):
        return {}
    classes = module_nodes_of(module, ast.ClassDef)
    generated = {cls: generated_init(cls) for cls in classes}
    for node in classes:
        named_in_classes |= class_body_names(node) - _fields(generated[node])
    out = {}
    for cls in classes:
        init = next((f for f in cls.body if isinstance(f, FUNCS) and f.name == "__init__"), generated[cls])
        if init is None or init.decorator_list or _first_param(init) is None:
            continue
        me = _first_param(init)
        params = {p.arg for p in (*getattr(init.args, "posonlyargs", ()), *init.args.args, *init.args.kwonlyargs)}
        for stmt in init.body:
            if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1
                    and isinstance(stmt.targets[0], ast.Attribute) and isinstance(stmt.targets[0].value, ast.Name)
                    and stmt.targets[0].value.id == me):
                continue
            attr, value = stmt.targets[0].attr, stmt.value
            # (a dataclass's generated store is no node of the module: then the module must store it nowhere)
            if attr in named_in_classes or stores.get(attr, []) != ([] if init is generated[cls] else [stmt.targets[0]]):
                continue
            if isinstance(value, ast.Name) and value.id in params and value.id != me \
                    and not _stores(init, value.id) and not _stores(init, me):
                out[attr] = (init, value)
            elif isinstance(value, ast.Constant) and type(value.value) in SIMPLE and not _stores(init, me):
                out[attr] = (init, value)
    return out


def _fields(init) -> set:
    """The attributes a dataclass's generated `__init__` stores (its class body names them as fields)."""
    return {s.targets[0].attr for s in init.body if isinstance(s, ast.Assign)} if init is not None else set()


def self_attributes(function, parents: dict) -> dict:
    """Spelling -> "self.attr" for the constructor-fixed attributes a method of a class reads on its first
    parameter (never rebound in it); empty for a function, a static or class method, a decorated method."""
    if not isinstance(function, FUNCS) or not isinstance(parents.get(function), ast.ClassDef) \
            or function.decorator_list:
        return {}
    me = _unchanged_first(function)
    if me is None:
        return {}
    return _spelled(me, _module_of(function, parents))


@node_memo(maxsize=256)
def _unchanged_first(function) -> str | None:
    me = _first_param(function)
    return me if me is not None and not _stores(function, me) else None


@node_memo(maxsize=256)
def _spelled(me: str, module) -> dict:
    return {f"{me}.{attr}": f"self.{attr}" for attr in stable_attributes(module)}


def constructor_argument(module, init, construction: ast.Call, attr: str, argument):
    """(known, expression) of what the object `construction` makes holds in `attr`, when `init` (the
    `__init__` it runs) is the one of `module` that fixes it; `argument` is param_guards' reading of a call's
    argument for a parameter."""
    where, stored = stable_attributes(module).get(attr, (None, None))
    if where is not init:
        return False, None
    if isinstance(stored, ast.Constant):
        return True, stored
    return argument(init, construction, stored.id, True)
