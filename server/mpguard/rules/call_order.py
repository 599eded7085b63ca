"""Which of two statements runs first in one pass of the program: each is lifted to the one call of its function,
and so on up, until a common caller (or the test runner, semantic/test_runner.py, itself after the module-level
statements that come before `unittest.main()`) orders them. Asked by MP401 (a
second set_start_method), MP305 (a thread started before the fork) and the join/drain order."""
from __future__ import annotations

import ast

from mpguard.semantic import test_runner


def lifted(ctx, where, node) -> list:
    """Where a statement runs, seen from its callers: (function, order, node) for the statement itself,
    then for the one call of its function, and so on up (a function called from several places, or
    from none, ends the chain: which call runs first is then not known)."""
    out = [(where.function, where.order, node)]
    func = where.function
    while func is not None and len(out) < 6:
        sites = ctx.facts.call_sites.get(func, ())
        if not sites and func in ctx.test_entry_points:  # called by unittest / pytest, in their fixed order
            at = test_runner.phase(func, ctx.parents.get(func))
            if at is not None:
                out.append((test_runner.RUNNER, at, func))
            break
        if len(sites) != 1 or sites[0].where is None:
            break
        site = sites[0]
        out.append((site.where.function, site.where.order, site.call))
        func = site.where.function
    return out


def runs_before(ctx, first, second) -> bool:
    """Does `first` (where, node) run before `second` in one pass of the program: a common caller
    runs the call that leads to `first` before the one that leads to `second`?"""
    if same_flow(first[0], second[0]):
        return False  # asked by the caller already, with the branches taken into account
    ups = lifted(ctx, *second)
    downs = lifted(ctx, *first)
    for func, order, node in downs:
        for other_func, other_order, other_node in ups:
            if func is test_runner.RUNNER and other_func is func:
                return node is not other_node and test_runner.runs_first(order, other_order)
            if other_func is func and node is not other_node:
                return order < other_order and not ctx.exclusive(node, other_node)
    if ups[-1][0] is test_runner.RUNNER and downs[-1][0] is None:
        # `second` is run by the test runner, which `unittest.main()` starts: a module-level statement before
        # every such call runs first (`configure()` in the main block, then `unittest.main()` runs setUpModule)
        starts = runner_starts(ctx)
        node = downs[-1][2]
        return bool(starts) and all(_position(node) < _position(start) and not ctx.exclusive(node, start)
                                    for start in starts)
    return False


# Calls that run this module's tests in the running process (then return, or exit)
RUNNER_CALLS = frozenset({"unittest.main", "pytest.main"})
SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


def runner_starts(ctx) -> list:
    """The module-level calls (in the main block, or at the top) that start a test runner on this module."""
    if "runner starts" not in ctx.memo:
        out, todo = [], [s for s in ctx.tree.body if not isinstance(s, SCOPES)]
        while todo:
            node = todo.pop()
            if isinstance(node, ast.Call) and isinstance(node.func, (ast.Attribute, ast.Name)) \
                    and ctx.imports.qualify(node.func) in RUNNER_CALLS:
                out.append(node)
            todo.extend(n for n in ast.iter_child_nodes(node) if not isinstance(n, SCOPES))
        ctx.memo["runner starts"] = out
    return ctx.memo["runner starts"]


def _position(node) -> tuple:
    return node.lineno, node.col_offset


def same_flow(a, b) -> bool:
    return a.function is b.function or a.function is None and b.function is None
