"""The calls a block surely makes before it can leave: on every way through it, in order, up to the first
statement that may end it (a `return`, `raise`, `break` or `continue`, or a compound statement holding one).

Used where a rule must know that a loop's every turn reaches a call (a child's work loop asking a manager
proxy, or waiting on a queue) before anything lets the turn end another way. Only what surely runs counts: an
`if` contributes its test, a `for` its iterable, a `while` its test, and its body only when its first turn is
known to run (a constant true test, or `while not done` right after `done = False` in the same block); a
lambda, a comprehension's later parts, the branches of `a if t else b` and the right side of `and`/`or` are
skipped."""
from __future__ import annotations

import ast

EXITS = (ast.Return, ast.Raise, ast.Break, ast.Continue)
SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


def first_calls(block: list) -> list:
    """The calls run on every way through `block` before it can be left, in source order."""
    out: list = []
    falsy: set = set()  # names this block set to a constant false value so far (`done = False`)
    for stmt in block:
        if isinstance(stmt, EXITS):
            out.extend(_calls(stmt))
            return out
        if isinstance(stmt, (ast.If, ast.For, ast.AsyncFor)):
            out.extend(_calls(stmt.test if isinstance(stmt, ast.If) else stmt.iter))
        elif isinstance(stmt, ast.While):
            out.extend(_calls(stmt.test))
            if _first_turn_runs(stmt.test, falsy):
                out.extend(first_calls(stmt.body))
            if isinstance(stmt.test, ast.Constant) and stmt.test.value:
                return out  # (left only by a break: what follows is not run on every way)
        elif isinstance(stmt, (ast.With, ast.AsyncWith)):
            for item in stmt.items:
                out.extend(_calls(item.context_expr))
            out.extend(first_calls(stmt.body))
        elif isinstance(stmt, ast.Try):
            out.extend(first_calls(stmt.body))
            return out  # (a handler may run instead of the rest of the body)
        elif not isinstance(stmt, SCOPES):
            out.extend(_calls(stmt))
        if may_leave(stmt):
            return out
        _note_falsy(stmt, falsy)
    return out


def may_leave(stmt: ast.AST) -> bool:
    """Does the statement hold a `return`, `raise`, `break` or `continue` (outside the functions it defines)?"""
    stack = [stmt]
    while stack:
        node = stack.pop()
        if isinstance(node, EXITS):
            return True
        stack.extend(c for c in ast.iter_child_nodes(node) if not isinstance(c, SCOPES))
    return False


def _first_turn_runs(test: ast.expr, falsy: set) -> bool:
    if isinstance(test, ast.Constant):
        return bool(test.value)
    return isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not) and isinstance(test.operand, ast.Name) \
        and test.operand.id in falsy


def _note_falsy(stmt: ast.AST, falsy: set) -> None:
    if isinstance(stmt, ast.Assign):
        for target in stmt.targets:
            if isinstance(target, ast.Name):
                if isinstance(stmt.value, ast.Constant) and not stmt.value.value:
                    falsy.add(target.id)
                else:
                    falsy.discard(target.id)
    else:
        for node in ast.walk(stmt):
            if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
                falsy.discard(node.id)


def _calls(node: ast.AST) -> list:
    """The calls an expression or simple statement surely evaluates, in source order."""
    out, stack = [], [node]
    while stack:
        item = stack.pop()
        if isinstance(item, ast.Call):
            out.append(item)
        if isinstance(item, (*SCOPES, ast.Lambda)):
            continue
        if isinstance(item, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
            stack.append(item.generators[0].iter)
            continue
        if isinstance(item, ast.IfExp):
            stack.append(item.test)
            continue
        if isinstance(item, ast.BoolOp):
            stack.append(item.values[0])
            continue
        stack.extend(ast.iter_child_nodes(item))
    return sorted(out, key=lambda c: (c.lineno, c.col_offset))
