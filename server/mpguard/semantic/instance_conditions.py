"""Attributes one object surely lacks: the `if` of its class's __init__ that stores them is false for the call that
made the object.

    class Pipeline:
        def __init__(self, index, config):
            self.level = config["logger"]["level"]
            if self.level == "DEBUG":
                self._debug_handler = logging.StreamHandler(sys.stderr)

A `Pipeline(i, CONFIG)` whose CONFIG says "INFO" never has `_debug_handler`, so pickling it never meets the handler
(Logprep #186's working run); the same class made with "DEBUG" does. The attributes of a class are otherwise what
any of its methods stores (pickling.Pickler), so this only takes away.

Decided from the constructor call's own arguments (flow: what that call passes, a dict's item under a constant key,
a module constant), for a comparison (`==`, `!=`, `is`, `is not`, `in`, `not in`) of a constant with a parameter of
__init__ that __init__ never rebinds, or with an attribute __init__ sets once, as a statement of its own body before
the `if`, and that nothing else in the class sets. Anything else is undecided, and the attribute counts as before.
"""
from __future__ import annotations

import ast
import operator

from mpguard.semantic import values as V
from mpguard.semantic.cli_args import literal
from mpguard.semantic.flow import item
from mpguard.semantic.local_values import own_nodes

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
_COMPARE = {ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Is: operator.is_, ast.IsNot: operator.is_not,
            ast.In: lambda a, b: a in b, ast.NotIn: lambda a, b: a not in b}
UNDECIDED = object()
# The statements that hold statements of the same function (a def or class nested in __init__ is not __init__'s).
NESTING = tuple(getattr(ast, name) for name in ("If", "For", "AsyncFor", "While", "With", "AsyncWith", "Try",
                                                "TryStar", "Match") if hasattr(ast, name))


class Conditional:
    """What a class's __init__ stores only under `if`s: read once per class (`conditional_stores`)."""

    def __init__(self, init, this: str, stores: dict, names: tuple):
        self.init, self.this, self.stores, self.names = init, this, stores, names
        self.parents = {child: node for node in own_nodes(init) for child in ast.iter_child_nodes(node)}
        for stmt in init.body:
            self.parents[stmt] = init
        self.rebound = {n.id for n in own_nodes(init) if type(n) is ast.Name and type(n.ctx) is not ast.Load}


def conditional_stores(lineage) -> Conditional | None:
    """The attributes of `self` that only statements of __init__ under an `if` set (none of another method), with
    what the tests need; None when there are none (most classes: nothing more is asked per object)."""
    init = next((f for c in lineage for f in getattr(c, "body", ()) if type(f) is ast.FunctionDef
                 and f.name == "__init__"), None)
    if init is None or not init.args.args or not any(type(stmt) in NESTING for stmt in init.body):
        return None  # (every statement of __init__'s own is one of its body: none stores under an `if`)
    stores: dict = {}  # attribute -> the statements of any method of the lineage that set it
    for cls in lineage:
        for method in getattr(cls, "body", ()):
            if type(method) in FUNCS and method.args.args:
                own = method.args.args[0].arg
                for node in own_nodes(method):
                    for target in _targets(node):
                        if type(target) is ast.Attribute and type(target.value) is ast.Name and target.value.id == own:
                            stores.setdefault(target.attr, []).append((method, node))
    names = tuple(name for name, places in stores.items()
                  if all(method is init and node not in init.body for method, node in places))
    return Conditional(init, init.args.args[0].arg, stores, names) if names else None


def absent_attributes(conditional: Conditional | None, instance, flow) -> frozenset:
    """The names of `self` attributes the object `instance` (made by a call of its class) surely lacks."""
    if conditional is None or flow is None or type(instance.node) is not ast.Call:
        return frozenset()
    site = next((s for s in flow.call_sites.get(conditional.init, ()) if s.call is instance.node), None)
    if site is None:
        return frozenset()
    judge = _Judge(conditional, site, flow)
    return frozenset(name for name in conditional.names
                     if all(judge.never_runs(node) for _method, node in conditional.stores[name]))


def _targets(node) -> list:
    kind = type(node)
    if kind is ast.Assign:
        return node.targets
    if kind in (ast.AnnAssign, ast.AugAssign):
        return [node.target]
    return []


class _Judge:
    def __init__(self, conditional: Conditional, site, flow):
        self.init, self.this, self.stores = conditional.init, conditional.this, conditional.stores
        self.parents, self.rebound = conditional.parents, conditional.rebound
        self.site, self.flow = site, flow

    def never_runs(self, stmt) -> bool:
        """Is `stmt` inside a branch of an `if` whose test is decided against that branch?"""
        node = stmt
        while node in self.parents and self.parents[node] is not self.init:
            parent = self.parents[node]
            if type(parent) is ast.If and node is not parent.test:
                truth = self._truth(parent.test, parent)
                if truth is not UNDECIDED and truth != (node in parent.body):
                    return True
            node = parent
        return False

    def _truth(self, test, at):
        if type(test) is ast.UnaryOp and type(test.op) is ast.Not:
            truth = self._truth(test.operand, at)
            return truth if truth is UNDECIDED else not truth
        if type(test) is not ast.Compare or len(test.ops) != 1 or type(test.ops[0]) not in _COMPARE:
            return UNDECIDED
        left, right = self._python(test.left, at), self._python(test.comparators[0], at)
        if left is UNDECIDED or right is UNDECIDED:
            return UNDECIDED
        try:
            return bool(_COMPARE[type(test.ops[0])](left, right))
        except TypeError:
            return UNDECIDED

    def _python(self, expr, at):
        """The Python constant `expr` is for this call, else UNDECIDED."""
        if type(expr) is ast.Constant:
            return expr.value
        if type(expr) in (ast.Tuple, ast.List, ast.Set) and all(type(e) is ast.Constant for e in expr.elts):
            return tuple(e.value for e in expr.elts)
        known, value = literal(self.flow.resolve(self._value(expr, at)))
        return value if known else UNDECIDED

    def _value(self, expr, at, depth: int = 0):
        """The walker's value of a parameter, of `self.<attr>` that __init__ set from one before `at`, or of a
        constant key's item of either, as this call gives it; None when unknown."""
        if depth > 8:
            return None
        kind = type(expr)
        if kind is ast.Name:
            params = [a.arg for a in (*self.init.args.posonlyargs, *self.init.args.args, *self.init.args.kwonlyargs)]
            if expr.id not in params[1:] or expr.id in self.rebound:
                return None
            return V.Param(self.site.call, self.init, expr.id, site=self.site)
        if kind is ast.Subscript and type(expr.slice) is ast.Constant:
            container = self.flow.resolve(self._value(expr.value, at, depth + 1))
            return item(container, expr.slice) if container is not None else None
        if kind is ast.Attribute and type(expr.value) is ast.Name and expr.value.id == self.this:
            places = self.stores.get(expr.attr, ())
            if len(places) != 1 or places[0][0] is not self.init:
                return None
            stmt = places[0][1]
            if type(stmt) is not ast.Assign or len(stmt.targets) != 1 or not self._before(stmt, at):
                return None
            return self._value(stmt.value, stmt, depth + 1)
        return None

    def _before(self, stmt, at) -> bool:
        """Is `stmt` a statement of __init__'s own body that runs before the one holding `at`?"""
        top = at
        while self.parents.get(top) is not self.init and top in self.parents:
            top = self.parents[top]
        body = self.init.body
        return stmt in body and top in body and body.index(stmt) < body.index(top)
