"""logging's dispatch of a record to the handlers of a logger, for a handler class of the project: a logging call
`log.info("state %s", session)` makes a LogRecord whose `msg` and `args` are the call's, and hands it to the
`emit` of each handler added to that logger (CPython Lib/logging/__init__.py: Logger.info -> isEnabledFor ->
_log -> makeRecord -> handle -> callHandlers -> Handler.handle -> filter -> emit). An `emit` that puts the record
on a multiprocessing Queue has it pickled, args and all (concurrent_log #6).

`logging.getLogger(name)` gives the one logger of that name, so the loggers are kept by name. Only what is
certain is followed, else nothing is said:
- a logger whose level its own `setLevel(<constant>)` set (an unset level is its ancestors', which any module
  may configure), at or below the call's level;
- a handler of a project class derived from a logging handler that overrides `emit` and neither `handle` nor
  `filter`, made without a level (its level stays NOTSET), and no `setLevel` call in the module that is not a
  logger's (a handler's own level would be unknown), no filter added anywhere, no `logging.disable`, no
  `removeHandler`, no `setLoggerClass`, no dictConfig or fileConfig (they disable existing loggers), no
  `.disabled`, `.level` or `.filters` set directly and no `.handlers` read;
- what was set up at import or earlier in the same function as the call (the walk's order is the run's there;
  another function may not have run yet).
`log.log(level, ...)` is followed for a constant level; a call with *args is not (its args are unknown)."""
from __future__ import annotations

import ast
from dataclasses import dataclass, field

from mpguard.semantic import values as V
from mpguard.semantic.facts import Effect
from mpguard.semantic.index import module_nodes_of
from mpguard.semantic.logging_setup import CALL_LEVELS, level_of

LOGGER = "logging.Logger"  # the V.Library type of what logging.getLogger gives
# calls anywhere in the module that leave a logger's handlers, filters or enabled state unsure (dictConfig and
# fileConfig disable the loggers that exist by default)
VETOES = frozenset({"addFilter", "removeHandler", "setLoggerClass", "disable", "removeFilter", "setLogRecordFactory",
                    "dictConfig", "fileConfig"})
ATTRIBUTES = frozenset({"filters", "disabled", "level", "handlers"})  # set (or, handlers, read) directly
SKIPPED = frozenset({"handle", "filter"})  # a handler class overriding them decides itself whether emit runs


@dataclass
class _Logger:
    handlers: list = field(default_factory=list)  # (function or None for import time, handler instance, emit)
    levels: list = field(default_factory=list)  # (function or None, level or None when not a constant)


class Loggers:
    """The loggers one walk has met, by name; `made` keeps each logger value (with its name) alive."""

    def __init__(self, tree: ast.Module, qualify):
        self.by_name: dict = {}
        self.named: dict = {}  # id(logger value) -> (value, name)
        self.on_loggers: set = set()  # ids of the setLevel calls made on loggers
        self.qualify = qualify
        calls = [n for n in module_nodes_of(tree, ast.Call) if type(n.func) in (ast.Attribute, ast.Name)]
        names = [n.func.attr if type(n.func) is ast.Attribute else n.func.id for n in calls]
        self.vetoed = any(name in VETOES for name in names) or any(
            n.attr in ATTRIBUTES and (type(n.ctx) is ast.Store or n.attr == "handlers")
            for n in module_nodes_of(tree, ast.Attribute))
        self.set_levels = {id(c) for c, name in zip(calls, names) if name == "setLevel"}

    def logger(self, e: ast.Call, args, kwargs) -> V.Library | None:
        """The value of `logging.getLogger(<constant name>)` (or of the root logger), kept with its name."""
        if kwargs or len(args) > 1:
            return None
        name = "" if not args else args[0][0].value if type(args[0][0]) is ast.Constant \
            and isinstance(args[0][0].value, str) else None
        if name is None:
            return None
        made = V.Library(e, LOGGER, qualified="logging.getLogger")
        self.named[id(made)] = (made, name)
        return made

    def call(self, walker, e: ast.Call, logger: V.Library, method: str, args, kwargs, w) -> list:
        """A method of a logger: kept (addHandler, setLevel), or a logging call: [(emit def, handler, record)]
        for each handler whose `emit` it reaches."""
        known = self.named.get(id(logger))
        if known is None:
            return []
        state = self.by_name.setdefault(known[1], _Logger())
        if method == "setLevel":
            self.on_loggers.add(id(e))
            level = level_of(args[0][0], self.qualify) if len(args) == 1 and not kwargs else None
            state.levels.append((w.function, level))
            return []
        if method == "addHandler":
            # configuring the logger of that name: process state a spawned child does not have (rules/logging_state)
            handler = args[0][1] if len(args) == 1 and not kwargs else None
            walker.facts.effects.append(Effect("logging.handler", e, w, (known[1], handler)))
            emit = _emit_of(walker, handler)
            if emit is not None:
                state.handlers.append((w.function, handler, emit))
            return []
        level, message = _call_level(method, args, self.qualify)
        if level is None or self.vetoed or any(type(a) is ast.Starred for a, _ in args) or None in kwargs \
                or self.set_levels - self.on_loggers:
            return []
        levels = [lv for f, lv in state.levels if f is None or f is w.function]
        if not levels or levels[-1] is None or level < levels[-1]:
            return []
        given = [v for _, v in args[2 if method == "log" else 1:]]
        record = V.Instance(e, None, [], {"msg": message[1], "args": V.Sequence(e, given)}, label="a LogRecord")
        return [(emit, handler, record) for f, handler, emit in state.handlers if f is None or f is w.function]


def _call_level(method: str, args, qualify) -> tuple:
    """(the level, the message's (expr, value)) of a logging call, else (None, None)."""
    if method == "log" and len(args) >= 2:
        return level_of(args[0][0], qualify), args[1]
    if method in CALL_LEVELS and args:
        return CALL_LEVELS[method], args[0]
    return None, None


def _emit_of(walker, handler):
    """The `emit` a handler of a project class overrides, when logging's Handler.handle certainly calls it."""
    if type(handler) is not V.Instance or handler.cls is None or type(handler.cls.definition) is not ast.ClassDef:
        return None
    lineage = walker.facts.lineage(handler.cls.definition)
    if any(type(c) is not ast.ClassDef for c in lineage):
        return None
    own = {f.name: f for c in reversed(lineage) for f in c.body if isinstance(f, ast.FunctionDef)}
    if SKIPPED & own.keys() or "emit" not in own or _sets_level(lineage):
        return None
    bases = [walker.imports.qualify(b) for c in lineage for b in c.bases
             if not (type(b) is ast.Name and b.id in {k.name for k in lineage})]
    if not bases or not all(b and b.startswith("logging.") for b in bases):
        return None
    return own["emit"]


def _sets_level(lineage) -> bool:
    """A handler class that gives its base a level (`super().__init__(level)`) or sets one itself."""
    for cls in lineage:
        for node in ast.walk(cls):
            if type(node) is ast.Call and type(node.func) is ast.Attribute and (
                    node.func.attr == "setLevel" or node.func.attr == "__init__" and (node.args or node.keywords)
                    and not _only_self(node)):
                return True
            if type(node) is ast.Attribute and node.attr == "level" and type(node.ctx) is ast.Store:
                return True
    return False


def _only_self(call: ast.Call) -> bool:
    """`logging.Handler.__init__(self)`: the base's __init__ given only the object."""
    return not call.keywords and len(call.args) == 1 and type(call.args[0]) is ast.Name and call.args[0].id == "self"
