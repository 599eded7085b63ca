"""MP210: an object pickle refuses, put on a multiprocessing Queue or sent through a Pipe.

Everything that travels through a Queue or a Pipe is pickled, under every start method. `Connection.send()` pickles
in the caller and raises there. `Queue.put()` only hands the object to the queue's feeder thread, which pickles it
later: the failure is at most printed by that thread (or not at all when the process exits first), `put()` returns
normally, the item never arrives, and the reader's `get()` waits forever (CPython #84376 and #79423; CRABServer
#9014). Observed under fork, spawn and forkserver (tests/test_queue_items.py). Only what the pickler knows is
refused is reported; a queue of a library with its own serializer (multiprocess: dill) judges by that serializer.
"""
from __future__ import annotations

import ast

from mpguard.fixes.arguments import queued_sync_fix
from mpguard.rules.lifecycle import all_ops
from mpguard.semantic import values as V
from mpguard.semantic.boundaries import proxy_call_objects
from mpguard.semantic.platforms import ALL_METHODS

QUEUE_WRITES = {("Queue", "put"), ("Queue", "put_nowait"), ("SimpleQueue", "put"), ("PipeEnd", "send")}
REFUSED = ("unpicklable", "state", "lambda", "local", "sync")


def check(ctx, through) -> None:
    """`through(problem, serializer)`: the problem as the queue's serializer sees it (rules.pickle_reports.through)."""
    seen = set()
    for node, obj, name, args in writes(ctx):
        if obj.kind in proxy_call_objects() and id(node) not in seen:
            seen.add(id(node))
            _proxy_call(ctx, through, node, obj, name, args)
            continue
        if (obj.kind, name) not in QUEUE_WRITES or not args or id(node) in seen:
            continue
        seen.add(id(node))
        if any(type(n) is ast.Subscript for n in ast.walk(args[0][0])):
            continue  # `spec["retries"]`: an item of a container is any of its items to the walker: unsure
        problem = through(ctx.pickler.object_problem(args[0][1], pool_task=True), obj.serializer)
        if problem is None or problem.kind not in REFUSED:
            continue
        if obj.kind == "Queue":
            ctx.report("MP210", node, f"put() hands the queue's feeder thread {problem.what}, which it cannot "
                       f"pickle: {problem.error}; put() returns, the item never arrives and a get() waits forever",
                       ALL_METHODS, error=problem.error,
                       fix=queued_sync_fix(ctx, node, args[0][1]) if problem.kind == "sync" else None)
        else:
            sender = "send()" if obj.kind == "PipeEnd" else "put()"
            ctx.report("MP210", node, f"{sender} pickles {problem.what} and raises: {problem.error}", ALL_METHODS,
                       error=problem.error, fix=queued_sync_fix(ctx, node, args[0][1]) if problem.kind == "sync" else None)


def _proxy_call(ctx, through, node, obj, name, args) -> None:
    """A Manager proxy's method sends every argument to the manager's server process, pickled in the caller
    (data/boundaries.json `proxy_calls`): the first one pickle refuses raises there, under every start method."""
    for expr, value in args:
        if type(expr) is ast.Starred or any(type(n) is ast.Subscript for n in ast.walk(expr)):
            return  # (unsure what is sent: stop at the first argument that is not known as a whole)
        problem = through(ctx.pickler.object_problem(value, pool_task=True), obj.serializer)
        if problem is None or problem.kind not in REFUSED:
            continue
        how = "storing an item into the manager proxy" if name == "__setitem__" else f"the manager proxy's {name}()"
        ctx.report("MP210", node, f"{how} pickles {problem.what} to send it to the manager's server process, "
                   f"and raises: {problem.error}", ALL_METHODS, error=problem.error)
        return


def writes(ctx):
    """(call, object, method, args) of each method call on a multiprocessing object: the module's own, and
    those a function makes on the queue or pipe end its callers (or the Process that runs it) hand it
    (`def worker(out): out.put(item)`), resolved to each object it may be."""
    for op in all_ops(ctx):
        yield op.node, op.obj, op.name, op.args
    for kept in ctx.facts.param_calls:
        if kept.method not in ("put", "put_nowait", "send"):
            continue
        value = ctx.flow.resolve(kept.param)
        for option in value.options if type(value) is V.Union else (value,):
            if type(option) is V.MPObject:
                yield kept.call, option, kept.method, kept.args
