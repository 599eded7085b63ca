"""Tests whose value is the same in every child process of multiprocessing, and differs in the main process.

`multiprocessing.current_process().name` is "MainProcess" only in the process the program started in: every
Process, Pool worker and executor worker gets another name (`Process-1`, `SpawnPoolWorker-2`, ...), and a spawned
child that re-imports the main module sees its own name while it bootstraps (spawn's `prepare` sets the name before
it imports the main module). So `if current_process().name != "MainProcess": processes = 1` runs in every child, and a
start reached only when it does not (gammapy's `run_multiprocessing`) never happens in one: a re-imported main
module that calls it at its top level starts nothing while the child bootstraps. Not so the process 3.14's
forkserver imports the script in, its server: that one is named "MainProcess" (rules/guard.py reports such a start
for forkserver from 3.14).

Not such tests: `current_process().daemon` (a plain Process child is not daemonic), and `parent_process()`, which
a spawned child sets only after it has re-imported the main module (it is None while the child bootstraps: run
under spawn and forkserver in tests/test_child_only_starts.py).
"""
from __future__ import annotations

import ast

# The condition key param_guards keeps for "this runs in a child process" (`_param` reads its second item: a name
# no parameter can have, so no caller's argument ever decides it).
CHILD = ("child", "<child process>")
MAIN_NAME = "MainProcess"


def _called(expr, name: str) -> bool:
    """`name()` or `anything.name()` without arguments (the module may be a local, as gammapy's backend module)."""
    if not (isinstance(expr, ast.Call) and not expr.args and not expr.keywords):
        return False
    func = expr.func
    return (isinstance(func, ast.Name) and func.id == name) or (isinstance(func, ast.Attribute) and func.attr == name)


def in_child(test) -> bool | None:
    """The value `test` has in every child process, from its bootstrap on, when it is one that differs from the
    main process's: `current_process().name == "MainProcess"` (False), `!=` (True), `not` of one; else None."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        inner = in_child(test.operand)
        return None if inner is None else not inner
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return None
    left, op, right = test.left, test.ops[0], test.comparators[0]
    if isinstance(left, ast.Constant):
        left, right = right, left
    if isinstance(left, ast.Attribute) and left.attr == "name" and _called(left.value, "current_process") \
            and isinstance(right, ast.Constant) and right.value == MAIN_NAME and isinstance(op, (ast.Eq, ast.NotEq)):
        return isinstance(op, ast.NotEq)
    return None


def child_literal(name: str, block: list, before) -> ast.Constant | None:
    """The literal the local `name` surely holds in a child process right before the statement `before` of
    `block`: the last statement of the block before it that binds `name` is `name = literal`, or an `if` whose
    test is true in every child (`in_child`) and whose body ends binding it so (its `else` never runs there); an
    `if` on any other test binds it to that literal only when both its branches do. None when it cannot be told."""
    index = next((i for i, s in enumerate(block) if s is before), None)
    found = _last_binding(name, block[:index]) if index is not None else None
    return found if isinstance(found, ast.Constant) else None


def _last_binding(name: str, stmts: list):
    """The literal `name` holds after `stmts` in a child: a Constant, None (unknown), or ... (not bound here)."""
    for stmt in reversed(stmts):
        if not _binds(stmt, name):
            continue
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name) \
                and isinstance(stmt.value, ast.Constant):
            return stmt.value
        if isinstance(stmt, ast.If):
            taken = in_child(stmt.test)
            if taken is not None:
                found = _last_binding(name, stmt.body if taken else stmt.orelse)
                if found is not ...:
                    return found
                continue  # the branch a child takes leaves it: an earlier statement decides
            body, orelse = _last_binding(name, stmt.body), _last_binding(name, stmt.orelse)
            if isinstance(body, ast.Constant) and isinstance(orelse, ast.Constant) and body.value == orelse.value \
                    and type(body.value) is type(orelse.value):
                return body
        return None
    return ...


def _binds(stmt, name: str) -> bool:
    for node in ast.walk(stmt):
        if isinstance(node, ast.Name) and node.id == name and not isinstance(node.ctx, ast.Load):
            return True
        if isinstance(node, (ast.Global, ast.Nonlocal)) and name in node.names:
            return True
    return False
