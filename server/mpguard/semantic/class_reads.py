"""Where methods read a class attribute through their instance: `self.settings` in a method of `Recorder` reads
`Recorder.settings` when no instance ever gets an attribute of that name (Python looks the name up on the
instance first, then on its class and the class's bases).

A parent that sets `Recorder.settings = {...}` at run time changes its own class object only; a spawned child
re-imports the module and its instances read the import-time value, whether they were made in the child or
pickled to it (pickle copies an instance's `__dict__`, never its class's attributes). The rules read a class
attribute's readers here as well as the `Recorder.settings` spelled out.

Precision first: only plain classes of the module are followed (no decorator, no metaclass, bases that are
plain classes of the module or `object`: a dataclass, an Enum, a pydantic model, a NamedTuple make per-instance
fields of class-level names), and an attribute is taken for a class attribute only when the module stores it on
nothing but a class spelled by name (`obj.settings = ...`, `self.settings = ...`, a `setattr` it cannot read, or
any `__dict__` use make it possibly an instance's). A method reads the written class's value only when no class
between it and the written class, nor any subclass of the method's class, defines the name again.
"""
from __future__ import annotations

import ast

from mpguard.semantic.index import module_nodes_of, nodes_in
from mpguard.semantic.node_memo import node_memo

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
# Names whose presence lets an instance answer for an attribute in ways a read of the class body cannot follow.
_DYNAMIC = frozenset({"__dict__", "__getattr__", "__getattribute__", "__slots__", "__setattr__"})


class ClassTable:
    """The module's plain classes, their in-module bases and subclasses, the attributes each body defines, and
    the attribute names the module may store on an instance. Built once per module (`table`)."""

    def __init__(self, tree: ast.Module):
        classes = {s.name: s for s in tree.body if isinstance(s, ast.ClassDef)}
        self.bases: dict = {}
        for name, node in classes.items():
            bases = []
            for base in node.bases:
                if isinstance(base, ast.Name) and (base.id in classes or base.id == "object"):
                    if base.id != "object":
                        bases.append(base.id)
                else:
                    bases = None
                    break
            if bases is not None and not node.decorator_list and not node.keywords:
                self.bases[name] = bases
        self.classes = {name: classes[name] for name in self.bases if self._plain(name, set())}
        self.defines = {name: _body_names(node) for name, node in self.classes.items()}
        self.subclasses: dict = {name: set() for name in self.classes}
        for name in self.classes:
            for ancestor in self.ancestors(name):
                self.subclasses[ancestor].add(name)
        self.instance_stored, self.dynamic, self.class_stores, self.through = _instance_stores(tree, set(classes))
        self._readers: dict = {}

    def _plain(self, name: str, seen: set) -> bool:
        if name not in self.bases or name in seen:
            return False
        seen.add(name)
        return all(self._plain(base, seen) for base in self.bases[name])

    def ancestors(self, name: str) -> set:
        out, stack = set(), list(self.bases.get(name, ()))
        while stack:
            base = stack.pop()
            if base not in out:
                out.add(base)
                stack.extend(self.bases.get(base, ()))
        return out

    def instance_readers(self, class_name: str, attribute: str) -> list:
        """[(method, its first parameter's name)] of the methods whose `self.<attribute>` reads
        `<class_name>.<attribute>`; [] when the module may give an instance such an attribute."""
        key = (class_name, attribute)
        if key not in self._readers:
            self._readers[key] = self._instance_readers(class_name, attribute)
        return self._readers[key]

    def _instance_readers(self, class_name: str, attribute: str) -> list:
        if self.dynamic or attribute in self.instance_stored or class_name not in self.classes \
                or attribute not in self.defines[class_name] or attribute.startswith("__") \
                or any(self.held_class(owner, held) is None for owner, held in self.through.get(attribute, ())):
            return []
        out = []
        shadowed = self.ancestors(class_name) | {class_name}  # (the written class's own value hides its bases')
        for owner in sorted({class_name} | self.subclasses[class_name]):
            # every class an instance `self` of this method may be, and what those classes inherit
            instances = {owner} | self.subclasses[owner]
            looked_up = instances.union(*(self.ancestors(c) for c in instances)) - shadowed
            if any(attribute in self.defines[c] or _DYNAMIC & self.defines[c] for c in looked_up) \
                    or _DYNAMIC & self.defines[class_name]:
                continue
            for item in self.classes[owner].body:
                if isinstance(item, FUNCS) and item.args.args and _instance_method(item) \
                        and not _rebinds(item, item.args.args[0].arg):
                    out.append((item, item.args.args[0].arg))
        return out


    def held_class(self, owner: str, attribute: str) -> str | None:
        """The one plain class of the module that the class attribute `<owner>.<attribute>` can hold (`worker_class
        = None` in the body, `Hub.worker_class = Recorder` stored by name anywhere), so that `Hub.worker_class.x =
        v` sets `Recorder.x`; None when it may hold anything else (another class, a value not read here, a store
        through an instance or `cls`)."""
        if owner not in self.classes or self.dynamic or attribute in self.instance_stored:
            return None
        values = list(self.class_stores.get((owner, attribute), ()))
        for item in self.classes[owner].body:
            if isinstance(item, ast.Assign) and any(isinstance(t, ast.Name) and t.id == attribute for t in item.targets):
                values.append(item.value)
        held = set()
        for value in values:
            if isinstance(value, ast.Name) and value.id in self.classes:
                held.add(value.id)
            elif not (isinstance(value, ast.Constant) and value.value is None):
                return None
        return next(iter(held)) if len(held) == 1 else None


def _body_names(node: ast.ClassDef) -> frozenset:
    names = set()
    for item in node.body:
        if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(item.name)
        elif isinstance(item, ast.Assign):
            names |= {t.id for t in item.targets if isinstance(t, ast.Name)}
            if not all(isinstance(t, ast.Name) for t in item.targets):
                names.add("__dict__")  # (unpacking in a class body: read as dynamic)
        elif isinstance(item, ast.AnnAssign):
            names.add("__dict__")  # an annotated name may be a per-instance field: not followed
    return frozenset(names)


def _instance_method(func) -> bool:
    """A method called on an instance with the instance first (a property's getter too)."""
    return all(isinstance(d, ast.Name) and d.id == "property" for d in func.decorator_list)


def _rebinds(func, name: str) -> bool:
    return any(isinstance(n, ast.Name) and n.id == name and not isinstance(n.ctx, ast.Load) for n in nodes_in(func))


def _instance_stores(tree: ast.Module, class_names: set) -> tuple:
    """(attribute names stored, augmented or deleted on anything but a module-level class spelled by name,
    whether the module sets attributes in a way not read here: `setattr(obj, name, ...)` with a computed name,
    `vars(obj)`, `__dict__`; (class, attribute) -> the values assigned to `Class.attribute`; attribute -> the
    (class, class attribute) pairs it is stored through: `Hub.worker_class.x = v`)."""
    stored, dynamic, class_stores, through = set(), False, {}, {}
    assigned, other = set(), []  # (targets of plain `Class.attribute = value`; other stores on a class: unknown)
    # (the module's nodes of each type, listed once for every model that scans them: an `ast.walk` of the module
    # here cost as much as its parse; the three scans are independent, and what they collect is read as sets)
    for node in module_nodes_of(tree, ast.Assign):
        for target in node.targets:
            if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) \
                    and target.value.id in class_names:
                class_stores.setdefault((target.value.id, target.attr), []).append(node.value)
                assigned.add(id(target))
    for node in module_nodes_of(tree, ast.Attribute):
        if node.attr == "__dict__":
            dynamic = True
        elif not isinstance(node.ctx, ast.Load):
            value = node.value
            if isinstance(value, ast.Attribute) and isinstance(value.value, ast.Name) \
                    and value.value.id in class_names:  # `Hub.worker_class.x = v`: on the class it holds?
                through.setdefault(node.attr, []).append((value.value.id, value.attr))
            elif not (isinstance(value, ast.Name) and value.id in class_names):
                stored.add(node.attr)
            else:
                other.append(node)
    for node in module_nodes_of(tree, ast.Call):
        if isinstance(node.func, ast.Name) and node.func.id in ("setattr", "vars"):
            if node.func.id == "vars" or len(node.args) < 2:
                dynamic = True
            elif isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str):
                if not (isinstance(node.args[0], ast.Name) and node.args[0].id in class_names):
                    stored.add(node.args[1].value)
                else:
                    class_stores.setdefault((node.args[0].id, node.args[1].value), []).append(node)
            else:
                dynamic = True
    for node in other:
        if id(node) not in assigned:  # `Class.attribute += ...`, `del Class.attribute`, an annotated store
            class_stores.setdefault((node.value.id, node.attr), []).append(node)
    return stored, dynamic, class_stores, through


@node_memo(maxsize=8)
def class_table(tree: ast.Module) -> ClassTable:
    """The module's table, built once per tree: the walker (a class-valued class attribute) and MP302 (reads
    through an instance) both ask it."""
    return ClassTable(tree)
