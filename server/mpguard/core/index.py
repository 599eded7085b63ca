"""One pass over the tree that answers the structural questions rules ask again and again:
who is whose parent, which names each scope stores or declares global, and where names are read."""
from __future__ import annotations

import ast
from dataclasses import dataclass, field

from mpguard.core.names import is_main_guard

SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
AST = ast.AST


@dataclass
class ScopeInfo:
    stores: set = field(default_factory=set)
    globals: set = field(default_factory=set)
    has_yield: bool = False


@dataclass(frozen=True)
class Load:
    node: ast.Name
    function: ast.AST | None  # innermost def/lambda, None at module level
    guarded: bool  # module level inside `if __name__ == "__main__":`


class TreeIndex:
    def __init__(self, tree: ast.Module):
        self.parents: dict = {}
        self.scopes: dict = {}
        self.loads: dict[str, list[Load]] = {}
        self.names: set[str] = set()  # every identifier the module binds or reads
        self.string_rows: set[int] = set()  # rows that continue a multi-line string literal
        self._build(tree)

    def scope(self, func) -> ScopeInfo:
        return self.scopes.get(func) or ScopeInfo()

    def loads_of(self, name: str) -> list[Load]:
        return self.loads.get(name, [])

    def _build(self, tree) -> None:
        parents, scopes, loads = self.parents, self.scopes, self.loads
        Name, Load_, Global, Yield, YieldFrom, If, Constant, JoinedStr = (
            ast.Name, ast.Load, ast.Global, ast.Yield, ast.YieldFrom, ast.If, ast.Constant, ast.JoinedStr)
        stack = [(tree, None, False)]
        while stack:
            node, func, guarded = stack.pop()
            kind = type(node)
            if kind is Name:
                self.names.add(node.id)
                if isinstance(node.ctx, Load_):
                    loads.setdefault(node.id, []).append(Load(node, func, guarded))
                elif func is not None:
                    scopes[func].stores.add(node.id)
                continue
            inner = func
            if kind is Constant or kind is JoinedStr:
                if node.end_lineno > node.lineno:
                    self.string_rows.update(range(node.lineno + 1, node.end_lineno + 1))
                if kind is Constant:
                    continue
            elif kind is ast.alias:
                self.names.add((node.asname or node.name).split(".")[0])
            elif kind is ast.ClassDef:
                self.names.add(node.name)
            if kind in (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda):
                inner = node
                if kind is not ast.Lambda:
                    self.names.add(node.name)
                a = node.args
                params = [*a.posonlyargs, *a.args, *a.kwonlyargs, *filter(None, (a.vararg, a.kwarg))]
                scopes[node] = ScopeInfo(stores={p.arg for p in params})
                self.names.update(p.arg for p in params)
            elif kind is Global and func is not None:
                scopes[func].globals.update(node.names)
            elif (kind is Yield or kind is YieldFrom) and func is not None:
                scopes[func].has_yield = True
            for name in node._fields:
                value = getattr(node, name, None)
                if value is None:
                    continue
                if type(value) is list:
                    for item in value:
                        if isinstance(item, AST):
                            parents[item] = node
                            child_guard = guarded or (kind is If and func is None and name == "body"
                                                      and parents.get(node) is tree and is_main_guard(node.test))
                            stack.append((item, inner if name != "decorator_list" else func, child_guard))
                elif isinstance(value, AST):
                    parents[value] = node
                    # Arguments' defaults are evaluated in the enclosing scope.
                    scope = func if name in ("args", "returns", "decorator_list") and inner is not func else inner
                    stack.append((value, scope, guarded))
        for info in scopes.values():
            info.stores -= info.globals
