"""Tests that every run of the program passes: a condition on a parameter, or on an attribute an `__init__`
copies from its parameter, that holds for the constant each call of this module gives (or the default a call
leaves in place). django/channels #1921: the runner sets the start method under `if self.parallel > 1 and
sys.platform != "win32":`, and the only `ParallelTestRunner(parallel=2)` makes that true; its later import of
a helper that sets the method again then raises. Unknown (so not "always") when a call gives something that
is not a constant, the attribute is stored anywhere else in the module, or a subclass may construct the
instance another way.

Read: truth tests, `not`, `and`, and one comparison (`==`, `!=`, `<`, `<=`, `>`, `>=`, `is`, `is not`) of
the value with a constant."""
from __future__ import annotations

import ast

from mpguard.rules.param_constants import passed_constants, rebound

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
OPS = {ast.Eq: lambda a, b: a == b, ast.NotEq: lambda a, b: a != b, ast.Lt: lambda a, b: a < b,
       ast.LtE: lambda a, b: a <= b, ast.Gt: lambda a, b: a > b, ast.GtE: lambda a, b: a >= b,
       ast.Is: lambda a, b: a is b, ast.IsNot: lambda a, b: a is not b}
SCALARS = (int, float, str, bool, type(None))


# Attributes of `sys` that only a freezer (PyInstaller, cx_Freeze, py2exe) sets: a program run from its source,
# as mpguard reads it, has none (`if getattr(sys, "frozen", False): ...` is the frozen build's branch)
FROZEN_ONLY = frozenset({"frozen", "_MEIPASS"})


def always_true(ctx, test: ast.expr, function) -> bool:
    """Is `test`, written in `function`, true for every constant the module's calls give?"""
    return _value(ctx, test, function, True) is True


def always_false(ctx, test: ast.expr, function) -> bool:
    """Is `test`, written in `function` (None: at the module's top), false on every run?"""
    return _value(ctx, test, function, False) is True


def _value(ctx, test, function, truth: bool):
    """True when `test` is `truth` on every run, else None (unknown or sometimes not)."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return _value(ctx, test.operand, function, not truth)
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And if truth else ast.Or):
        return True if all(_value(ctx, v, function, truth) for v in test.values) else None
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):  # `a and b` is false when one part is
        return True if any(_value(ctx, v, function, truth) for v in test.values) else None
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and type(test.ops[0]) in OPS:
        left, right, compare = test.left, test.comparators[0], OPS[type(test.ops[0])]
        if _constant(left) is not None and _constant(right) is None:  # `1 < self.parallel`
            constant, operand = _constant(left), right
            decide = lambda value: compare(constant[0], value)  # noqa: E731
        elif _constant(right) is not None:
            constant, operand = _constant(right), left
            decide = lambda value: compare(value, constant[0])  # noqa: E731
        else:
            return None
        values = _constants(ctx, operand, function)
        if values is None:
            return None
        try:
            return True if all(bool(decide(v)) == truth for v in values) else None
        except TypeError:  # (`None > 1`: that run raises, not a test that holds)
            return None
    values = _constants(ctx, test, function)
    if values is None:
        return None
    return True if all(bool(v) == truth for v in values) else None


def _constant(node) -> tuple | None:
    if isinstance(node, ast.Constant) and type(node.value) in SCALARS:
        return (node.value,)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant) \
            and type(node.operand.value) in (int, float):
        return (-node.operand.value,)
    return None


def _constants(ctx, operand, function) -> list | None:
    """Every value `operand` has when `function` runs, when each is a known scalar constant; else None."""
    frozen = _frozen_probe(ctx, operand)
    if frozen is not None:
        return frozen
    if not isinstance(function, FUNCS):
        return None
    if isinstance(operand, ast.Name):
        known, values = passed_constants(ctx, function, operand.id)
        return values if known and values and all(type(v) in SCALARS for v in values) else None
    if isinstance(operand, ast.Attribute) and isinstance(operand.value, ast.Name):
        source = _copied_parameter(ctx, function, operand.value.id, operand.attr)
        if source is None:
            return None
        init, name = source
        known, values = passed_constants(ctx, init, name)
        return values if known and values and all(type(v) in SCALARS for v in values) else None
    return None


def _frozen_probe(ctx, operand) -> list | None:
    """`getattr(sys, "frozen", default)` -> [default], `hasattr(sys, "_MEIPASS")` -> [False]: what a program run
    from source finds (FROZEN_ONLY); None for anything else."""
    if not (isinstance(operand, ast.Call) and isinstance(operand.func, ast.Name) and not operand.keywords
            and operand.func.id in ("getattr", "hasattr") and len(operand.args) in (2, 3)):
        return None
    owner, name = operand.args[0], _constant(operand.args[1])
    if name is None or name[0] not in FROZEN_ONLY or ctx.imports.qualify(owner) != "sys":
        return None
    if operand.func.id == "hasattr":
        return [False] if len(operand.args) == 2 else None
    default = _constant(operand.args[2]) if len(operand.args) == 3 else None
    return [default[0]] if default is not None else None


def _copied_parameter(ctx, method, receiver: str, attr: str) -> tuple | None:
    """(`__init__`, parameter) when `receiver.attr` in `method` is the instance's attribute that its class's
    `__init__` sets once, at the top of its body, from a parameter it never rebinds, and that nothing else
    in the module stores (`self.parallel = parallel`). None for a class another class of the module extends."""
    cls = ctx.parents.get(method)
    params = [*method.args.posonlyargs, *method.args.args]
    if not isinstance(cls, ast.ClassDef) or not params or params[0].arg != receiver \
            or any(isinstance(d, ast.Name) and d.id in ("staticmethod", "classmethod") for d in method.decorator_list):
        return None
    tree = _module(ctx, cls)
    if tree is None or any(isinstance(n, ast.ClassDef) and any(isinstance(b, ast.Name) and b.id == cls.name
                                                                 for b in n.bases) for n in ast.walk(tree)):
        return None
    init = next((f for f in cls.body if isinstance(f, FUNCS) and f.name == "__init__"), None)
    if init is None or not init.args.args:
        return None
    own = init.args.args[0].arg
    copies = [s for s in init.body if isinstance(s, ast.Assign) and len(s.targets) == 1
              and isinstance(s.targets[0], ast.Attribute) and s.targets[0].attr == attr
              and isinstance(s.targets[0].value, ast.Name) and s.targets[0].value.id == own
              and isinstance(s.value, ast.Name)]
    stores = [n for n in ast.walk(tree) if isinstance(n, ast.Attribute) and n.attr == attr
              and not isinstance(n.ctx, ast.Load)]
    if len(copies) != 1 or len(stores) != 1 or _sets_attributes(tree):
        return None
    name = copies[0].value.id
    if rebound(ctx, init, name):
        return None
    return init, name


def _module(ctx, node):
    while node is not None and not isinstance(node, ast.Module):
        node = ctx.parents.get(node)
    return node


def _sets_attributes(tree) -> bool:
    """`setattr(...)` or `vars(...)` / `__dict__` anywhere: an attribute may be stored by name."""
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in ("setattr", "vars")
               or isinstance(n, ast.Attribute) and n.attr == "__dict__" for n in ast.walk(tree))
