"""A worker loop that calls a function the caller gives and sends what it raised on a queue (gwpy's
`multiprocess_with_queues` before PR #419: `Process(target=_process_in_out_queues, args=(func, q_in, q_out))`, whose
loop runs `q_out.put((idx, func(arg)))` in a `try` and `q_out.put((idx, exc))` in its `except Exception as exc:`).
What the caller's function raises is pickled by the child's queue: one pickle refuses (a SAXParseException keeping
its parser's file) never reaches the reader, one it cannot rebuild fails the reader's get().

The helper's summary names the parameter of the function that makes the Process and the names the sending handler
catches by: a sink of role "caught-sent" (`catches`; rules/caught_sends judges the caller's function). Only the
straight shape: the target is a function of this module called by the Process with that parameter at the position
of its own parameter, the handler is the first of its `try`, and the parameter is called in that `try`'s body."""
from __future__ import annotations

import ast

from mpguard.resolve.project import Sink
from mpguard.rules.caught_results import held_caught, innermost_try
from mpguard.rules.queue_items import writes
from mpguard.semantic import values as V

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
SENDS = {("Queue", "put"), ("Queue", "put_nowait"), ("SimpleQueue", "put"), ("JoinableQueue", "put"),
         ("PipeEnd", "send")}


def caught_sent_sinks(ctx, tree: ast.Module, summary) -> None:
    top = {f: f.name for f in tree.body if isinstance(f, FUNCS)}
    called = _called_and_sent(ctx)
    if not called:
        return
    for creation in ctx.facts.creations:
        target, maker = creation.target, creation.where.function
        if creation.kind != "Process" or maker not in top or type(target) is not V.Callable:
            continue
        for param, catches, line in called.get(target.definition, ()):
            position = _position(target.definition, param)
            if position is None or position >= len(creation.args):
                continue
            given = creation.args[position][1]
            if type(given) is V.Param and given.function is maker and given.kind == "positional":
                summary.sinks.setdefault(top[maker], []).append(
                    Sink(given.name, given.kind, "caught-sent", creation.method, line, catches=catches))


def _called_and_sent(ctx) -> dict:
    """def -> [(parameter, the names the sending handler catches by, the send's line)]: the def calls its parameter
    in the body of a `try` whose first handler sends the exception it binds on a queue or pipe."""
    out: dict = {}
    for node, obj, name, args in writes(ctx):
        if (obj.kind, name) not in SENDS or not args or obj.serializer not in (None, "pickle"):
            continue
        for caught in held_caught(ctx, ctx.flow.resolve(args[0][1])):
            trial, handler = caught.trial, caught.handler
            function = ctx.enclosing_def(trial) if trial is not None else None
            if function is None or handler is None or handler is not trial.handlers[0]:
                continue
            catches = _handler_names(handler)
            if catches is None:
                continue
            params = {a.arg for a in (*function.args.posonlyargs, *function.args.args)}
            for stmt in trial.body:
                for call in ast.walk(stmt):
                    if type(call) is ast.Call and type(call.func) is ast.Name and call.func.id in params \
                            and innermost_try(ctx, call, function) is trial:
                        out.setdefault(function, []).append((call.func.id, catches, node.lineno))
    return out


def _handler_names(handler: ast.ExceptHandler) -> tuple | None:
    """The names the handler's types are written by (`except (OSError, errors.Timeout)`); ("",) for a bare
    `except:`; None when one is not a plain name."""
    if handler.type is None:
        return ("",)
    types = handler.type.elts if type(handler.type) is ast.Tuple else [handler.type]
    names = tuple(t.id if type(t) is ast.Name else t.attr if type(t) is ast.Attribute else None for t in types)
    return None if None in names else names


def _position(function, param: str) -> int | None:
    names = [a.arg for a in (*function.args.posonlyargs, *function.args.args)]
    return names.index(param) if param in names else None
