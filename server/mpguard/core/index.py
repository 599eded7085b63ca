"""One pass over the tree that answers the structural questions rules ask again and again:
who is whose parent, which names each scope stores or declares global, and where names are read."""
from __future__ import annotations

import ast
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from mpguard.core.names import is_main_guard

SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
AST = ast.AST


@dataclass
class ScopeInfo:
    stores: set = field(default_factory=set)
    params: tuple = ()
    globals: set = field(default_factory=set)
    has_yield: bool = False


class Load(NamedTuple):  # one per name read in the module: a tuple is far cheaper than a frozen dataclass
    node: ast.Name
    function: ast.AST | None  # innermost def/lambda, None at module level
    guarded: bool  # module level inside `if __name__ == "__main__":`


class TreeIndex:
    def __init__(self, tree: ast.Module):
        self.parents: dict = {}
        self.scopes: dict = {}
        self.loads: dict[str, list[Load]] = {}
        self.names: dict[str, int] = {}  # every identifier the module binds or reads -> occurrences
        self._build(tree)

    def scope(self, func) -> ScopeInfo:
        return self.scopes.get(func) or ScopeInfo()

    def loads_of(self, name: str) -> list[Load]:
        return self.loads.get(name, [])

    @cached_property
    def string_rows(self) -> set[int]:
        """Rows that continue a multi-line string literal (only fixes ask: found on first use)."""
        rows: set[int] = set()
        for node in self.parents:
            if type(node) in (ast.Constant, ast.JoinedStr) and node.end_lineno > node.lineno:
                rows.update(range(node.lineno + 1, node.end_lineno + 1))
        return rows

    def _build(self, tree) -> None:
        parents, scopes, loads, names = self.parents, self.scopes, self.loads, self.names
        Name, Load_, Global, Yield, YieldFrom, Constant = (
            ast.Name, ast.Load, ast.Global, ast.Yield, ast.YieldFrom, ast.Constant)
        defs = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
        child_fields, special, count = _CHILD_FIELDS, _SPECIAL, names.get
        new_load = tuple.__new__  # `Load(...)` runs a Python-level __new__ per name read
        stack = [(tree, None, False)]
        pop, push = stack.pop, stack.append
        while stack:
            node, func, guarded = pop()
            kind = type(node)
            inner = func
            guard_body = False
            if kind in special:
                if kind is ast.alias or kind is ast.ClassDef:
                    for bound in _bound_names(node):
                        names[bound] = count(bound, 0) + 1
                elif kind in defs:
                    inner = node
                    for bound in _bound_names(node):
                        names[bound] = count(bound, 0) + 1
                    a = node.args
                    params = tuple(p.arg for p in (*a.posonlyargs, *a.args, *a.kwonlyargs,
                                                   *filter(None, (a.vararg, a.kwarg))))
                    scopes[node] = ScopeInfo(set(params), params)
                elif kind is Global:
                    if func is not None:
                        scopes[func].globals.update(node.names)
                elif kind is Yield or kind is YieldFrom:
                    if func is not None:
                        scopes[func].has_yield = True
                else:  # the body of the module's `if __name__ == "__main__":` is guarded
                    guard_body = func is None and parents.get(node) is tree and is_main_guard(node.test)
            for name in child_fields.get(kind) or _child_fields(kind):
                value = getattr(node, name, None)
                if type(value) is list:
                    scope = inner if name != "decorator_list" else func
                    child_guard = guarded or (guard_body and name == "body")
                    items = value
                elif value is None:
                    continue
                else:
                    # Arguments' defaults are evaluated in the enclosing scope.
                    scope = func if inner is not func and name in ("args", "returns") else inner
                    child_guard = guarded
                    items = (value,)
                for item in items:
                    # Names and constants (half the nodes) are handled here, not pushed and popped.
                    item_kind = type(item)
                    if item_kind is Name:
                        parents[item] = node
                        ident = item.id
                        names[ident] = count(ident, 0) + 1
                        if type(item.ctx) is Load_:
                            read = new_load(Load, (item, scope, child_guard))
                            same_name = loads.get(ident)
                            if same_name is None:
                                loads[ident] = [read]
                            else:
                                same_name.append(read)
                        elif scope is not None:
                            scopes[scope].stores.add(ident)
                    elif item_kind is Constant:
                        parents[item] = node
                    elif isinstance(item, AST):
                        parents[item] = node
                        push((item, scope, child_guard))
        for info in scopes.values():
            info.stores -= info.globals


# Fields that hold identifiers, numbers, expression contexts or operators: never a node anybody asks about.
_NOT_CHILDREN = {"ctx", "op", "ops", "arg", "asname", "attr", "conversion", "id", "is_async", "kind", "level",
                 "lineno", "module", "name", "simple", "tag", "type_comment", "n", "s", "kwd_attrs"}
_SPECIAL = {ast.alias, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.Global, ast.Yield,
            ast.YieldFrom, ast.If}
_CHILD_FIELDS: dict[type, tuple[str, ...]] = {}


def _child_fields(kind: type) -> tuple[str, ...]:
    fields = _CHILD_FIELDS.get(kind)
    if fields is None:
        fields = _CHILD_FIELDS[kind] = tuple(f for f in kind._fields if f not in _NOT_CHILDREN)
    return fields


def nodes_in(node: ast.AST) -> list[ast.AST]:
    """`node` and everything under it, breadth first, as `ast.walk` yields them but for the expression
    contexts and operators (`Load`, `Add`, ...): a few times faster than the generator."""
    out = [node]
    fields, append = _CHILD_FIELDS, out.append
    for item in out:  # grows while it is read
        for name in fields.get(type(item)) or _child_fields(type(item)):
            value = getattr(item, name, None)
            if type(value) is list:
                for child in value:
                    if isinstance(child, AST):
                        append(child)
            elif isinstance(value, AST):
                append(value)
    return out


def child_expressions(node: ast.AST) -> list[ast.expr]:
    """The expressions directly under `node` (`ast.iter_child_nodes`, expressions only)."""
    out = []
    for name in _CHILD_FIELDS.get(type(node)) or _child_fields(type(node)):
        value = getattr(node, name, None)
        if type(value) is list:
            out.extend(child for child in value if isinstance(child, ast.expr))
        elif isinstance(value, ast.expr):
            out.append(value)
    return out


def _bound_names(node) -> list[str]:
    """Identifiers a definition, parameter list or import alias introduces."""
    if isinstance(node, ast.alias):
        return [(node.asname or node.name).split(".")[0]]
    out = [] if isinstance(node, ast.Lambda) else [node.name]
    if not isinstance(node, ast.ClassDef):
        a = node.args
        out += [p.arg for p in (*a.posonlyargs, *a.args, *a.kwonlyargs, *filter(None, (a.vararg, a.kwarg)))]
    return out


def name_counts(stmts) -> dict[str, int]:
    """The `TreeIndex.names` counts of some statements alone (to update a module's counts after an edit)."""
    counts: dict[str, int] = {}
    for node in (n for stmt in stmts for n in nodes_in(stmt)):
        if isinstance(node, ast.Name):
            bound = [node.id]
        elif isinstance(node, (ast.alias, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            bound = _bound_names(node)
        else:
            continue
        for name in bound:
            counts[name] = counts.get(name, 0) + 1
    return counts
