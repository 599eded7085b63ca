"""MP410 at interpreter exit: a `join(timeout)` gave up on a child that is still writing to a queue
nobody reads afterwards.

The child's queue flushes its buffered items through a pipe before the child can exit, so a child that
put more than a pipe buffer blocks until the parent reads. When the parent's `join(timeout)` gives
up and the program ends without reading, multiprocessing's exit handler joins every non-daemonic
child without a timeout: the interpreter never exits (NVIDIA multi-storage-client#178). Said only on
evidence: the child is non-daemonic and never terminated or killed, the queue is read nowhere, and
it goes nowhere else the analysis cannot see (another call, another process, a container); no
`os._exit` skips the exit handler and no `cancel_join_thread()` lets the child drop its data."""
from __future__ import annotations

import ast

from mpguard.semantic import values as V
from mpguard.semantic.index import nodes_in
from mpguard.semantic.platforms import ALL_METHODS
from mpguard.rules.lifecycle import all_ops, creation_of, trip_count, writes_more_than_buffer, buffer_of
from mpguard.rules.read_bounds import read_bound
from mpguard.rules.waits import bounded_wait, integer_arguments

READS = ("get", "recv", "get_nowait", "recv_bytes")
ENDS = ("terminate", "kill")
QUEUES = ("Queue", "SimpleQueue", "PipeEnd")


def check(ctx) -> None:
    joins = [op for op in ctx.facts.ops if op.name == "join" and op.obj.kind == "Process"]
    if not joins or _skips_the_flush(ctx):
        return
    ops = all_ops(ctx)
    for join in joins:
        if not bounded_wait(ctx, join.node) or not ctx.in_parent(join.where) or _daemon_maybe(ctx, join.obj):
            continue
        if any(op.obj is join.obj and (op.name in ENDS or op.name == "join" and not bounded_wait(ctx, op.node))
               for op in ops):
            continue  # ended, or joined for good (MP410 proper when it comes before the read)
        creation = creation_of(ctx, join.obj)
        if creation is None:
            continue
        targets = ctx.definitions_of(creation.target)
        for index, (_expr, value) in enumerate(creation.args):
            value = ctx.flow.resolve(value)
            if not (isinstance(value, V.MPObject) and value.kind in QUEUES):
                continue
            reads = [op for op in ops if op.name in READS and op.obj.node is value.node]
            taken = read_bound(ctx, reads, lambda node, function, bound: trip_count(ctx, node, function, fed=bound)) \
                if reads else 0
            if taken is None or not _stays_here(ctx, value, creation):
                continue  # read an unknown number of times (drained, maybe)
            if not any(writes_more_than_buffer(ctx, t, index, creation, integer_arguments(ctx, creation, t), taken,
                                               buffer=buffer_of(value)) for t in targets):
                continue
            ctx.report("MP410", join.node, f"join(timeout) gives up while the child is still writing to the "
                       f"{value.kind} it was given, and nothing reads {'the rest' if taken else 'it'} afterwards: at exit the interpreter joins "
                       "the child without a timeout, and the child cannot exit until the data is read "
                       "(the program hangs at exit)", ALL_METHODS,
                       related=((value.node, f"the {value.kind} that is never read"),))
            break


def _skips_the_flush(ctx) -> bool:
    """`os._exit()` skips the exit handler; `cancel_join_thread()` lets a child exit with data unsent."""
    key = ("exit_join", "skips")
    if key not in ctx.memo:
        text = ctx.source.text  # most modules name neither: no walk of the whole tree (a fifth of the analysis)
        ctx.memo[key] = ("_exit" in text or "cancel_join_thread" in text) and any(
            isinstance(node, ast.Attribute) and node.attr in ("_exit", "cancel_join_thread") for node in nodes_in(ctx.tree))
    return ctx.memo[key]


def _daemon_maybe(ctx, process) -> bool:
    """Daemonic children are terminated at exit, not joined: `daemon=...` that is not False, or any
    `x.daemon = ...` in the module, counts."""
    if process.daemon:
        return True
    node = process.node
    if isinstance(node, ast.Call) and any(k.arg in ("daemon", None) for k in node.keywords):
        return not any(k.arg == "daemon" and isinstance(k.value, ast.Constant) and k.value.value is False
                       for k in node.keywords)
    key = ("exit_join", "daemon stores")
    if key not in ctx.memo:
        ctx.memo[key] = any(isinstance(n, ast.Attribute) and n.attr == "daemon" and isinstance(n.ctx, ast.Store)
                            for n in nodes_in(ctx.tree))
    return ctx.memo[key]


def _stays_here(ctx, queue, creation) -> bool:
    """The queue is bound to a name, and every read of that name (and of the name its function's
    callers keep its return in) is the Process's arguments, a method call on it, a test or a return."""
    assign = ctx.parents.get(queue.node)
    if not (isinstance(assign, ast.Assign) and len(assign.targets) == 1 and isinstance(assign.targets[0], ast.Name)):
        return False
    return _uses_stay(ctx, assign.targets[0].id, ctx.enclosing_function(assign), creation.node, depth=0)


def _uses_stay(ctx, name: str, func, process_call, depth: int) -> bool:
    for load in ctx.index.loads_of(name):
        if func is not None and load.function is not func:
            if load.function is not None and ctx.inside(load.function, func):
                return False  # a nested function or lambda sees it: what it does with it is not asked
            continue  # another function's own name (a module-level queue: every read counts)
        parent = ctx.parents.get(load.node)
        if isinstance(parent, ast.Attribute) or isinstance(parent, ast.Compare):
            continue  # `q.put(...)`, `q.close()` (reads are ops, asked above); `q is None`
        if isinstance(parent, ast.Tuple) and ctx.inside(parent, process_call):
            continue  # Process(args=(..., q))
        if isinstance(parent, ast.Return) and func is not None and depth < 3:
            for site in ctx.facts.call_sites.get(func, ()):
                kept = ctx.parents.get(site.call)
                if isinstance(kept, ast.Expr):
                    continue
                if not (isinstance(kept, ast.Assign) and len(kept.targets) == 1
                        and isinstance(kept.targets[0], ast.Name)) or site.where is None:
                    return False
                if not _uses_stay(ctx, kept.targets[0].id, site.where.function, process_call, depth + 1):
                    return False
            if func in ctx.facts.call_sites:
                continue
        return False
    return True
