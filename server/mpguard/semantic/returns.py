"""What a function returns, read from its body alone (no call needed): the factory question.

Shared by the walker (same-module factories and decorators) and by the project resolver
(factories in other modules), so both answer it the same way.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass

DEFS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


@dataclass(frozen=True)
class ReturnSummary:
    """`kind` is "closure" when the function hands out a local function, lambda or class
    that pickle cannot find by name; "wrapped" when the local function copies the wrapped
    function's identity with functools.wraps; "" when nothing local escapes."""

    kind: str
    local_name: str = ""
    # the answer for the function applied as a bare decorator (`@memoize` calls memoize(func): its first
    # parameter is a function, not None) when that differs: `def memoize(func=None, maxlen=None): if func is
    # not None: ... return wrapper (functools.wraps)` / `else: return factory` hands out the wrapper there
    applied: "ReturnSummary | None" = None


def as_decorator(summary: "ReturnSummary | None") -> "ReturnSummary | None":
    """What a bare decorator (`@name`, no call) hands out: `summary.applied` when the function's first
    parameter decides between its returns, else the summary itself."""
    return summary.applied if summary is not None and summary.applied is not None else summary


def local_definitions(func: ast.AST) -> dict[str, ast.AST]:
    """Functions and classes defined directly in `func`'s body (nested blocks included), in order:
    a name the body itself (not a nested block) binds again to something else no longer holds the
    local one (`f = lambda x: x` then `f = helper`: `return f` hands out `helper`)."""
    found: dict[str, ast.AST] = {}
    _bind(getattr(func, "body", []), found, top=True)
    return found


def _bind(statements, found: dict, top: bool) -> None:
    for node in statements:
        if isinstance(node, DEFS):
            found[node.name] = node
            continue
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            for target in node.targets if isinstance(node, ast.Assign) else (node.target,):
                if isinstance(target, ast.Name):
                    if isinstance(node.value, ast.Lambda):
                        found[target.id] = node.value
                    elif top:
                        found.pop(target.id, None)
        for name in _statement_fields(type(node)):
            _bind(getattr(node, name), found, top=False)


# The fields of a statement that hold statements, in `_fields` order, as `ast.iter_child_nodes` filtered to
# `ast.stmt` yields them: not `handlers` nor `cases` (an `except` clause or a `case` is no statement, so
# what they hold was never read). A third of the time these walks took went to the expressions they skip.
_STATEMENT_FIELDS: dict = {}


def _statement_fields(kind: type) -> tuple:
    fields = _STATEMENT_FIELDS.get(kind)
    if fields is None:
        fields = _STATEMENT_FIELDS[kind] = tuple(f for f in kind._fields if f in ("body", "orelse", "finalbody"))
    return fields


def _is_wraps(decorator: ast.expr) -> bool:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
    return name in ("wraps", "update_wrapper")


def _returns(func: ast.AST, skip: str | None = None):
    """The function's return statements (not those of nested functions). With `skip`, a parameter given a
    function (a bare decorator's argument: not None, true): without those in a branch that a test of it
    rules out (`if func is None: return factory`, the `else:` of `if func:`)."""
    stack = list(getattr(func, "body", []))
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Return) and node.value is not None:
            yield node
        if isinstance(node, (*DEFS, ast.Lambda)):
            continue
        if skip is not None and isinstance(node, ast.If):
            truth = _given_function_test(node.test, skip)
            stack.extend(c for c in (node.body if truth is not False else ()) if isinstance(c, ast.stmt))
            stack.extend(c for c in (node.orelse if truth is not True else ()) if isinstance(c, ast.stmt))
            continue
        for name in _statement_fields(type(node)):
            stack.extend(getattr(node, name))


def _given_function_test(test: ast.expr, name: str) -> bool | None:
    """The value of `test` when the parameter `name` holds a function (not None, true); None: unknown."""
    if isinstance(test, ast.Name) and test.id == name:
        return True
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        inner = _given_function_test(test.operand, name)
        return None if inner is None else not inner
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.left, ast.Name) \
            and test.left.id == name and isinstance(test.comparators[0], ast.Constant) \
            and test.comparators[0].value is None:
        if isinstance(test.ops[0], (ast.Is, ast.Eq)):
            return False
        if isinstance(test.ops[0], (ast.IsNot, ast.NotEq)):
            return True
    return None


def summarize_returns(func: ast.AST) -> ReturnSummary:
    if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return ReturnSummary("")
    summary = _summarize(func, _returns(func))
    params = [*getattr(func.args, "posonlyargs", ()), *func.args.args]
    if params:
        applied = _summarize(func, _returns(func, skip=params[0].arg))
        if applied != summary:
            return ReturnSummary(summary.kind, summary.local_name, applied)
    return summary


def _summarize(func, returns) -> ReturnSummary:
    local = local_definitions(func)
    for ret in returns:
        value = ret.value
        if isinstance(value, ast.Call) and getattr(value.func, "id", getattr(value.func, "attr", "")) == "partial":
            value = value.args[0] if value.args else value
        if isinstance(value, ast.Lambda):
            return ReturnSummary("closure", "<lambda>")
        if isinstance(value, ast.Name) and value.id in local:
            definition = local[value.id]
            if isinstance(definition, ast.FunctionDef) and any(_is_wraps(d) for d in definition.decorator_list):
                return ReturnSummary("wrapped", value.id)
            return ReturnSummary("closure", value.id)
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in local:
            if isinstance(local[value.func.id], ast.ClassDef):
                return ReturnSummary("closure", value.func.id + "()")
    return ReturnSummary("")


def returns_its_object(method: ast.AST) -> bool:
    """Does `method` give back the object it is called on, on every path (`def load(self, n): ...; return self`,
    the fluent style of builders)? Only a plain undecorated `def` whose last statement and every other return
    are `return self`, that never rebinds `self` and has no yield: then `Analyzer().load(5)` is that Analyzer."""
    if type(method) is not ast.FunctionDef or method.decorator_list:
        return False  # (a staticmethod, classmethod, property or wrapper gives something else)
    params = [*method.args.posonlyargs, *method.args.args]
    if not params or not method.body:
        return False
    own = params[0].arg

    def gives_own(node) -> bool:
        return type(node) is ast.Return and type(node.value) is ast.Name and node.value.id == own

    if not gives_own(method.body[-1]):
        return False
    stack = list(method.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Yield, ast.YieldFrom)) or (isinstance(node, ast.Return) and not gives_own(node)):
            return False
        if type(node) is ast.Name and node.id == own and type(node.ctx) is not ast.Load:
            return False
        if isinstance(node, (*DEFS, ast.Lambda)):
            continue
        stack.extend(ast.iter_child_nodes(node))
    return True
