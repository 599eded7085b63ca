"""MP208 for an exception object that is not raised but sent as a value (ruffus PR #67: `RethrownJobError([])` made in
the parent and logged through a Manager proxy). pickle accepts any exception in the sender (it keeps the class and
`args`); the receiver rebuilds it as `cls(*args)`, and a class whose __init__ needs arguments that `args` does not
hold raises TypeError there: the manager's server answers the proxy call with `RemoteError`, a Queue's `get()` or a
Pipe's `recv()` raises in the reader, a pool worker cannot rebuild its task (a Pool loses it and hangs, an executor
breaks). The same in every start method; a Process's arguments only where they are pickled (not under fork).

Which classes cannot be rebuilt is MP208's own test for a raised exception (rules/task_results.sent_exception_judged);
the class must surely derive from BaseException (pickle rebuilds any other object without calling __init__). An
exception caught in an `except` clause and put on a queue is rules/queued_exceptions'; one a task returns is MP207's.
The sending calls: every method of a Manager proxy (also a proxy another module's function returns:
`ModuleSummary.proxies`), Queue and Pipe writes, the arguments of a pool's task and of a Process."""
from __future__ import annotations

import ast

from mpguard.resolve.project import results_summary
from mpguard.rules.task_results import sent_exception_judged
from mpguard.semantic import values as V
from mpguard.semantic.boundaries import proxy_call_objects
from mpguard.semantic.platforms import ALL_METHODS
from mpguard.semantic.returned_proxies import WHOLE

QUEUE_WRITES = {("Queue", "put"), ("Queue", "put_nowait"), ("SimpleQueue", "put"), ("JoinableQueue", "put"),
                ("PipeEnd", "send")}


def check(ctx, writes, not_fork) -> None:
    """`writes`: (call, object, method, args) of the module's method calls on multiprocessing objects
    (rules/queue_items.writes); `not_fork(method)`: the start methods that pickle a Process's arguments."""
    seen: set = set()
    for node, obj, name, args in writes:
        if obj.serializer not in (None, "pickle") or id(node) in seen:
            continue
        if obj.kind in proxy_call_objects():
            seen.add(id(node))
            _sent(ctx, node, args, f"the manager proxy's {name}()", "the manager's server", "the call raises "
                  "multiprocessing.managers.RemoteError", ALL_METHODS)
        elif (obj.kind, name) in QUEUE_WRITES and args:
            seen.add(id(node))
            reader = "recv()" if obj.kind == "PipeEnd" else "get()"
            _sent(ctx, node, args[:1], f"{name}()", f"the reader's {reader}", "it raises there", ALL_METHODS)
    for node, name, args in _foreign_proxy_calls(ctx):
        if id(node) not in seen:
            seen.add(id(node))
            _sent(ctx, node, args, f"the manager proxy's {name}()", "the manager's server", "the call raises "
                  "multiprocessing.managers.RemoteError", ALL_METHODS)
    for submit in ctx.facts.submits:
        if submit.pool.serializer in (None, "pickle") and submit.pool.boundary is None and id(submit.node) not in seen:
            seen.add(id(submit.node))
            _sent(ctx, submit.node, submit.args, f"{submit.method_name}()", "the pool's worker",
                  "the task never runs (a Pool hangs, an executor breaks)", ALL_METHODS)
    for creation in ctx.facts.creations:
        if creation.kind == "Process" and creation.value.boundary is None and id(creation.node) not in seen:
            seen.add(id(creation.node))
            _sent(ctx, creation.node, creation.args, "Process(...)", "the child",
                  "it fails before the target runs", ctx.breaks(creation.method, not_fork, creation.value.elsewhere))


def _sent(ctx, node, args, how: str, where: str, then: str, methods) -> None:
    """Report the first argument of `args` ([(expr, value)]) that is an exception pickle cannot rebuild."""
    if not methods:
        return
    for expr, value in args:
        if type(expr) is ast.Starred or value is None:
            continue
        found = sent_exception_judged(ctx, _single(ctx, value))
        if found is None:
            continue
        name, reason, error = found
        ctx.report("MP208", node, f"{how} sends a `{name}`, which {reason}: pickle sends it, but {where} cannot "
                   f"rebuild it: {error}; {then}", methods, error=error)
        return


def _single(ctx, value):
    """What `value` surely is: itself resolved, when that is one value (not one of several)."""
    if type(value) in (V.Param, V.CallResult, V.Element):
        value = ctx.flow.resolve(value)
    return None if type(value) is V.Union else value


def _foreign_proxy_calls(ctx):
    """(call, method, args) of the method calls made on a Manager proxy that another project module's function
    returns (`logger = make_logger_proxy()`, `proxy, manager = make_shared_logger_and_proxy(name)`): asked of that
    function's summary only for a call that sends something (`ModuleSummary.proxies`)."""
    if ctx.resolver is None:
        return
    for call, qualified, args, kwargs, _where in ctx.facts.project_calls:
        receiver = ctx.facts.receivers.get((id(call), qualified))
        if type(receiver) is V.Returned and _sends_one(ctx, args) and _returns_proxy(ctx, receiver.qualified, WHOLE):
            yield call, qualified.rpartition(".")[2], list(args)
    for item in ctx.facts.result_calls:
        held = item.param
        if type(held) is V.Element and held.unpacked and type(held.of) is V.Returned \
                and isinstance(held.key, ast.Constant) and type(held.key.value) is int \
                and _sends_one(ctx, item.args) and _returns_proxy(ctx, held.of.qualified, held.key.value):
            yield item.call, item.method, list(item.args)


def _sends_one(ctx, args) -> bool:
    """Is one of `args` an exception pickle cannot rebuild? Asked first: what another module's function returns is
    then read only for the few calls that send one (its results summary is built on demand, issue 16)."""
    return any(type(expr) is not ast.Starred and value is not None
               and sent_exception_judged(ctx, _single(ctx, value)) is not None for expr, value in args)


def _returns_proxy(ctx, qualified: str, at: int) -> bool:
    answers = ctx.memo.setdefault("returned proxies", {})
    if qualified not in answers:
        summary, name = results_summary(ctx.resolver, qualified)
        answers[qualified] = getattr(summary, "proxies", {}).get(name, frozenset()) if summary is not None \
            else frozenset()
    return at in answers[qualified]
