"""A function's local computed once from its parameters, for the parameter tests of semantic/param_guards.

ruffus's `pipeline_run(multiprocess=1, multithread=0, pool_manager="multiprocessing")` tests no parameter for its
`Manager()`: it binds `parallelism = max(multiprocess, multithread)` (after `if multiprocess is None:
multiprocess = 0`) and makes the manager under `if parallelism > 1: if pool_manager == "multiprocessing":` or in
the `else:`. A test of such a local is a condition like one on a parameter, known for a call when every parameter
the local is computed from is (a literal argument or default): `pipeline_run(pool_manager="gevent",
multiprocess=5)` has a parallelism of 5 and makes no manager.

A local counts when the function binds it exactly once (no other store anywhere in it, nested functions included,
no `global`/`nonlocal`), by a statement of its top-level body `name = expr`, where `expr` is made of int or float
literals and parameters through `max`, `min`, `abs`, `+`, `-`, `*` and unary minus. A parameter read there is the
argument, unless the function rebinds it: only `if p is None: p = <number>` statements of its top-level body before
that one may (then a None argument is that number), any other rebinding and the local says nothing.
"""
from __future__ import annotations

import ast

from mpguard.semantic.index import nodes_in
from mpguard.semantic.node_memo import node_memo

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
NUMBER = (int, float)
BUILTINS = {"max": max, "min": min, "abs": abs}
OPERATORS = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b, ast.Mult: lambda a, b: a * b}


class Derived:
    """A local's expression and, for each parameter it reads, the number a None argument becomes first (or no
    entry: the argument as given)."""

    __slots__ = ("expression", "none_defaults")

    def __init__(self, expression: ast.expr, none_defaults: dict):
        self.expression = expression
        self.none_defaults = none_defaults


@node_memo(maxsize=256)  # asked for each test and each call judged: the function's body is scanned once
def derived_locals(function) -> dict:
    """name -> `Derived` for each local of `function` computed once from its parameters (see the module's doc)."""
    if not isinstance(function, FUNCS):
        return {}
    a = function.args
    params = {p.arg for p in (*a.posonlyargs, *a.args, *a.kwonlyargs)}
    candidates, none_defaults = {}, {}  # name -> (statement, its index); parameter -> (number, index)
    for index, stmt in enumerate(function.body):
        if type(stmt) is ast.Assign and len(stmt.targets) == 1 and type(stmt.targets[0]) is ast.Name \
                and stmt.targets[0].id not in params and _computable(stmt.value, params):
            candidates.setdefault(stmt.targets[0].id, []).append((stmt, index))
        default = _none_default(stmt, params)
        if default is not None:
            none_defaults.setdefault(default[0], []).append((default[1], index, stmt.body[0].targets[0]))
    if not candidates:
        return {}
    stores: dict = {}
    for node in nodes_in(function):
        kind = type(node)
        if kind is ast.Name and type(node.ctx) is not ast.Load:
            stores.setdefault(node.id, []).append(node)
        elif kind is ast.Global or kind is ast.Nonlocal:
            for name in node.names:
                stores.setdefault(name, []).append(node)
        elif kind in FUNCS or kind is ast.ClassDef:
            stores.setdefault(node.name, []).append(node)
        elif kind in (ast.Import, ast.ImportFrom):
            for alias in node.names:
                stores.setdefault((alias.asname or alias.name).partition(".")[0], []).append(node)
    out = {}
    for name, found in candidates.items():
        if len(found) != 1 or len(stores.get(name, ())) != 1:
            continue
        stmt, index = found[0]
        reads = {n.id for n in ast.walk(stmt.value) if type(n) is ast.Name and n.id in params}
        if not reads:  # (a local bound to a number alone is no parameter's: its tests stay as they were)
            continue
        defaults = {}
        for param in reads:
            before = [(number, i, target) for number, i, target in none_defaults.get(param, ()) if i < index]
            # every store of the parameter is one of its `if p is None: p = n` before the local's statement
            if {id(t) for *_n, t in before} != {id(s) for s in stores.get(param, ())}:
                break
            if before:
                if len({number for number, _i, _t in before}) != 1:
                    break
                defaults[param] = before[0][0]
        else:
            out[name] = Derived(stmt.value, defaults)
    return out


def _computable(expr, params) -> bool:
    kind = type(expr)
    if kind is ast.Constant:
        return type(expr.value) in NUMBER
    if kind is ast.Name:
        return expr.id in params
    if kind is ast.UnaryOp:
        return type(expr.op) is ast.USub and _computable(expr.operand, params)
    if kind is ast.BinOp:
        return type(expr.op) in OPERATORS and _computable(expr.left, params) and _computable(expr.right, params)
    if kind is ast.Call:
        return type(expr.func) is ast.Name and expr.func.id in BUILTINS and not expr.keywords \
            and (len(expr.args) == 1 if expr.func.id == "abs" else len(expr.args) >= 2) \
            and all(type(arg) is not ast.Starred and _computable(arg, params) for arg in expr.args)
    return False


def _none_default(stmt, params) -> tuple | None:
    """(parameter, number) for `if p is None: p = <number>` (no else, that one assignment)."""
    if type(stmt) is not ast.If or stmt.orelse or len(stmt.body) != 1:
        return None
    test, body = stmt.test, stmt.body[0]
    if not (type(test) is ast.Compare and type(test.left) is ast.Name and test.left.id in params
            and len(test.ops) == 1 and type(test.ops[0]) is ast.Is and type(test.comparators[0]) is ast.Constant
            and test.comparators[0].value is None):
        return None
    if type(body) is ast.Assign and len(body.targets) == 1 and type(body.targets[0]) is ast.Name \
            and body.targets[0].id == test.left.id and type(body.value) is ast.Constant \
            and type(body.value.value) in NUMBER:
        return test.left.id, body.value.value
    return None


def value_for(derived: Derived, argument) -> ast.Constant | None:
    """The local's value for a call, as a literal: `argument(p)` gives (known, the expression) of what the call
    passes for parameter p (its literal default when it passes none). None when an argument is not a number (or
    a None the function makes one)."""
    value = _evaluate(derived.expression, derived, argument)
    return ast.Constant(value) if value is not None else None


def _evaluate(expr, derived: Derived, argument):
    kind = type(expr)
    if kind is ast.Constant:
        return expr.value
    if kind is ast.Name:
        known, given = argument(expr.id)
        if not known:
            return None
        if type(given) is ast.UnaryOp and type(given.op) is ast.USub:
            inner = _number(given.operand)
            return -inner if inner is not None else None
        if type(given) is ast.Constant and given.value is None:
            return derived.none_defaults.get(expr.id)
        return _number(given)
    parts = [_evaluate(e, derived, argument) for e in
             ((expr.operand,) if kind is ast.UnaryOp else (expr.left, expr.right) if kind is ast.BinOp else expr.args)]
    if any(p is None for p in parts):
        return None
    if kind is ast.UnaryOp:
        return -parts[0]
    if kind is ast.BinOp:
        return OPERATORS[type(expr.op)](*parts)
    return BUILTINS[expr.func.id](*parts)


def _number(expr):
    return expr.value if type(expr) is ast.Constant and type(expr.value) in NUMBER else None
