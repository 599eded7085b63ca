"""What a small helper function returns for literal arguments, computed from its syntax tree.

A count often reaches a library through a helper that normalises a setting: jac's `resolve_workers("2")`
returns `max(1, min(int(value), 2))` unless the value is "auto". When the caller's argument is a known
literal (a constant, a command-line option's default), the helper's return for it can be computed: its
statements are run on literals only (assignments to names, `if`/`else`, `return`), its expressions are
literals, names, arithmetic, comparisons, `and`/`or`/`not`, conditional expressions and a few pure builtins
(`int`, `float`, `str`, `bool`, `len`, `abs`, `min`, `max`, `round`). Anything else on the path the
arguments take (a loop, a call of another function, an attribute, `os.cpu_count()`) makes the answer
unknown, and so does an exception: precision first, the caller then says nothing.
"""
from __future__ import annotations

import ast
import operator

UNKNOWN = object()
BUDGET = 200  # statements and expressions evaluated per call: helpers this model reads are a few lines

_BINARY = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.FloorDiv: operator.floordiv,
           ast.Mod: operator.mod, ast.Div: operator.truediv}
_COMPARE = {ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt, ast.LtE: operator.le,
            ast.Gt: operator.gt, ast.GtE: operator.ge, ast.Is: operator.is_, ast.IsNot: operator.is_not}
_PURE = {"int": int, "float": float, "str": str, "bool": bool, "len": len, "abs": abs, "min": min, "max": max,
         "round": round}
_LITERALS = (int, float, str, bool, type(None))


class _Unknown(Exception):
    """The path the arguments take leaves what this model computes."""


def returned_for(function: ast.AST, args: list, kwargs: dict | None = None, shadowed=frozenset()):
    """What `function` (a def) returns when called with the literal `args` (positional) and `kwargs`, its
    other parameters taking their literal defaults; UNKNOWN when that cannot be computed. `shadowed`: names
    its module binds itself (a module-level `max` is not the builtin)."""
    if not isinstance(function, ast.FunctionDef):
        return UNKNOWN
    env = _bind(function.args, list(args), dict(kwargs or {}))
    if env is None:
        return UNKNOWN
    run = _Run(env, frozenset(shadowed))
    try:
        result = run.block(function.body)
    except (_Unknown, ArithmeticError, ValueError, TypeError, OverflowError):
        return UNKNOWN
    return result[1] if result is not None else None


def _bind(arguments: ast.arguments, args: list, kwargs: dict) -> dict | None:
    if arguments.vararg is not None or arguments.kwarg is not None or arguments.kwonlyargs \
            or getattr(arguments, "posonlyargs", ()):
        return None
    params = [a.arg for a in arguments.args]
    if len(args) > len(params):
        return None
    defaults = dict(zip(params[len(params) - len(arguments.defaults):], arguments.defaults))
    env = dict(zip(params, args))
    for name in params[len(args):]:
        if name in kwargs:
            env[name] = kwargs.pop(name)
        elif name in defaults and isinstance(defaults[name], ast.Constant) \
                and isinstance(defaults[name].value, _LITERALS):
            env[name] = defaults[name].value
        else:
            return None
    if kwargs or not all(isinstance(v, _LITERALS) for v in env.values()):
        return None
    return env


class _Run:
    def __init__(self, env: dict, shadowed: frozenset):
        self.env = env
        self.shadowed = shadowed
        self.steps = 0

    def _step(self):
        self.steps += 1
        if self.steps > BUDGET:
            raise _Unknown

    def block(self, body: list):
        """("return", value) when the block returns, else None (it falls through)."""
        for stmt in body:
            self._step()
            if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
                continue  # a docstring
            if isinstance(stmt, ast.Return):
                return "return", self.expr(stmt.value) if stmt.value is not None else None
            if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
                self.env[stmt.targets[0].id] = self.expr(stmt.value)
                continue
            if isinstance(stmt, ast.If):
                done = self.block(stmt.body if self.expr(stmt.test) else stmt.orelse)
                if done is not None:
                    return done
                continue
            if isinstance(stmt, ast.Pass):
                continue
            raise _Unknown
        return None

    def expr(self, node):
        self._step()
        if isinstance(node, ast.Constant) and isinstance(node.value, _LITERALS):
            return node.value
        if isinstance(node, ast.Name):
            if node.id not in self.env:
                raise _Unknown
            return self.env[node.id]
        if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
            return _BINARY[type(node.op)](self.expr(node.left), self.expr(node.right))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return not self.expr(node.operand)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -self.expr(node.operand)
        if isinstance(node, ast.BoolOp):
            value = None
            for operand in node.values:
                value = self.expr(operand)
                if isinstance(node.op, ast.And) and not value or isinstance(node.op, ast.Or) and value:
                    return value
            return value
        if isinstance(node, ast.Compare) and all(type(op) in _COMPARE for op in node.ops):
            left = self.expr(node.left)
            for op, right_node in zip(node.ops, node.comparators):
                right = self.expr(right_node)
                if not _COMPARE[type(op)](left, right):
                    return False
                left = right
            return True
        if isinstance(node, ast.IfExp):
            return self.expr(node.body if self.expr(node.test) else node.orelse)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _PURE \
                and node.func.id not in self.env and node.func.id not in self.shadowed and not node.keywords \
                and not any(isinstance(a, ast.Starred) for a in node.args):
            value = _PURE[node.func.id](*(self.expr(a) for a in node.args))
            if not isinstance(value, _LITERALS):
                raise _Unknown
            return value
        raise _Unknown
