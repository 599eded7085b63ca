"""What the rules share: the facts of one module plus the relations derived from them."""
from __future__ import annotations

import ast
from dataclasses import dataclass, field
from functools import cached_property

from mpguard.semantic import values as V
from mpguard.semantic.facts import ModuleFacts
from mpguard.text.ipython import is_notebook
from mpguard.text.findings import Finding, Fix
from mpguard.semantic.pickling import Pickler
from mpguard.semantic.platforms import ALL_METHODS, METHODS
from mpguard.text.source import SourceText

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
FUNC_TYPES = frozenset(FUNCS)


@dataclass(eq=False)
class Child:
    """A function that runs in a child process, and how it got there."""

    definition: ast.AST
    role: str  # target | task | initializer
    spawner: object  # the Creation (target/initializer) or Submit (task)
    method: str | None  # explicit start method of the spawner, if any
    daemonic: bool


@dataclass(eq=False)
class RuleContext:
    source: SourceText
    tree: ast.Module
    facts: ModuleFacts
    parents: dict
    imports: object
    resolver: object = None
    path: str | None = None
    settings: object = None
    index: object = None  # core.index.TreeIndex
    findings: list = field(default_factory=list)
    fixes: bool = True  # build fixes (the language server builds them when a code action asks)
    # Set when only a slice of the module is analysed: does a finding at this node count?
    keeps: object = None
    identifiers: object = None  # the module's identifiers, when the tree is only a slice of it
    outside_spawners: object = None  # explicit start methods of the creations outside that slice
    _callees: dict = field(default_factory=dict, repr=False)
    memo: dict = field(default_factory=dict, repr=False)  # rules' own caches, keyed by (rule's key, node)

    @cached_property
    def pickler(self) -> Pickler:
        return Pickler(self.parents, self.imports, self.resolver, self.unimported_main)

    @property
    def notebook(self) -> bool:
        """A notebook cell (the editor names its notebook as the path)."""
        return is_notebook(self.path)

    @property
    def unimported_main(self) -> str | None:
        """How to name this module when it is a `__main__` that spawned children never import, else None:
        a notebook (its kernel's `__main__` has no file) or a package's `__main__.py` (run by `python -m`;
        multiprocessing skips re-importing such modules). Nothing defined in it can be found by a
        child, and nothing in it runs again in one."""
        if self.notebook:
            return "the notebook"
        if self.path and self.path.replace("\\", "/").rsplit("/", 1)[-1] == "__main__.py":
            return "`__main__.py`"
        return None

    # ---- reporting ----------------------------------------------------------------------
    def report(self, code: str, node: ast.AST, message: str, methods, fix: Fix | None = None,
               platforms=frozenset(), end_node: ast.AST | None = None, error: str | None = None) -> None:
        methods = frozenset(methods)
        if not methods and not platforms:
            return
        start = self.source.node_start(node)
        end = self.source.node_end(end_node or node)
        self.findings.append(Finding(code, message, start, end, methods, frozenset(platforms), fix, error=error))

    def exclusive(self, a: ast.AST, b: ast.AST) -> bool:
        """Are a and b in different branches of one if/else or try/except (never both run)?"""
        path_a = self._ancestry(a)
        for child, parent in self._ancestry(b):
            for other_child, other_parent in path_a:
                if parent is other_parent and child is not other_child:
                    return _branch(parent, child) != _branch(parent, other_child)
        return False

    def _ancestry(self, node):
        out = []
        while node in self.parents:
            parent = self.parents[node]
            out.append((node, parent))
            node = parent
        return out

    # ---- start methods ------------------------------------------------------------------
    @cached_property
    def global_method(self) -> str | None:
        """A start method the program itself chooses with set_start_method (parent code)."""
        for call in self.facts.start_methods:
            if call.name == "set_start_method" and call.method and not self.runs_in_child(call.where):
                return call.method
        return None

    def breaks(self, explicit: str | None, bites) -> frozenset:
        """Default start methods under which the code misbehaves, given an explicit method if any."""
        method = explicit if explicit not in (None, "unknown") else self.global_method
        if method is not None:
            return ALL_METHODS if bites(method) else frozenset()
        return frozenset(m for m in METHODS if bites(m))

    # ---- functions and calls --------------------------------------------------------------
    def definitions_of(self, value) -> list:
        """The function definitions a value will run when called."""
        kind = type(value)  # the value classes have no subclasses; asked for every call of every function
        if kind is V.Callable:
            definition = value.definition
            if type(definition) in FUNC_TYPES:
                return [] if value.detail == "attribute" else [definition]
            if type(definition) is not ast.ClassDef:
                return []
            # Calling a class runs its __init__ (a Runner() whose __init__ starts a Pool).
            method = value.name.split(".", 1)[1] if value.detail == "attribute" else "__init__"
            return [f for f in definition.body if isinstance(f, FUNCS) and f.name == method]
        if kind is V.Partial:
            return self.definitions_of(value.func)
        if kind is V.BoundMethod and type(value.instance) is V.Instance and value.instance.cls:
            cls = value.instance.cls.definition
            return [f for f in getattr(cls, "body", []) if isinstance(f, FUNCS) and f.name == value.name]
        if kind is V.Instance and value.cls is not None:
            return [f for f in getattr(value.cls.definition, "body", []) if isinstance(f, FUNCS) and f.name == "__call__"]
        return []

    def callees(self, func: ast.AST) -> list:
        out = self._callees.get(func)
        if out is None:
            out = self._callees[func] = []
            info = self.facts.functions.get(func)
            for value, _call, _where in info.calls if info is not None else ():
                out.extend(self.definitions_of(value))
        return out

    def reachable(self, roots) -> set:
        seen, stack = set(), list(roots)
        while stack:
            func = stack.pop()
            if func in seen:
                continue
            seen.add(func)
            stack.extend(self.callees(func))
        return seen

    @cached_property
    def children(self) -> list:
        out = []
        for creation in self.facts.creations:
            if creation.kind == "Process":
                daemonic = creation.value.daemon
                if creation.value.subclass is not None:
                    for item in creation.value.subclass.body:
                        if isinstance(item, FUNCS) and item.name == "run":
                            out.append(Child(item, "target", creation, creation.value.method, daemonic))
                for definition in self.definitions_of(creation.target):
                    out.append(Child(definition, "target", creation, creation.value.method, daemonic))
            if creation.kind in ("Pool", "Executor"):
                for definition in self.definitions_of(creation.initializer):
                    out.append(Child(definition, "initializer", creation, creation.value.method, creation.kind == "Pool"))
        for submit in self.facts.submits:
            for definition in self.definitions_of(submit.func):
                out.append(Child(definition, "task", submit, submit.pool.method, submit.pool.kind == "Pool"))
        return out

    @cached_property
    def child_functions(self) -> dict:
        """Every function that runs in a child (callees included) -> the Child records behind it."""
        out: dict = {}
        reached: dict = {}  # a task function submitted many times is followed once
        for child in self.children:
            funcs = reached.get(child.definition)
            if funcs is None:
                funcs = reached[child.definition] = self.reachable([child.definition])
            for func in funcs:
                out.setdefault(func, []).append(child)
        return out

    @cached_property
    def parent_functions(self) -> set:
        """Functions the parent runs: called from the main block, or at import."""
        roots = []
        for value, _call, where in self.facts.module_calls:
            roots.extend(self.definitions_of(value))
        return self.reachable(roots)

    @cached_property
    def import_functions(self) -> set:
        roots = []
        for value, _call, where in self.facts.module_calls:
            if where.at_import:
                roots.extend(self.definitions_of(value))
        return self.reachable(roots)

    def runs_in_child(self, where) -> bool:
        return where.function is not None and where.function in self.child_functions \
            and where.function not in self.parent_functions

    def in_parent(self, where) -> bool:
        if where.function is None:
            return True
        return where.function in self.parent_functions

    def at_import(self, where) -> bool:
        return where.at_import or (where.function is not None and where.function in self.import_functions)

    @cached_property
    def spawning_functions(self) -> set:
        """Functions that start processes themselves or through what they call."""
        direct = {s.where.function for s in self.facts.starts if s.obj.kind != "Thread"}
        direct |= {s.where.function for s in self.facts.submits}
        for creation in self.facts.creations:
            if creation.kind in ("Pool", "Manager") and creation.where.function is not None:
                direct.add(creation.where.function)
        direct.discard(None)
        callers: dict = {}
        for func in self.facts.functions:
            for callee in self.callees(func):
                callers.setdefault(callee, []).append(func)
        spawning, todo = set(direct), list(direct)
        while todo:
            for caller in callers.get(todo.pop(), ()):
                if caller not in spawning:
                    spawning.add(caller)
                    todo.append(caller)
        return spawning


def _branch(parent, child) -> str:
    """Which branch of a compound statement `child` sits in."""
    for name in ("body", "orelse", "handlers", "finalbody"):
        if child in getattr(parent, name, ()):
            return name if name != "handlers" else f"handler{id(child)}"
    return "other"
