"""The methods of a Process subclass that run only in the child.

`Process.start()` pickles the process object under spawn and forkserver; `run()` is called in the child,
on the unpickled copy. What `run` stores in `self` never crosses, and neither does what the methods that
only `run` reaches store: Sublist3r's `DNSdumpster.enumerate()` (called from `run`) sets
`self.lock = threading.BoundedSemaphore(70)`, and `__init__` leaves `self.lock = None`, so the object that
is pickled holds None.
"""
from __future__ import annotations

import ast

from mpguard.semantic.index import module_nodes_of

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


def child_only_methods(lineage: list, parents: dict, seeds=frozenset({"run"})) -> set[str]:
    """`run` and the names of the lineage's methods whose every mention in the module (`self.enumerate()`,
    `obj.enumerate`, a `"enumerate"` string for getattr) is inside a method already known to run only in
    the child. A name mentioned anywhere else (the parent's `proc.enumerate()`, `__init__`, another class,
    module code) may run before `start()`; dunder methods are called by Python itself. Methods of another
    module's base class are judged with that module (the caller's `_project_bases`)."""
    child = set(seeds)  # run(), or the methods a library calls on the child's copy (a Dataset's __getitem__)
    classes = {id(c) for c in lineage}
    module = lineage[0] if lineage else None
    while module is not None and not isinstance(module, ast.Module):
        module = parents.get(module)
    if module is None:
        return child
    names = {f.name for c in lineage for f in c.body if isinstance(f, FUNCS) and not f.name.startswith("__")}
    mentions: dict[str, list] = {name: [] for name in names}
    for node in module_nodes_of(module, ast.Attribute):
        if node.attr in mentions:
            mentions[node.attr].append(_method_of(node, parents, classes))
    for node in module_nodes_of(module, ast.Constant):
        if isinstance(node.value, str) and node.value in mentions:
            mentions[node.value].append(_method_of(node, parents, classes))
    changed = True
    while changed:
        changed = False
        for name, owners in mentions.items():
            if name not in child and owners and all(owner is not None and owner in child for owner in owners):
                child.add(name)
                changed = True
    return child


def _method_of(node, parents: dict, classes: set) -> str | None:
    """The name of the lineage's method whose body holds `node` (through nested functions), else None."""
    child, parent = node, parents.get(node)
    while parent is not None:
        if isinstance(child, FUNCS) and isinstance(parent, ast.ClassDef):
            return child.name if id(parent) in classes else None
        child, parent = parent, parents.get(parent)
    return None
