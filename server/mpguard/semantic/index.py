"""The structural questions rules ask again and again: who is whose parent, which names each scope
stores or declares global, and where names are read. The walker (`core.walker`) fills the index as it
walks, so the module is traversed once; `TreeIndex(tree)` builds the same index in a pass of its own
(the walker's fallback, and what tests compare the walker's index with)."""
from __future__ import annotations

import ast
import weakref
from functools import cached_property
from typing import NamedTuple

from mpguard.semantic.names import is_main_guard

SCOPES = {ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda}
AST = ast.AST


class ScopeInfo:
    """One def's or lambda's scope. One per function: a slotted class, cheaper than a dataclass."""

    __slots__ = ("globals", "has_yield", "params", "stores")

    def __init__(self, stores: set | None = None, params: tuple = ()):
        self.stores = stores if stores is not None else set()  # names bound here (not declared global)
        self.params = params
        self.globals: set = set()
        self.has_yield = False

    def __repr__(self) -> str:
        return f"ScopeInfo({self.stores!r}, {self.params!r}, globals={self.globals!r}, has_yield={self.has_yield})"


class Load(NamedTuple):  # a name read, as `loads_of` gives it
    node: ast.Name
    function: ast.AST | None  # innermost def/lambda, None at module level
    guarded: bool  # module level inside `if __name__ == "__main__":`


class TreeIndex:
    """Built whole from a tree here, or piece by piece by the walker (`core.walker`), which visits most
    nodes anyway and hands the index the parts it does not evaluate (`fill`)."""

    def __init__(self, tree: ast.Module | None = None):
        self.parents: dict = {}
        self.scopes: dict = {}
        self.loads: dict[str, list] = {}  # name -> reads: (node, function, guarded), Loads once asked for
        # Identifiers bound by a name (`x = ...`, `del x`) or a definition (def, class, parameter, import):
        # with the reads, what `names` counts.
        self.bound: list[str] = []
        self.long_strings: list = []  # string literals (plain or f-strings) spanning several rows
        if tree is not None:
            self._build([([tree], None, False)], tree)
            self.finish()

    def fill(self, parent: ast.AST, items, func, guarded: bool) -> None:
        """Index `items` (children of `parent`, in `func`'s scope) and everything under them."""
        roots = self._unit_roots(parent, items, func, guarded)
        if roots:
            self._build([(roots, func, guarded)])

    def add_name(self, node: ast.Name, func, guarded: bool) -> None:
        """Record a name read (in `func`'s scope, under the guard or not) or bound."""
        ident = node.id
        if type(node.ctx) is ast.Load:
            reads = self.loads.get(ident)
            if reads is None:
                self.loads[ident] = [(node, func, guarded)]  # a Load (see loads_of)
            else:
                reads.append((node, func, guarded))
        else:
            self.bound.append(ident)
            if func is not None:
                self.scopes[func].stores.add(ident)

    def finish(self) -> None:
        for info in self.scopes.values():
            info.stores -= info.globals

    @cached_property
    def names(self) -> dict[str, int]:
        """Every identifier the module binds or reads -> occurrences (fixes and the incremental
        re-check ask, once: counted on first use rather than at each name)."""
        counts = {name: len(reads) for name, reads in self.loads.items()}
        for ident in self.bound:
            counts[ident] = counts.get(ident, 0) + 1
        return counts

    def scope(self, func) -> ScopeInfo:
        return self.scopes.get(func) or ScopeInfo()

    def loads_of(self, name: str) -> list[Load]:
        reads = self.loads.get(name)
        if not reads:
            return []
        if type(reads[0]) is tuple:  # recorded as plain tuples (one per name read: a third of the cost)
            reads[:] = map(Load._make, reads)
        return reads

    @cached_property
    def string_rows(self) -> frozenset[int]:
        """Rows that continue a multi-line string literal (only fixes ask: found on first use)."""
        rows: set[int] = set()
        for node in self.long_strings:
            rows.update(range(node.lineno + 1, node.end_lineno + 1))
        return frozenset(rows)

    def _build(self, units: list, tree: ast.Module | None = None) -> None:
        """Breadth first, one unit at a time: a unit is a body whose nodes share a scope and a guard
        (the module, a function's body, a lambda's, the main guard's), so no per-node state is pushed."""
        tree = tree or _NO_MODULE  # a piece (`fill`) holds no statement of the module's own body
        parents, scopes, add_name = self.parents, self.scopes, self.add_name
        Name, Constant, Global, Yield, YieldFrom, If, JoinedStr = (
            ast.Name, ast.Constant, ast.Global, ast.Yield, ast.YieldFrom, ast.If, ast.JoinedStr)
        long_strings = self.long_strings
        child_fields, special = _CHILD_FIELDS, _SPECIAL
        while units:
            out, func, guarded = units.pop()
            append = out.append
            for node in out:  # grows while it is read
                kind = type(node)
                opens = None  # fields of `node` that belong to a unit of their own
                if kind in special:
                    if kind is ast.alias or kind is ast.ClassDef:
                        self.bound += bound_names(node)
                        if kind is ast.ClassDef:
                            self._defined_in(node, func)
                    elif kind is Global:
                        if func is not None:
                            scopes[func].globals.update(node.names)
                    elif kind is Yield or kind is YieldFrom:
                        if func is not None:
                            scopes[func].has_yield = True
                    elif kind is JoinedStr:
                        if node.end_lineno != node.lineno:
                            long_strings.append(node)
                    elif kind is If:  # the body of the module's `if __name__ == "__main__":` is guarded
                        if func is None and parents.get(node) is tree and is_main_guard(node.test):
                            opens = (("test", "orelse"), None, True)
                    else:  # def, async def, lambda: the body is the function's own scope
                        self.bound += bound_names(node)
                        if kind is not ast.Lambda:
                            self._defined_in(node, func)
                        params = tuple(p.arg for p in parameters(node.args))
                        scopes[node] = ScopeInfo(set(params), params)
                        opens = (("decorator_list", "args", "returns"), node, guarded)
                for name in child_fields.get(kind) or _child_fields(kind):
                    value = getattr(node, name, None)
                    if value is None:
                        continue
                    items = value if type(value) is list else (value,)
                    if opens is not None and name not in opens[0]:
                        unit_func, unit_guarded = opens[1], opens[2]
                        units.append((self._unit_roots(node, items, unit_func, unit_guarded), unit_func, unit_guarded))
                        continue
                    for item in items:
                        # Names and constants (half the nodes) are handled here, not queued.
                        item_kind = type(item)
                        if item_kind is Name:
                            parents[item] = node
                            add_name(item, func, guarded)
                        elif item_kind is Constant:
                            parents[item] = node
                            if item.end_lineno != item.lineno:
                                long_strings.append(item)
                        elif isinstance(item, AST):
                            parents[item] = node
                            append(item)

    def _defined_in(self, node, func) -> None:
        """A def or class statement in a function's body binds its name there: a local, like `x = ...`
        (a method, in a class body, binds nothing in the function around the class)."""
        if func is not None and type(self.parents.get(node)) is not ast.ClassDef \
                and node.name not in self.scopes[func].globals:  # (`global f` first: it binds the module's f)
            self.scopes[func].stores.add(node.name)

    def _unit_roots(self, parent, items, func, guarded) -> list:
        """Link a unit's first nodes to `parent`, record the names among them, and return the rest."""
        roots = []
        for item in items:
            if not isinstance(item, AST):
                continue
            self.parents[item] = parent
            if type(item) is ast.Name:
                self.add_name(item, func, guarded)
            elif type(item) is not ast.Constant:
                roots.append(item)
            elif item.end_lineno != item.lineno:
                self.long_strings.append(item)
        return roots


# Fields that hold identifiers, numbers, expression contexts or operators: never a node anybody asks about.
_NOT_CHILDREN = {"ctx", "op", "ops", "arg", "asname", "attr", "conversion", "id", "is_async", "kind", "level",
                 "lineno", "module", "name", "simple", "tag", "type_comment", "n", "s", "kwd_attrs"}
_SPECIAL = {ast.alias, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.Global, ast.Yield,
            ast.YieldFrom, ast.If, ast.JoinedStr}
_CHILD_FIELDS: dict[type, tuple[str, ...]] = {}
_NO_MODULE = object()


def child_fields(kind: type) -> tuple[str, ...]:
    """The fields of a node of type `kind` that may hold nodes."""
    fields = _CHILD_FIELDS.get(kind)
    return fields if fields is not None else _child_fields(kind)


def _child_fields(kind: type) -> tuple[str, ...]:
    fields = _CHILD_FIELDS.get(kind)
    if fields is None:
        fields = _CHILD_FIELDS[kind] = tuple(f for f in kind._fields if f not in _NOT_CHILDREN)
    return fields


BODY_FIELDS = ("body", "orelse", "finalbody", "handlers", "cases")  # the fields that may hold statements
_BODIES: dict[type, tuple[str, ...]] = {}


def body_fields(kind: type) -> tuple[str, ...]:
    """Those of `BODY_FIELDS` a node of type `kind` has (none for most statements): a walk over
    statements looks them up once per type rather than five times per statement."""
    fields = _BODIES.get(kind)
    if fields is None:
        fields = _BODIES[kind] = tuple(name for name in BODY_FIELDS if name in kind._fields)
    return fields


def nodes_in(node: ast.AST) -> list[ast.AST]:
    """`node` and everything under it, breadth first, as `ast.walk` yields them but for the expression
    contexts and operators (`Load`, `Add`, ...): a few times faster than the generator."""
    out = [node]
    fields, append, extend = _CHILD_FIELDS, out.append, out.extend
    for item in out:  # grows while it is read
        kind = type(item)
        for name in fields.get(kind) or _child_fields(kind):
            value = getattr(item, name, None)
            if value is None:
                continue
            if type(value) is list:
                if not value:
                    continue
                # A field's list holds nodes of one kind, with None for a gap (`Dict.keys` of `**m`,
                # `kw_defaults`): a list of nodes without a gap is taken whole.
                if isinstance(value[0], AST) and None not in value:
                    extend(value)
                else:
                    for child in value:
                        if isinstance(child, AST):
                            append(child)
            elif isinstance(value, AST):
                append(value)
    return out


def statements_in(node: ast.AST) -> list[ast.AST]:
    """The statements of `nodes_in(node)` (with the except handlers and match cases that hold some), in the same
    order: statements are only ever children of these, in their fields that hold statements, so the breadth-first
    walk of those alone meets them at the same depths, in the same order, without listing any expression."""
    out = [node]
    for item in out:  # grows while it is read
        for name in _STATEMENT_FIELDS.get(type(item)) or _statement_fields(type(item)):
            value = getattr(item, name, None)
            if value:
                out.extend(value)
    return out


_STATEMENT_FIELDS: dict[type, tuple[str, ...]] = {}


def _statement_fields(kind: type) -> tuple[str, ...]:
    """The fields of a node of type `kind` that hold statements (or handlers, or cases), in `_fields` order."""
    fields = _STATEMENT_FIELDS.get(kind)
    if fields is None:
        fields = _STATEMENT_FIELDS[kind] = tuple(f for f in kind._fields if f in BODY_FIELDS)
    return fields


_MODULE_NODES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def module_nodes(tree: ast.AST) -> list[ast.AST]:
    """`nodes_in(tree)` but for `tree` itself, listed once per tree: several models each scan the whole module
    (for a `global` statement, a store of an attribute, a call of `setattr`), and one `ast.walk` of it each cost
    more than the parse. Kept while the tree lives (the list does not hold the tree itself); trees are never
    changed once parsed."""
    found = _MODULE_NODES.get(tree)
    if found is None:
        found = _MODULE_NODES[tree] = (nodes_in(tree)[1:], {})
    return found[0]


def module_nodes_of(tree: ast.AST, kind: type) -> list[ast.AST]:
    """The nodes of type `kind` (exactly) among `module_nodes(tree)`, in the same order."""
    module_nodes(tree)
    nodes, by_type = _MODULE_NODES[tree]
    if not by_type:
        for node in nodes:
            found = by_type.get(type(node))
            if found is None:
                by_type[type(node)] = [node]
            else:
                found.append(node)
        by_type[None] = []  # (grouped, even when the module is empty)
    return by_type.get(kind, ())


def child_nodes(node: ast.AST) -> list[ast.AST]:
    """The children of `node` in `ast.iter_child_nodes` order, but for the expression contexts and operators
    (`Load`, `Add`, ...), which nobody asks about: a few times faster than the generator."""
    out = []
    for name in _CHILD_FIELDS.get(type(node)) or _child_fields(type(node)):
        value = getattr(node, name, None)
        if value is None:
            continue
        if type(value) is list:
            out.extend(child for child in value if isinstance(child, AST))
        elif isinstance(value, AST):
            out.append(value)
    return out


def parameters(a: ast.arguments) -> list[ast.arg]:
    """A parameter list's parameters, in order: positional-only, positional, keyword-only, *args, **kwargs."""
    if a.posonlyargs or a.kwonlyargs or a.vararg or a.kwarg:
        return [*a.posonlyargs, *a.args, *a.kwonlyargs, *filter(None, (a.vararg, a.kwarg))]
    return a.args  # most defs: no copy


def bound_names(node) -> list[str]:
    """Identifiers a definition, parameter list or import alias introduces."""
    if isinstance(node, ast.alias):
        return [(node.asname or node.name).split(".")[0]]
    out = [] if isinstance(node, ast.Lambda) else [node.name]
    if not isinstance(node, ast.ClassDef):
        out += [p.arg for p in parameters(node.args)]
    return out


def name_counts(stmts) -> dict[str, int]:
    """The `TreeIndex.names` counts of some statements alone (to update a module's counts after an edit)."""
    counts: dict[str, int] = {}
    for node in (n for stmt in stmts for n in nodes_in(stmt)):
        if isinstance(node, ast.Name):
            bound = [node.id]
        elif isinstance(node, (ast.alias, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            bound = bound_names(node)
        else:
            continue
        for name in bound:
            counts[name] = counts.get(name, 0) + 1
    return counts


# Decorators that leave what a call of the function gives as it is.
PLAIN_DECORATORS = frozenset({"staticmethod", "classmethod", "abstractmethod", "override", "final"})


def rewrapped(definition) -> bool:
    """Whether a decorator may replace what calling the function gives: `@contextlib.contextmanager` on a
    generator function makes a context manager (its `with ... as x` binds what the generator yields),
    `@pytest.fixture` a fixture. What such a call gives is unknown (precision first)."""
    for decorator in getattr(definition, "decorator_list", ()):
        name = decorator.attr if type(decorator) is ast.Attribute else decorator.id if type(decorator) is ast.Name else ""
        if name not in PLAIN_DECORATORS:
            return True
    return False


def default_expression(function, name: str):
    """The default expression of parameter `name` of `function` (a def or lambda), or None when it has none."""
    a = function.args
    positional = [*getattr(a, "posonlyargs", ()), *a.args]
    names = [p.arg for p in positional]
    if name in names:
        index = names.index(name) - (len(positional) - len(a.defaults))
        return a.defaults[index] if index >= 0 else None
    kwonly = [p.arg for p in a.kwonlyargs]
    return a.kw_defaults[kwonly.index(name)] if name in kwonly else None


def spelling(node) -> tuple | None:
    """`self.proc` as ("self", "proc"): a name or a chain of attributes of one, else None."""
    parts = []
    while type(node) is ast.Attribute:
        parts.append(node.attr)
        node = node.value
    return (node.id, *reversed(parts)) if type(node) is ast.Name else None


def statements_before(parent, child) -> list:
    """The statements before `child` in the block of `parent` (its body, else or finally) that holds it."""
    for name in ("body", "orelse", "finalbody"):
        block = getattr(parent, name, None)
        if type(block) is list:
            for at, stmt in enumerate(block):
                if stmt is child:
                    return block[:at]
    return []
