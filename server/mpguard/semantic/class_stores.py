"""What a classmethod stores on its class (`cls._ctx = multiprocessing.get_context(cls._method)` in a test class's
setUpClass), read later through an instance (`self._ctx.Process(...)` in a test method).

Kept only when it is the one value the attribute can hold at such a read: the module stores `.<name>` nowhere
else (no other `cls.`/`self.`/object store, no `setattr`/`vars`/`__dict__`), and no class of the module binds
in its body a name the stored expression reads through `cls` (`_method = "fork"` in a subclass would make that
subclass's setUpClass store a fork context). A read before the classmethod ran finds no attribute (or the
class body's default, on which a process call fails): a process started through it runs with the stored value.
"""
from __future__ import annotations

import ast

from mpguard.semantic.index import module_nodes_of
from mpguard.semantic.node_memo import node_memo

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


def classmethod_owner(target: ast.Attribute, function, parents: dict):
    """The class whose classmethod `function` stores `target` (`cls.<name>`, `cls` its first parameter)."""
    if not (isinstance(function, FUNCS) and isinstance(target.value, ast.Name)
            and any(isinstance(d, ast.Name) and d.id == "classmethod" for d in function.decorator_list)):
        return None
    positional = [*function.args.posonlyargs, *function.args.args]
    owner = parents.get(function)
    if not positional or positional[0].arg != target.value.id or not isinstance(owner, ast.ClassDef):
        return None
    return owner


def only_class_store(tree, owner: ast.ClassDef, target: ast.Attribute, stmt) -> bool:
    """Is `target` the module's only store of its attribute, with nothing the stored value reads through the
    classmethod's `cls` rebound by a class of the module other than `owner`?"""
    stores, dynamic, bodies = _module_facts(tree)
    if dynamic or stores.get(target.attr) != 1:
        return False
    value = getattr(stmt, "value", None)
    read = {n.attr for n in ast.walk(value) if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name)
            and n.value.id == target.value.id} if value is not None else set()
    return not any(name in names for cls, names in bodies.items() if cls is not owner for name in read) \
        and not any(stores.get(name) for name in read)


@node_memo(maxsize=32)
def _module_facts(tree) -> tuple:
    """({attribute: how many stores}, whether attributes are reached dynamically, {class: names its body binds})."""
    stores: dict = {}
    dynamic = False
    bodies: dict = {}
    for node in module_nodes_of(tree, ast.Attribute):
        if node.attr in ("__dict__", "__setattr__"):
            dynamic = True
        elif not isinstance(node.ctx, ast.Load):
            stores[node.attr] = stores.get(node.attr, 0) + 1
    dynamic = dynamic or any(node.id in ("setattr", "vars", "delattr") for node in module_nodes_of(tree, ast.Name))
    for node in module_nodes_of(tree, ast.ClassDef):
        bodies[node] = class_body_names(node)
    return stores, dynamic, bodies


def class_body_names(cls: ast.ClassDef) -> set:
    """The names a class body binds: its methods, nested classes and class attributes (`_ctx = ...`)."""
    names = set()
    for stmt in cls.body:
        if isinstance(stmt, (*FUNCS, ast.ClassDef)):
            names.add(stmt.name)
        for target in stmt.targets if isinstance(stmt, ast.Assign) else \
                [stmt.target] if isinstance(stmt, (ast.AnnAssign, ast.AugAssign)) else []:
            names.update(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
    return names
