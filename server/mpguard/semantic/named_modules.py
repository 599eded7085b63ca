"""What the functions of another project module name, followed through the calls they make.

MP423 asks whether a forked child uses the module whose thread runs at the fork (rules/thread_order.py,
`_child_reaches`). The child's code may be a function of another project module:

    from pkg.eis import fit              # pkg/eis.py:  from . import runtime
    pool.map(fit, jobs)                  #              def fit(c): return runtime.kernel_sum(c.values)

`fit` names `pkg.runtime.kernel_sum` (qualified by pkg/eis.py's own imports), so a child running it uses
`pkg.runtime`. The fact (`names_fact`, one per project module) keeps, for each top-level def, each class (its
constructor) and each `Class.method`, the qualified names of other modules its body names, itself or through the
defs of its module it calls (`helper()`, `self.step()`, `Class(...)`, `Class().run()`, `m = Class()` then
`m.run()`). `names_module` follows those names into other project modules' facts, a few modules deep."""
from __future__ import annotations

import ast

from mpguard.semantic.fact_trees import fact_tree
from mpguard.semantic.module_defs import def_fact, module_defs
from mpguard.semantic.servers import module_imports
from mpguard.semantic.thread_leavers import local_instances

NAMES_FACT = "named-modules"
DEPTH = 3  # project modules followed beyond the first


def names_fact(data: bytes, path: str, module: str, resolver=None) -> dict:
    """{def key: [qualified names of other modules it names, itself or through its module's defs]}."""
    try:
        tree = fact_tree(data, path, resolver)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return {}
    return module_names(tree, module_imports(tree, module, path).qualify)


def module_names(tree: ast.Module, qualify) -> dict:
    defs = module_defs(tree)
    classes = {s.name: s for s in tree.body if isinstance(s, ast.ClassDef)}
    names: dict = {}
    calls: dict = {}
    for key, (func, cls) in defs.items():
        names[key], calls[key] = _own_names(func, cls, qualify, defs, classes)
    changed = True
    while changed:  # (each round adds what the callees name; the sets only grow)
        changed = False
        for key in defs:
            for callee in calls[key]:
                more = names.get(callee, set()) - names[key]
                if more:
                    names[key] |= more
                    changed = True
    out = {key: sorted(found) for key, found in names.items() if found}
    for cls in classes:
        if f"{cls}.__init__" in out:
            out.setdefault(cls, out[f"{cls}.__init__"])
    return out


def _own_names(func, cls, qualify, defs: dict, classes: set) -> tuple[set, set]:
    """(qualified names of other modules `func` names, keys of the module's defs it calls)."""
    found, callees = set(), set()
    made = local_instances(func, classes)
    inner = set()  # (the `value` of an attribute chain: the whole chain is kept, not each part of it)
    for node in ast.walk(func):
        if type(node) is ast.Attribute:
            inner.add(id(node.value))
        elif type(node) is ast.Call:
            target = node.func
            if type(target) is ast.Name and (target.id in defs or target.id in classes):
                callees.add(target.id if target.id in defs else f"{target.id}.__init__")
            elif type(target) is ast.Attribute:
                owner = _class_of(target.value, cls, classes, made)
                if owner is not None:
                    callees.add(f"{owner}.{target.attr}")
    for node in ast.walk(func):
        if type(node) in (ast.Name, ast.Attribute) and id(node) not in inner:
            qualified = qualify(node)
            if qualified and "." in qualified:
                found.add(qualified)
    return found, callees


def _class_of(receiver, cls, classes, made: dict) -> str | None:
    """The module's class whose method a call on `receiver` runs: `self` in a method, `Model()`, a local `m` made
    by `m = Model()`; else None."""
    if type(receiver) is ast.Name:
        if receiver.id == "self" and cls is not None:
            return cls.name
        return made.get(receiver.id)
    if type(receiver) is ast.Call and type(receiver.func) is ast.Name and receiver.func.id in classes:
        return receiver.func.id
    return None


def names_module(resolver, qualified: str | None, module: str, depth: int = DEPTH, seen=None) -> bool:
    """Does the project function, class or method `qualified` (`pkg.eis.fit`) name something of `module`, itself,
    through its module's defs it calls, or through the project functions of other modules those name?"""
    fact, key = def_fact(resolver, qualified, NAMES_FACT, names_fact)
    if not fact or key not in fact:
        return False
    names = fact[key]
    prefix = module + "."
    if any(name == module or name.startswith(prefix) for name in names):
        return True
    seen = set() if seen is None else seen
    if depth > 0:
        for name in names:
            if name not in seen:
                seen.add(name)
                if names_module(resolver, name, module, depth - 1, seen):
                    return True
    return False
