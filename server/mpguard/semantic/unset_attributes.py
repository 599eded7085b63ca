"""Attributes `self` does not hold yet at a statement of its class's `__init__`.

    class MyPool:
        def __init__(self, processes, warning_filter):
            self.warning_filter = warning_filter
            self.pool = Pool(processes, self.init_worker)  # spawned workers get `self` pickled, here
            self.results = []

A multiprocessing.Pool starts its workers inside `Pool(...)`, so a bound-method initializer pickles the object as it
is at that moment: it holds `warning_filter`, not yet `pool` (bound after the call returns) nor `results` (triqler #8's
fix works under spawn). The attributes of a class are otherwise what any of its methods stores (pickling.Pickler);
this only takes away, and only what surely is not there yet:

- the moment is a statement of `__init__` itself (a later method may run twice: its own later stores may be there
  from the first run), not inside a loop, comprehension or nested function of it;
- the name is bound nowhere in the module but by stores of that `__init__` at or after the moment's statement (a
  store by another method, another class or a base counts as there: it may have run first);
- before the moment `__init__` neither hands `self` on (`register(self)`, `setattr(self, ...)`, `vars(self)`) nor
  touches `self.__dict__`, and no class of the lineage has a base of another module, a decorator, a metaclass or a
  `__new__` (any of which may store attributes this module does not show).
"""
from __future__ import annotations

import ast

from mpguard.semantic.index import nodes_in
from mpguard.semantic.local_values import own_nodes

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
_REPEATING = (ast.For, ast.AsyncFor, ast.While, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp,
              *FUNCS, ast.Lambda, ast.ClassDef)


def module_bindings(module: ast.AST) -> dict:
    """attribute name -> the nodes of `module` that bind or delete an attribute of that name on anything
    (`x.name = ...`, `del x.name`, `for x.name in ...`, `setattr(x, "name", ...)`): read once per module."""
    out: dict = {}
    for node in nodes_in(module):
        kind = type(node)
        if kind is ast.Attribute and type(node.ctx) is not ast.Load:
            out.setdefault(node.attr, []).append(node)
        elif kind is ast.Call and type(node.func) is ast.Name and node.func.id == "setattr" and len(node.args) > 1 \
                and type(node.args[1]) is ast.Constant and type(node.args[1].value) is str:
            out.setdefault(node.args[1].value, []).append(node)
    return out


def unset_at(init, moment: ast.AST, lineage: list, bindings: dict) -> frozenset:
    """The names of `self` attributes surely not set yet when `moment` (a node of `init`, the `__init__` of the first
    class of `lineage`, which lists it and its bases of this module) runs; `bindings`: `module_bindings` of the
    module. Empty when that cannot be said (see the module's doc)."""
    if type(init) is not ast.FunctionDef or init.name != "__init__" or not init.args.args:
        return frozenset()
    if not _plain_lineage(lineage):
        return frozenset()
    own = init.args.args[0].arg
    parents = {child: node for node in own_nodes(init) for child in ast.iter_child_nodes(node)}
    for stmt in init.body:
        parents[stmt] = init
    statement, node = None, moment
    while node is not init:
        if node not in parents or isinstance(node, _REPEATING):
            return frozenset()  # not evaluated once, in order, by __init__ itself
        if statement is None and isinstance(node, ast.stmt):
            statement = node
        node = parents[node]
    start = (statement.lineno, statement.col_offset)
    mine = set()  # the nodes of __init__ at or after the moment's statement
    for node in own_nodes(init):
        if (getattr(node, "lineno", 0), getattr(node, "col_offset", 0)) >= start:
            mine.add(id(node))
        elif _hands_on(node, own, parents):
            return frozenset()  # something else may have stored attributes in it already
    later = set()
    for name, nodes in bindings.items():
        if all(id(n) in mine and _on_self(n, own) for n in nodes):
            later.add(name)
    return frozenset(later)


def _on_self(node, own: str) -> bool:
    target = node.value if type(node) is ast.Attribute else node.args[0]
    return type(target) is ast.Name and target.id == own


def _hands_on(node, own: str, parents: dict) -> bool:
    """Does `node` give `self` itself away (anything but `self.<attr>`), or reach its `__dict__`?"""
    if type(node) is ast.Name and node.id == own:
        parent = parents.get(node)
        return not (type(parent) is ast.Attribute and parent.value is node and parent.attr != "__dict__")
    return False


def _plain_lineage(lineage: list) -> bool:
    """Do the classes' own bodies say every attribute their objects get from the class side (no base of another
    module, no decorator, no metaclass, no `__new__`)?"""
    names = {c.name for c in lineage if type(c) is ast.ClassDef}
    for cls in lineage:
        if type(cls) is not ast.ClassDef or cls.decorator_list or cls.keywords:
            return False
        if any(isinstance(f, FUNCS) and f.name == "__new__" for f in cls.body):
            return False
        for base in cls.bases:
            if not (type(base) is ast.Name and (base.id == "object" or base.id in names)):
                return False
    return True
