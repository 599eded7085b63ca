"""MP302 when the parent hands its state over only under some start methods.

A program that knows spawned children re-import the module may copy its run-time state to them itself:
check50 stored its module attributes for the child `if multiprocessing.get_start_method() == "spawn"`
and the child set them again with `globals()[key] = value`; others pass a copy to a pool initializer
that updates the global. The hand-over is then as good as the test around it: under a method the test
leaves out (forkserver, which also starts from a fresh import) the child reads the import-time value.
The walker records the start-method tests (`facts.branch_methods`); here the reads of a global in the
parent's code, other than its own writes, must all sit in such branches for the methods to be known. Reported at the
write and at the test (which the fix changes)."""
from __future__ import annotations

import ast

from mpguard.semantic.conditions import methods_where
from mpguard.semantic.platforms import METHODS
from mpguard.text.findings import SET_BY_PARENT

ALL = frozenset(METHODS)


def handover_methods(ctx, name: str):
    """(the start methods under which the parent's code reads `name` to hand it over, the test that
    decides) when every such read sits in a branch of a start-method test; else None."""
    branches = ctx.facts.branch_methods
    if not branches:
        return None
    memo = ctx.memo.setdefault("handover methods", {})
    if name in memo:
        return memo[name]
    writes = {id(e.node) for e in ctx.facts.effects_of("global-write") if e.detail[0] == name}
    found, test = None, None
    for load in ctx.index.loads_of(name):
        func = load.function
        if func is None or func not in ctx.parent_functions or func in ctx.child_functions:
            continue
        branch = _enclosing_branch(ctx, load.node, func, writes)
        if branch is False:
            continue  # the read is part of a write (`REGISTRY[key] = value`): not a hand-over
        if branch is None:
            found = None  # read outside any start-method test: it may be handed over under every method
            break
        methods, node = branch
        found = methods if found is None else found | methods
        test = test or node
    memo[name] = (found, test) if found is not None and found != ALL else None
    return memo[name]


def _enclosing_branch(ctx, node, func, writes):
    """The methods under which the branch around `node` runs, with its test; None outside any such
    branch; False when `node` belongs to a statement that writes the global."""
    child, parent = node, ctx.parents.get(node)
    while parent is not None and child is not func:
        if isinstance(child, ast.stmt) and id(child) in writes:
            return False
        methods = ctx.facts.branch_methods.get(parent)
        if methods is not None:
            if any(c is child for c in parent.body):
                return methods, parent.test
            if any(c is child for c in parent.orelse):
                return ALL - methods, parent.test
        child, parent = parent, ctx.parents.get(parent)
    return None


def report_partial_handover(ctx, effect, name: str, readers, reported: set) -> None:
    """Report a parent write of `name` whose hand-over to the children (`readers`, which set it
    themselves) happens only under some start methods."""
    found = handover_methods(ctx, name)
    if found is None or not readers or name in reported:
        return
    methods, test = found
    lost = frozenset()
    for child in readers:
        lost |= ctx.breaks(child.method, lambda m: m != "fork" and m not in methods)
    if not lost:
        return
    reported.add(name)
    shown = ", ".join(sorted(methods))
    ctx.report("MP302", effect.node, f"`{name}` is set by the parent at run time and handed to the children only "
               f"under the {shown} start method (line {test.lineno}); under {', '.join(sorted(lost))} a child that "
               "re-imports the module sees its import-time value", lost,
               related=((test, "the start method test that decides the hand-over"),))
    # the test is what leaves those methods out, and where the fix goes (`!= "fork"`): reported there too, the
    # write as related (a comment at the write silences both)
    ctx.report("MP302", test, f"this start method test hands `{name}` to the children only under the {shown} start "
               f"method; under {', '.join(sorted(lost))} a child re-imports the module and sees its import-time "
               f"value, not the one the parent set (line {effect.node.lineno})", lost,
               related=((effect.node, SET_BY_PARENT),))


def running_methods(ctx, node) -> frozenset | None:
    """The start methods under which `node` runs, from the start-method tests around it in its function
    (`if globvar and multiprocessing.get_start_method() == "fork":` -- an `and` runs its body only where each
    known part holds; the `else` of a plain test runs under the others); None when no such test decides.
    A write of a global made only under fork is not lost to a child that re-imports the module: under the
    other methods it is not made at all."""
    found, child, parent = None, node, ctx.parents.get(node)
    while parent is not None and not isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda,
                                                         ast.ClassDef, ast.Module)):
        if isinstance(parent, ast.If):
            methods = None
            if any(c is child for c in parent.body):
                methods = _true_under(parent.test)
            elif any(c is child for c in parent.orelse):
                methods = methods_where(parent.test)
                methods = None if methods is None else ALL - methods
            if methods is not None:
                found = methods if found is None else found & methods
        child, parent = parent, ctx.parents.get(parent)
    return found


def _true_under(test) -> frozenset | None:
    parts = test.values if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And) else [test]
    known = [m for m in map(methods_where, parts) if m is not None]
    if not known:
        return None
    out = ALL
    for methods in known:
        out &= methods
    return out
