"""The methods of a class's bases that never run on its instances, and the attributes only they store.

    class Fetcher:
        def __init__(self, url):
            self.url = url
            self.guard = threading.Lock()

    class PlainFetcher(Fetcher):
        def __init__(self, url):  # no super().__init__(url): Fetcher.__init__ never runs on a PlainFetcher
            self.url = url

Python runs the first definition of a name along the MRO; a definition further down runs only when one above hands
on to it (`super().__init__(url)`, `Fetcher.__init__(self, url)`). A PlainFetcher therefore never has `guard`, and
pickling it (a bound method of it sent to a pool) works. The attributes of a class are otherwise what any method of
its lineage stores (pickling.Pickler), so this only takes away, and only what is sure:

- only a single chain of classes is read (each class of the lineage has one base at most): with two bases the
  lineage is not the MRO, whose order decides which definition comes first;
- a name is handed on (its next definition further down may run) when a class above reads `.name` of anything but
  `self` (`super().name`, `Base.name`, `other.name`) or holds the string `"name"` (`getattr(super(), "name")`) in
  any of its methods that run (its `__init__`, or a `reset()` that calls `super().__init__()`): unsure which one
  runs, so the next definition counts;
- an attribute is lost when a method that never runs stores it in `self` and no method that may run does, and no
  method that may run stores attributes by a name it computes (`setattr(self, key, ...)`, `self.__dict__`,
  `vars(self)`).
"""
from __future__ import annotations

import ast

from mpguard.semantic.index import nodes_in

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


def single_chain(lineage) -> bool:
    """Is `lineage` (a class and its bases of the module, nearest first) one chain of single bases, so its order is
    the MRO's?"""
    classes = [c for c in lineage if type(c) is ast.ClassDef]
    return len(classes) == len(lineage) and all(len(c.bases) <= 1 for c in classes)


def _handed_on(statements) -> set:
    """Names of methods statements may run further down the MRO: `.name` read of anything but `self`
    (`super().name`, `Base.name`), or a string constant `"name"` (`getattr(super(), "name")`)."""
    out = set()
    for node in (n for stmt in statements for n in ast.walk(stmt)):
        if type(node) is ast.Attribute and not (type(node.value) is ast.Name and node.value.id == "self"):
            out.add(node.attr)
        elif type(node) is ast.Constant and type(node.value) is str:
            out.add(node.value)
    return out


def _walk(lineage, sealed: frozenset, need_closed: bool = True) -> tuple[list, frozenset]:
    """(the methods of `lineage` that never run on an instance of its first class, the names whose definitions below
    the lineage never run), down the chain: a definition runs unless a class above defines the name and none of the
    definitions that run above hands it on."""
    closed, dead = set(sealed), []
    for depth, cls in enumerate(lineage):
        defs = [f for f in cls.body if isinstance(f, FUNCS)]
        unrun = [f for f in defs if f.name in closed]
        dead += unrun
        closed |= {f.name for f in defs}
        if need_closed or depth < len(lineage) - 1:  # (the last class's hand-ons decide only the names returned)
            closed -= _handed_on([stmt for stmt in cls.body if not any(stmt is f for f in unrun)])
    return dead, frozenset(closed)


def sealed_names(lineage, sealed: frozenset = frozenset()) -> frozenset:
    """The method names whose definitions below `lineage` (in a base class of another module, say) never run on an
    instance of its first class: defined in the lineage (or `sealed` by the classes above it) and never handed on by
    a definition that runs. Empty when the lineage is not one chain."""
    return _walk(lineage, sealed)[1] if single_chain(lineage) else frozenset()


def unrun_methods(lineage, sealed: frozenset = frozenset()) -> list:
    """The methods of `lineage` (a class and its bases of the module, nearest first) that never run on an instance of
    its first class: defined again above them (or named in `sealed`, by the subclasses above) and not handed on."""
    return _walk(lineage, sealed, need_closed=False)[0] if single_chain(lineage) else []


def _self_stores(method) -> set | None:
    """Attribute names a method stores in `self`; None when it may store others by a computed name."""
    out = set()
    for node in nodes_in(method):
        if type(node) is ast.Attribute and type(node.value) is ast.Name and node.value.id == "self":
            if node.attr == "__dict__":
                return None
            if type(node.ctx) is not ast.Load:
                out.add(node.attr)
        elif type(node) is ast.Call and type(node.func) is ast.Name and node.func.id in ("setattr", "vars") \
                and node.args and type(node.args[0]) is ast.Name and node.args[0].id == "self":
            name = node.args[1] if node.func.id == "setattr" and len(node.args) > 1 else None
            if type(name) is not ast.Constant or type(name.value) is not str:
                return None
            out.add(name.value)
    return out


def lost_attributes(lineage, sealed: frozenset = frozenset()) -> frozenset:
    """The attributes of `self` an instance of the lineage's first class never gets: stored only by methods that
    never run on it (`unrun_methods`)."""
    unrun = unrun_methods(lineage, sealed)
    if not unrun:
        return frozenset()
    dead = {id(f) for f in unrun}
    lost, kept = set(), set()
    for cls in lineage:
        for method in cls.body:
            if not isinstance(method, FUNCS):
                continue
            stores = _self_stores(method)
            if id(method) in dead:
                lost |= stores or set()
            elif stores is None:
                return frozenset()
            else:
                kept |= stores
    return frozenset(lost - kept)
