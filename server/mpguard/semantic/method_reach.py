"""Under which default start methods a statement runs, from the start-method tests of its function.

Programs that know a hazard bites only under spawn keep the hazardous code on the fork path themselves:
inside `if multiprocessing.get_start_method() == "fork":`, after `if get_start_method() != "fork": return`,
or behind a flag the test clears (nessai: `if self.n_pool and get_start_method() != "fork": self.n_pool =
None`, then `if self.n_pool: self.pool = Pool(..., initargs=(self.model,))`). A finding about that code is
only true under the methods that reach it. The walker records the tests (`facts.branch_methods`); only those
that ask the default context (`multiprocessing.get_start_method()`, not `ctx.get_start_method()` of some
context) narrow: the rules' start methods are the default's."""
from __future__ import annotations

import ast

from mpguard.semantic.conditions import exits, methods_where
from mpguard.semantic.index import spelling, statements_before
from mpguard.semantic.names import MULTIPROCESSING_PACKAGES
from mpguard.semantic.platforms import METHODS

ALL = frozenset(METHODS)
_FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


def default_methods(test, imports) -> frozenset | None:
    """The default start methods under which `test` is true, when it compares the default context's start
    method (`mp.get_start_method() != "fork"`, also as one part of an `and`) with constants; else None."""
    if type(test) is ast.BoolOp and isinstance(test.op, ast.And):
        known = [m for m in (default_methods(v, imports) for v in test.values) if m is not None]
        return frozenset.intersection(*known) if known else None
    methods = methods_where(test)
    if methods is None or not _asks_default(test, imports):
        return None
    return methods


def _asks_default(test, imports) -> bool:
    for node in ast.walk(test):
        if type(node) is ast.Call and isinstance(node.func, (ast.Name, ast.Attribute)):
            qualified = imports.qualify(node.func) if imports is not None else None
            if qualified and qualified.rsplit(".", 1)[-1] == "get_start_method":
                return qualified.rsplit(".", 1)[0] in MULTIPROCESSING_PACKAGES
    return False


def methods_at(node, parents, imports) -> frozenset:
    """The default start methods under which `node` can run, from the tests between it and its function:
    the branches around it, the early exits before it, and the flags a test cleared before a branch that
    tests them."""
    reach, child, parent = ALL, node, parents.get(node)
    while parent is not None and type(child) not in _FUNCS:
        if type(parent) is ast.If:
            reach &= _branch(parent, child, parents, imports)
        if isinstance(child, ast.stmt):
            reach &= _after_exits(parent, child, imports)
        child, parent = parent, parents.get(parent)
    return reach


def _branch(branch: ast.If, child, parents, imports) -> frozenset:
    inside = any(c is child for c in branch.body)
    if not inside and not any(c is child for c in branch.orelse):
        return ALL  # the test itself
    methods = default_methods(branch.test, imports)
    if methods is not None:
        # `A and method test`: the body runs only under the methods; the else branch under any
        return methods if inside else ALL - methods if _pure(branch.test, imports) else ALL
    if inside:
        flag = _flag_tested(branch.test)
        if flag is not None:
            cleared = _cleared_before(branch, flag, parents, imports)
            if cleared is not None:
                return ALL - cleared
    return ALL


def _pure(test, imports) -> bool:
    return not (type(test) is ast.BoolOp) and default_methods(test, imports) is not None


def _after_exits(parent, child, imports) -> frozenset:
    """`if get_start_method() != "fork": return` before `child` in its block: the rest runs under fork."""
    reach = ALL
    for before in statements_before(parent, child):
        if type(before) is ast.If and _pure(before.test, imports) and exits(before.body) != exits(before.orelse):
            methods = default_methods(before.test, imports)
            reach &= ALL - methods if exits(before.body) else methods
    return reach


def _flag_tested(test) -> tuple | None:
    """The flag whose truth a test requires: `if flag:`, `if flag is not None:`, `if flag and ...:`."""
    if type(test) is ast.BoolOp and isinstance(test.op, ast.And):
        return next((f for f in map(_flag_tested, test.values) if f is not None), None)
    if type(test) is ast.Compare and len(test.ops) == 1 and isinstance(test.ops[0], ast.IsNot) \
            and type(test.comparators[0]) is ast.Constant and test.comparators[0].value is None:
        test = test.left
    return spelling(test)


def _stores(stmt, flag) -> list:
    return [n for n in ast.walk(stmt) if type(n) in (ast.Name, ast.Attribute) and isinstance(n.ctx, ast.Store)
            and spelling(n) == flag]


def _cleared_before(branch: ast.If, flag: tuple, parents, imports) -> frozenset | None:
    """The methods under which `flag` is false when `branch` tests it: its last binding before, in the same
    block, is `if <start-method test>: ... flag = None` (a false constant, the body's own statement, with
    no other part of the test that could leave it true)."""
    setter = next((s for s in reversed(statements_before(parents.get(branch), branch)) if _stores(s, flag)), None)
    if type(setter) is not ast.If or _stores_in(setter.orelse, flag):
        return None
    test = setter.test
    methods = default_methods(test, imports)
    if methods is None:
        return None
    others = [v for v in test.values if default_methods(v, imports) is None] \
        if type(test) is ast.BoolOp else []
    if any(_flag_tested(v) != flag or type(v) is ast.BoolOp for v in others):
        return None  # `other and get_start_method() != "fork"`: under those methods the flag may stay
    last = next((s for s in reversed(setter.body) if _stores(s, flag)), None)
    if type(last) is not ast.Assign or not all(spelling(t) == flag for t in last.targets) \
            or type(last.value) is not ast.Constant or last.value.value:
        return None
    return methods


def _stores_in(block, flag) -> bool:
    return any(_stores(s, flag) for s in block)
