"""Library objects whose pickled state is what the program's configuration calls gave them
(data/boundaries.json `configured_objects`).

Loguru's `logger` pickles its handlers, and each handler the sink `logger.add(sink, ...)` gave it: a path
becomes a file loguru opens for appending (pickle refuses the TextIOWrapper, loguru #190), a stream or a
callable is pickled as it is; a handler added with `enqueue=True` keeps a multiprocessing SimpleQueue instead of
its sink (refused in a pool task: "SimpleQueue objects should only be shared between processes through
inheritance", loguru #1264; fine while a child is spawned).

structlog's loggers: `structlog.get_logger()` makes a lazy proxy that pickles; what `.bind(...)` makes from it
pickles the processors and the logger the factory made that the module's `structlog.configure(...)` set (structlog
#126: `KeyValueRenderer(key_order=...)` keeps a local function; #301: a `WriteLoggerFactory(file=...)` logger refuses
unless it writes to sys.stdout or sys.stderr). The catalog says which constructors make a refused processor or
factory (`refusing`, with the keyword that decides).

The walker records the calls of the module (`record`, `made`, `bound`); the pickler judges the object from them
(semantic/pickled_library_objects.py `_configured`, `_configured_logger`). Only handlers this module added are
judged: the default handler, and what other modules did, are not known (a `remove()` elsewhere may have dropped it).
A call that may change the handlers in a way not followed (`remove(handler_id)`, `configure(...)`, `**options`)
leaves the object unjudged."""
from __future__ import annotations

import ast
from dataclasses import dataclass, field

from mpguard.semantic import values as V
from mpguard.semantic.boundaries import configured_objects


@dataclass
class Handler:
    call: ast.Call
    sink: ast.expr | None
    value: object  # the sink's value, when the walker knows it
    queued: bool  # added with the entry's queue keyword true (`enqueue=True`)
    path: bool  # the sink is a path (a str or Path expression): a file the library opens
    context: bool = False  # the queue's context is given (`context="spawn"`): else the default context makes it


@dataclass
class Configured:
    handlers: list = field(default_factory=list)
    unsure: bool = False  # a call changed the handlers in a way not followed
    settings: list = field(default_factory=list)  # [(keyword, expr, value)] of each `configure(...)` call


PROXY = "configured proxy"  # V.Library types: what `get_logger()` makes, and what `.bind()` makes from it
BOUND = "configured logger"


def made(e: ast.Call, qualified: str):
    """`structlog.get_logger(name)`: a lazy proxy of the entry whose `makes` lists the call, else None."""
    for owner, entry in configured_objects().items():
        if qualified in entry.get("makes", ()):
            return V.Library(e, PROXY, qualified=owner)
    return None


def bound(e: ast.Call, receiver, method: str):
    """`.bind(...)` on a proxy or a bound logger: the bound logger (pickled with the configured state)."""
    entry = configured_objects().get(receiver.qualified, {})
    if method in entry.get("binds", ()):
        return V.Library(e, BOUND, qualified=receiver.qualified)
    return None


def record(walker, e: ast.Call, qualified: str, args, kwargs, w) -> None:
    """`logger.add(...)`, `logger.remove(...)`, `logger.configure(...)` of a catalog singleton."""
    for owner, entry in configured_objects().items():
        if qualified in entry.get("configures", ()):  # `structlog.configure(processors=[...])`
            state = walker.facts.configured.setdefault(owner, Configured())
            if None in kwargs or args:
                state.unsure = True  # settings not followed
            state.settings.extend((name, expr, value) for name, (expr, value) in kwargs.items()
                                  if name in entry.get("pickled", ()))
            return
    owner, _, method = qualified.rpartition(".")
    entry = configured_objects().get(owner)
    if entry is None:
        return
    state = walker.facts.configured.setdefault(owner, Configured())
    if method == entry.get("adds"):
        if None in kwargs or any(type(a) is ast.Starred for a, _v in args):
            state.unsure = True  # `logger.add(**options)`: its sink and keywords are not known
            return
        sink = entry.get("sink", {})
        pair = kwargs.get(sink.get("keyword")) or (args[0] if args else None)
        queue = kwargs.get(entry.get("queue"))
        if queue is not None and not (type(queue[0]) is ast.Constant and type(queue[0].value) is bool):
            state.unsure = True  # `enqueue=options.enqueue`
            return
        expr = pair[0] if pair is not None else None
        state.handlers.append(Handler(e, expr, pair[1] if pair is not None else None,
                                      bool(queue is not None and queue[0].value),
                                      _a_path(expr, walker, w, entry.get("path_makers", ())),
                                      entry.get("queue_context") in kwargs))
    elif method == entry.get("removes"):
        if args or kwargs:  # `logger.remove(handler_id)`: which one is not followed
            state.unsure = True
    elif method in entry.get("unsure", ()):
        state.unsure = True


def _a_path(expr, walker, w, makers) -> bool:
    """A str (or Path) expression: a literal, an f-string, `os.path.join(...)`, `Path(...)`, `base / "x.log"`;
    a name bound only to such expressions in its function (or in the module)."""
    kind = type(expr)
    if kind is ast.Constant:
        return type(expr.value) is str
    if kind is ast.JoinedStr:
        return True
    if kind is ast.BinOp and type(expr.op) in (ast.Add, ast.Div, ast.Mod):
        return _a_path(expr.left, walker, w, makers)
    if kind is ast.Call:
        if type(expr.func) is ast.Attribute and expr.func.attr == "format":  # `"{}.log".format(name)`
            return _a_path(expr.func.value, walker, w, makers)
        return (walker.imports.qualify(expr.func) or getattr(expr.func, "id", None)) in makers
    if kind is ast.Name:
        scope = w.function if w.function is not None else walker.tree
        bound = [n.value for n in ast.walk(scope) if type(n) is ast.Assign and len(n.targets) == 1
                 and type(n.targets[0]) is ast.Name and n.targets[0].id == expr.id]
        return bool(bound) and all(type(b) is not ast.Name and _a_path(b, walker, w, makers) for b in bound)
    return False


def default_context_queue(state: Configured | None) -> Handler | None:
    """The first handler whose queue the default context made (`enqueue=True` without `context=`), when the
    module's calls are all followed: handed to the workers of a spawn or forkserver context, it fails where the
    default is fork ("A SemLock created in a fork context is being shared with a process in a spawn context")."""
    if state is None or state.unsure:
        return None
    return next((h for h in state.handlers if h.queued and not h.context), None)
