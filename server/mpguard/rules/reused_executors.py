"""A process-wide thread pool that a forked child gets back without its thread (MP423, rules/threads.py).

    class ExecutorFactory:                                   # another project module (pyiceberg 0.10)
        _instance = None
        @staticmethod
        def get_or_create():
            if ExecutorFactory._instance is None:
                ExecutorFactory._instance = ThreadPoolExecutor(max_workers=1)
            return ExecutorFactory._instance

    def plan(manifests):                                     # the parent runs a task on it: its worker starts
        return table_scan.plan_files(ExecutorFactory.get_or_create(), manifests)   # (plan_files: executor.map)
    def scan_partition(rows):                                # the forked child's task asks for it again
        return ExecutorFactory.get_or_create().submit(count_rows, rows).result()

`plan(...)` then a fork-context ProcessPoolExecutor running `scan_partition`: the child inherits the executor object,
not its worker thread, and the executor's idle count says that worker is free, so the child's task is queued for a
thread that does not exist and `.result()` waits forever (apache/iceberg-python #2545; deterministic under fork).

Said only when all of these are shown:
- the factory (a function or static method of this or another project module) keeps one ThreadPoolExecutor in a
  class attribute or module global, made under a test that is only "not made yet" (`is None`, `not x`), and returns
  it: a factory that also tests the pid (iceberg's fix, PR #2546) or anything else is not this shape;
- the child's own code (the Process target or the pool task, a def of this module) runs a task on what it returns;
- the forking function, before the fork, runs a task on what it returns, itself or in a def of this module it calls,
  directly or by handing it to a function (this or another project module) that calls `.submit`/`.map` on that
  parameter; no `.shutdown(...)` in either."""
from __future__ import annotations

import ast

from mpguard.rules.fact_lookup import creations_of, first_of, starts_at, submits_at
from mpguard.semantic.local_values import local_values, own_nodes
from mpguard.semantic.threads import thread_starter

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
POOL = "concurrent.futures.ThreadPoolExecutor"


def _task_methods() -> frozenset:
    found = thread_starter(POOL)
    return frozenset(found[1].get("task_methods", ())) if found is not None else frozenset()


def reused_executor(ctx, fork, where) -> tuple[str, int] | None:
    """(description, line) of a process-wide thread pool the parent ran a task on before `fork` and the child's code
    runs a task on again, else None."""
    task = _child_function(ctx, fork)
    if task is None or where.function is None or type(where.function) not in FUNCS:
        return None
    methods = _task_methods()
    for factory, name in _pool_uses(ctx, task, methods):
        line = _parent_use(ctx, where.function, fork, factory, methods)
        if line is not None:
            return (f"the worker thread of the ThreadPoolExecutor that `{name}()` keeps for the whole process, which "
                    f"the child's `{task.name}` gets back without that thread (its idle count says the worker is "
                    "free: a task submitted there never runs, and waiting for it hangs), started by a task"), line
    return None


def _child_function(ctx, fork):
    """The def of this module a forked child runs at `fork`: the pool task or the Process target."""
    submit = first_of(submits_at(ctx, fork))
    value = submit.func if submit is not None else None
    if value is None:
        start = first_of(starts_at(ctx, fork))
        creation = first_of(creations_of(ctx, start.obj)) if start is not None else None
        value = creation.target if creation is not None else None
    definition = getattr(value, "definition", None)
    return definition if type(definition) in FUNCS else None


def _pool_uses(ctx, func, methods):
    """(qualified factory, its text) of each process-wide pool factory on whose result `func` runs a task."""
    seen = set()
    for node in own_nodes(func):
        if type(node) is ast.Call and type(node.func) is ast.Attribute and node.func.attr in methods:
            made = _made_by_factory(ctx, func, node.func.value)
            if made is not None and made[0] not in seen:
                seen.add(made[0])
                yield made


def _made_by_factory(ctx, func, expr):
    """(qualified, text) of the process-wide pool factory whose call `expr` is, or the one call every binding of the
    local `expr` names, else None."""
    if type(expr) is ast.Name:
        values = local_values(func, expr.id)
        if not values or len(values) != 1:
            return None
        expr = values[0]
    if type(expr) is not ast.Call or expr.args or expr.keywords:
        return None
    qualified = ctx.imports.qualify(expr.func) or ast.unparse(expr.func)  # (a name of this module: as written)
    if not _keeps_one_pool(ctx, qualified, expr.func):
        return None
    return qualified, ast.unparse(expr.func)


def _keeps_one_pool(ctx, qualified: str, callee) -> bool:
    memo = ctx.memo.setdefault("MP423 pool factories", {})
    if qualified not in memo:
        memo[qualified] = _singleton(_definition(ctx, qualified, callee))
    return memo[qualified]


def _definition(ctx, qualified: str, callee):
    """The def `qualified` names: a function or a class's method, of this module or another project module."""
    top = {n.name: n for n in ctx.tree.body if isinstance(n, (*FUNCS, ast.ClassDef))}
    if type(callee) is ast.Name and type(top.get(callee.id)) in FUNCS:
        return top[callee.id]
    if type(callee) is ast.Attribute and type(callee.value) is ast.Name \
            and type(top.get(callee.value.id)) is ast.ClassDef:
        return _method(top[callee.value.id], callee.attr)
    resolver = ctx.resolver
    if resolver is None:
        return None
    found = resolver.definition(qualified) if hasattr(resolver, "definition") else None
    if type(found) in FUNCS:
        return found
    owner, _, name = qualified.rpartition(".")
    found = resolver.class_definition(owner) if owner and hasattr(resolver, "class_definition") else None
    cls = found[0] if type(found) is tuple else found  # (the class, its module's imports)
    return _method(cls, name) if type(cls) is ast.ClassDef else None


def _method(cls, name: str):
    return next((f for f in cls.body if type(f) in FUNCS and f.name == name), None)


def _singleton(func) -> bool:
    """Does `func` make one ThreadPoolExecutor under a "not made yet" test on a class attribute or global it then
    returns (every return)?"""
    if type(func) not in FUNCS:
        return False
    declared = {n for node in own_nodes(func) if type(node) is ast.Global for n in node.names}
    kept = None
    for node in own_nodes(func):
        if type(node) is ast.If:
            cache = _unmade_test(node.test)
            if cache is not None and (type(cache) is ast.Attribute or getattr(cache, "id", None) in declared) \
                    and any(_makes_pool(s, ast.unparse(cache)) for s in node.body):
                kept = ast.unparse(cache)
    if kept is None:
        return False
    returns = [n for n in own_nodes(func) if type(n) is ast.Return]
    return bool(returns) and all(r.value is not None and ast.unparse(r.value) == kept for r in returns)


def _unmade_test(test):
    """The expression `x` of a test `x is None` or `not x`, else None."""
    if type(test) is ast.Compare and len(test.ops) == 1 and type(test.ops[0]) is ast.Is \
            and type(test.comparators[0]) is ast.Constant and test.comparators[0].value is None:
        return test.left
    if type(test) is ast.UnaryOp and type(test.op) is ast.Not:
        return test.operand
    return None


def _makes_pool(stmt, kept: str) -> bool:
    if type(stmt) is not ast.Assign or len(stmt.targets) != 1 or ast.unparse(stmt.targets[0]) != kept:
        return False
    value = stmt.value
    # (another module's import map is not at hand: the class's own name, as the catalog's entry spells it)
    return type(value) is ast.Call and ast.unparse(value.func).rpartition(".")[2] == POOL.rpartition(".")[2]


def _parent_use(ctx, function, fork, factory: str, methods, depth: int = 0) -> int | None:
    """The line of the call in `function` before `fork` (any call when `fork` is None) that runs a task on the
    factory's pool, itself or through a def of this module it calls (one call deep), else None."""
    if any(type(n) is ast.Attribute and n.attr == "shutdown" for n in own_nodes(function)):
        return None
    limit = _statement_start(ctx, fork) if fork is not None else None
    for node in own_nodes(function):
        if type(node) is not ast.Call or (limit is not None and (node.lineno, node.col_offset) >= limit):
            continue
        if limit is not None and ctx.exclusive(ctx.statement_of(node), ctx.statement_of(fork)):
            continue
        if type(node.func) is ast.Attribute and node.func.attr in methods:
            made = _made_by_factory(ctx, function, node.func.value)
            if made is not None and made[0] == factory:
                return node.lineno
        if _hands_pool(ctx, function, node, factory, methods):
            return node.lineno
        if depth == 0 and type(node.func) is ast.Name:
            callee = next((f for f in ctx.tree.body if type(f) in FUNCS and f.name == node.func.id), None)
            if callee is not None and callee is not function \
                    and _parent_use(ctx, callee, None, factory, methods, depth + 1) is not None:
                return node.lineno
    return None


def _hands_pool(ctx, function, call, factory: str, methods) -> bool:
    """Does `call` give the factory's pool as a positional argument to a function whose own body runs a task on that
    parameter (`table_scan.plan_files(executor, manifests)` with `executor.map(...)` there)?"""
    for position, arg in enumerate(call.args):
        made = _made_by_factory(ctx, function, arg)
        if made is None or made[0] != factory:
            continue
        callee = _definition(ctx, ctx.imports.qualify(call.func) or ast.unparse(call.func), call.func)
        params = [a.arg for a in (*callee.args.posonlyargs, *callee.args.args)] if type(callee) in FUNCS else []
        if position < len(params) and any(
                type(n) is ast.Call and type(n.func) is ast.Attribute and n.func.attr in methods
                and type(n.func.value) is ast.Name and n.func.value.id == params[position]
                for n in own_nodes(callee)):
            return True
    return False



def _statement_start(ctx, node):
    stmt = ctx.statement_of(node)
    return (stmt.lineno, stmt.col_offset) if stmt is not None else (node.lineno, node.col_offset)
