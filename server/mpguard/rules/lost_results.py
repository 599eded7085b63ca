"""MP416: a worker process that can raise before it puts its result, while the parent waits for that result in a
`get()` without a timeout.

    def _worker(ns, work_q, result_q):
        while True:
            path = work_q.get()
            ...
            entries = dfs.list_dir(ns, path)    # another project module: raises PermissionError on a denied path
            result_q.put((path, entries))
    ...
    procs = [ctx.Process(target=_worker, args=(self.ns, work_q, result_q)) for _ in range(n)]
    ...
    while processed < queued:
        path, entries = result_q.get()          # the worker that raised never puts: waits forever

An exception a Process target does not catch ends that process (its traceback is printed there); nothing reaches
the parent, whose `get()` waits for an item that never comes (daos-stack/daos PR #18414, fresh_reports18
daos18414). Under every start method.

Said only when all of these are shown:
- the target is a def of this module given the queue as an argument, and it calls `.put(...)` on that parameter;
- before that put, on every way to it in the target's own code, a `raise` of the target, or a call of a function of
  this or another project module whose own code raises outside any `try` (one call deep);
- no `try` in the target at all (a handler or a `finally` may put something, or report the error);
- the function that makes the process reads the queue with `get()` (no timeout, blocking), and never asks whether a
  child is still there (`is_alive`, `exitcode`, `sentinel`, `connection.wait`)."""
from __future__ import annotations

import ast

from mpguard.rules.registry import Rule, register
from mpguard.semantic import values as V
from mpguard.semantic.local_values import own_nodes
from mpguard.semantic.platforms import ALL_METHODS

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
QUEUES = ("Queue", "SimpleQueue")
TRIES = (ast.Try, getattr(ast, "TryStar", ast.Try))
LIVENESS = frozenset({"is_alive", "exitcode", "sentinel", "wait"})

LOST_RESULT = register(Rule(
    "MP416", "worker-raises-before-put",
    "A worker process can raise before it puts its result, and the parent waits for it in get() without a timeout",
    ALL_METHODS, {m: "No exception in the parent: the worker's traceback is printed in the worker, and the parent "
                  "waits in get() forever (hang)" for m in ("fork", "spawn", "forkserver")},
    severity="error", fix_title="Catch the worker's exception and put it on the queue (re-raise it in the parent), "
    "use a Pool or executor whose results re-raise, or get() with a timeout and check the workers",
))


def check(ctx) -> None:
    reads = None  # (id(queue), id(function)) -> the first blocking get() on it there: built once, when a queue is given
    judged: dict = {}  # (id(target), parameter) -> a raise on the way to its put: once per target
    liveness: dict = {}  # id(scope) -> does it ask whether a child is alive: once per function
    for creation in ctx.facts.creations:
        if creation.kind != "Process" or creation.value.subclass is not None or not creation.args:
            continue
        queues = [(index, queue) for index, (_expr, value) in enumerate(creation.args)
                  if type(queue := ctx.flow.resolve(value)) is V.MPObject and queue.kind in QUEUES]
        if not queues or not ctx.in_parent(creation.where):
            continue
        function = creation.where.function
        scope = function if function is not None else ctx.tree  # (the module's own code: under its main guard)
        if type(scope) not in (*FUNCS, ast.Module):
            continue
        if reads is None:
            reads = _blocking_reads(ctx)
        if not any((id(queue), id(function)) in reads for _index, queue in queues):
            continue
        if id(scope) not in liveness:
            liveness[id(scope)] = _asks_liveness(scope)
        if liveness[id(scope)]:
            continue
        for target in ctx.definitions_of(creation.target):
            if type(target) not in FUNCS:
                continue
            params = [a.arg for a in (*target.args.posonlyargs, *target.args.args)]
            for index, queue in queues:
                read = reads.get((id(queue), id(function)))
                if index >= len(params) or read is None:
                    continue
                key = (id(target), params[index])
                if key not in judged:
                    judged[key] = None if any(type(n) in TRIES for n in own_nodes(target)) \
                        else _raise_before_put(ctx, target, params[index])
                if judged[key] is None:
                    continue
                what, line = judged[key]
                ctx.report("MP416", read, f"`{ast.unparse(read)}` waits without a timeout for what "
                           f"`{target.name}` puts, and `{target.name}` can raise before its put ({what}, line {line}): "
                           "the exception ends that process (its traceback is printed there, never sent), and this "
                           "get() waits forever", ALL_METHODS,
                           related=((creation.node, "the worker process"),))
                return


def _blocking_reads(ctx) -> dict:
    """(id(queue), id(function)) -> the first `get()` on that queue in that function that blocks without a timeout."""
    out: dict = {}
    for op in ctx.facts.ops:
        if op.name == "get" and op.obj.kind in QUEUES and not op.node.args and not op.node.keywords:
            out.setdefault((id(op.obj), id(op.where.function)), op.node)
    return out


def _asks_liveness(function) -> bool:
    return any(type(n) is ast.Attribute and n.attr in LIVENESS for n in own_nodes(function))


def _raise_before_put(ctx, target, param: str):
    """(what, line) of a raise on the way to the target's first `param.put(...)`, else None."""
    puts = [n for n in own_nodes(target) if type(n) is ast.Call and type(n.func) is ast.Attribute
            and n.func.attr in ("put", "put_nowait") and type(n.func.value) is ast.Name and n.func.value.id == param]
    if not puts:
        return None
    put = min(puts, key=lambda n: (n.lineno, n.col_offset))
    before = [n for n in own_nodes(target) if type(n) in (ast.Raise, ast.Call) and n is not put and (
        ctx.inside(n, put) or (n.lineno, n.col_offset) < (put.lineno, put.col_offset) and _on_the_way(ctx, n, put))]
    for node in sorted(before, key=lambda n: (n.lineno, n.col_offset)):
        if type(node) is ast.Raise and node.exc is not None:
            return f"`raise {ast.unparse(node.exc)}`", node.lineno
        if type(node) is ast.Call:
            raised = _callee_raise(ctx, node)
            if raised is not None:
                return f"`{ast.unparse(node.func)}(...)` may raise {raised}", node.lineno
    return None


def _callee_raise(ctx, call):
    """The class a function of this or another project module that `call` calls raises in its own code, outside any
    `try` (`raise PermissionError(...)` under a test on its arguments), else None."""
    callee = None
    if type(call.func) is ast.Name:
        callee = next((f for f in ctx.tree.body if type(f) in FUNCS and f.name == call.func.id), None)
    if callee is None and ctx.resolver is not None and hasattr(ctx.resolver, "definition"):
        qualified = ctx.imports.qualify(call.func)
        callee = ctx.resolver.definition(qualified) if qualified else None
    if type(callee) not in FUNCS or any(type(n) in TRIES for n in own_nodes(callee)):
        return None
    for node in own_nodes(callee):
        if type(node) is ast.Raise and node.exc is not None:
            made = node.exc.func if type(node.exc) is ast.Call else node.exc
            return ast.unparse(made)
    return None


def _on_the_way(ctx, node, put) -> bool:
    """Does every way to the put run `node`: it is in the header of a statement enclosing the put (a loop's test or
    iterable), or in a simple statement (or a compound one's header) of a block the put is in, before it?"""
    statement = node
    while statement is not None and not isinstance(statement, ast.stmt):
        statement = ctx.parents.get(statement)
    if statement is None or _in_body(ctx, node, statement):
        return False  # (inside a branch or loop body of its own: not run on every way)
    if ctx.inside(put, statement):
        return True
    holder = ctx.parents.get(statement)
    for field in ("body", "orelse", "finalbody"):
        block = getattr(holder, field, None)
        if type(block) is list and statement in block:
            return any(ctx.inside(put, later) for later in block[block.index(statement) + 1:])
    return False


def _in_body(ctx, node, statement) -> bool:
    """Is `node` inside one of the blocks of the compound `statement` (not its test or header)?"""
    return any(ctx.inside(node, s) for field in ("body", "orelse", "finalbody", "handlers")
               for s in getattr(statement, field, ()) or ())
