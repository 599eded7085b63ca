"""What a logging configuration call sets up, and at which level a logging call records: enough to say
whether a spawned child, whose root logger nobody configured, loses records the parent would keep.

An unconfigured root logger has the level WARNING and no handler; `logging.lastResort` then writes
records of WARNING and above to stderr. So a child loses a record of level L that the parent's
configuration keeps when L is below WARNING, or when the parent sends records somewhere other than
stderr (a file, stdout). Levels and destinations are read only when they are constants (or either arm
of `a if c else b`); anything else is unknown, and the rule then says nothing.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass

from mpguard.semantic import values as V
from mpguard.semantic.local_values import binds, local_values, own_nodes

WARNING = 30
LEVELS = {"CRITICAL": 50, "FATAL": 50, "ERROR": 40, "WARNING": 30, "WARN": 30, "INFO": 20, "DEBUG": 10, "NOTSET": 0}
# the level each method of a logger (or of the `logging` module) records at; `log(level, ...)` is not read
CALL_LEVELS = {"debug": 10, "info": 20, "warning": 30, "warn": 30, "error": 40, "exception": 40, "critical": 50,
               "fatal": 50}


@dataclass(frozen=True)
class LoggingSetup:
    """`levels`: the levels from which the configured logger may keep records (None: unknown); `destination`:
    "stderr", "elsewhere" (a file, another stream), or None (unknown: handlers, a dict or file configuration);
    `logger`: the name of the logger configured ("" the root: `basicConfig`), whose records and those of the
    loggers below it (`ccb.injest` below `ccb`) reach its handlers."""

    levels: frozenset | None
    destination: str | None
    logger: str = ""


def setup_of(qualified: str, kwargs: dict) -> LoggingSetup:
    """What `logging.basicConfig(**kwargs)` sets up (kwargs: name -> (expression, value)); the
    dictConfig/fileConfig calls are unknown."""
    if qualified != "logging.basicConfig":
        return LoggingSetup(None, None)
    levels = frozenset({WARNING}) if "level" not in kwargs else _levels(kwargs["level"][1])
    if "handlers" in kwargs:
        destination = None
    elif "filename" in kwargs:
        destination = "elsewhere"
    elif "stream" in kwargs:
        stream = kwargs["stream"][1]
        destination = ("stderr" if stream.qualified == "sys.stderr" else "elsewhere") \
            if type(stream) is V.ModuleRef else None
    else:
        destination = "stderr"
    return LoggingSetup(levels, destination)


def _levels(value) -> frozenset | None:
    options = value.options if type(value) is V.Union else [value]
    out = set()
    for option in options:
        level = _level(option)
        if level is None:
            return None
        out.add(level)
    return frozenset(out) or None


def _level(value) -> int | None:
    if type(value) is V.ModuleRef and value.qualified.startswith("logging."):
        return LEVELS.get(value.qualified[len("logging."):])
    node = getattr(value, "node", None)
    if type(value) is V.Constant and isinstance(node, ast.Constant):
        if isinstance(node.value, int) and not isinstance(node.value, bool):
            return node.value
        if isinstance(node.value, str):
            return LEVELS.get(node.value.upper())
    return None


def child_loses(setup: LoggingSetup | None, record_levels) -> bool:
    """Whether a child that records at these levels (None: a level not known) surely loses one that
    every configuration the parent may make keeps."""
    if setup is None or setup.levels is None:
        return False
    kept_from = max(setup.levels)  # a record below the highest possible level may be dropped anyway
    for level in record_levels:
        if level is None or level < kept_from:
            continue
        if level < WARNING or setup.destination == "elsewhere":
            return True
    return False


# handler classes of the standard library whose records go somewhere other than stderr: a file, a socket, a
# queue, mail, the system log (a StreamHandler writes to the stream it is given, stderr by default)
ELSEWHERE_HANDLERS = frozenset({
    "logging.FileHandler", "logging.handlers.RotatingFileHandler", "logging.handlers.TimedRotatingFileHandler",
    "logging.handlers.WatchedFileHandler", "logging.handlers.QueueHandler", "logging.handlers.SocketHandler",
    "logging.handlers.DatagramHandler", "logging.handlers.SysLogHandler", "logging.handlers.HTTPHandler",
    "logging.handlers.SMTPHandler"})
CONFIGURING = frozenset({"logging.basicConfig", "logging.config.dictConfig", "logging.config.fileConfig"})


def level_of(expr, qualify) -> int | None:
    """The level a constant expression names: `logging.INFO`, `20`, `"INFO"`; None for anything else."""
    if type(expr) is ast.Constant and type(expr.value) is int:
        return expr.value
    if type(expr) is ast.Constant and isinstance(expr.value, str):
        return LEVELS.get(expr.value)  # (a name logging does not know, "info", raises: no level at all)
    qualified = qualify(expr) if type(expr) is ast.Attribute else None
    if qualified and qualified.startswith("logging.") and qualified[8:] in LEVELS:
        return LEVELS[qualified[8:]]
    return None


def configured_loggers(func, qualify, global_value=lambda name: None) -> list:
    """[(call, LoggingSetup)]: the loggers a function (or a module's own code, its main guard included)
    configures itself, read from its syntax tree alone (a function of another module, which no walk of this one
    visits; `qualify`: that module's import map; `global_value(name)`: the one expression the module binds a
    global to, else None): `logging.basicConfig(...)` (the root logger) and `<logger>.addHandler(<handler>)` on
    a logger of a constant name (`logging.getLogger("ccb")`, directly or through a name bound once), its levels
    those of the logger's and the handler's `setLevel(<constant>)` calls in the function (none: the root's
    default WARNING), its destination the handler's class (ELSEWHERE_HANDLERS, a StreamHandler's stream)."""
    def bound(expr):
        return bound_in(func, expr, global_value)
    out = []
    for node in own_nodes(func):
        if type(node) is not ast.Call or type(node.func) not in (ast.Attribute, ast.Name):
            continue
        if qualify(node.func) == "logging.basicConfig":
            kwargs = {k.arg: k.value for k in node.keywords if k.arg is not None}
            out.append((node, _basic_config(node, kwargs, qualify)))
        elif type(node.func) is ast.Attribute and node.func.attr == "addHandler" and len(node.args) == 1 \
                and not node.keywords:
            name = logger_name(bound(node.func.value), qualify)
            if name is not None:
                levels = _levels_set(func, node.func.value, qualify, bound)
                handler_levels = _levels_set(func, node.args[0], qualify, bound, default=None)
                if levels is False or handler_levels is False:
                    levels = None  # (a level set from a variable: unknown)
                elif handler_levels:  # a handler's own level drops the records below it, in the parent too
                    levels = frozenset(max(a, b) for a in levels for b in handler_levels)
                destination = _destination(bound(node.args[0]), qualify)
                if destination is None:  # (a NullHandler, a class of the project: what the parent keeps is unknown)
                    levels = None
                out.append((node, LoggingSetup(levels, destination, name)))
    return out


def logger_levels(scope, logger, qualify, global_value=lambda name: None) -> frozenset | None:
    """The levels from which the logger `logger` (an expression in `scope`, a function or a module's own code)
    passes records on, as the `setLevel(<constant>)` calls on it in `scope` set them (none: the root's default
    WARNING); None when one is not a constant."""
    levels = _levels_set(scope, logger, qualify, lambda expr: bound_in(scope, expr, global_value))
    return None if levels is False else levels


def configures_logging(func, qualify) -> bool:
    """Does the function configure any logging itself (a configuring call of logging, or a handler added to
    any logger)? A child that runs it keeps its records its own way."""
    for node in own_nodes(func):
        if type(node) is ast.Call and (type(node.func) is ast.Attribute and node.func.attr == "addHandler"
                                       or qualify(node.func) in CONFIGURING):
            return True
    return False


def logger_name(expr, qualify) -> str | None:
    """The name of the logger `logging.getLogger(<constant>)` gives ("" for the root); None for another call."""
    if type(expr) is not ast.Call or qualify(expr.func) != "logging.getLogger" or expr.keywords or len(expr.args) > 1:
        return None
    if not expr.args:
        return ""
    first = expr.args[0]
    return first.value if type(first) is ast.Constant and isinstance(first.value, str) else None


def reaches(record_logger: str, configured: str) -> bool:
    """Does a record of the logger `record_logger` pass through `configured`'s handlers (the logger itself or
    one above it in the dotted hierarchy; the root is above all)?"""
    return configured == "" or record_logger == configured or record_logger.startswith(configured + ".")


def bound_in(scope, expr, global_value):
    """The one expression a name is bound to where `scope` (a function, or a module's own code) reads it: its
    local binding, or the module's global when the function does not bind the name; else `expr` itself."""
    if type(expr) is not ast.Name:
        return expr
    if isinstance(scope, ast.Module):
        values = _module_values(scope, expr.id)
    elif binds(scope, expr.id):
        values = local_values(scope, expr.id)
    else:
        values = [global_value(expr.id)]
    return values[0] if values is not None and len(values) == 1 and values[0] is not None else expr


def _module_values(module, name: str) -> list | None:
    """The plain assignments of a module's own code (its top and the blocks there, the main guard's included)
    to `name`, when nothing else binds it there and no function declares it global."""
    values, stores = [], 0
    for node in own_nodes(module):
        if type(node) is ast.Assign:
            values += [node.value for t in node.targets if type(t) is ast.Name and t.id == name]
        elif type(node) is ast.Name and type(node.ctx) is not ast.Load and node.id == name:
            stores += 1
        elif type(node) in (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef) \
                and name in ({a.asname or a.name.partition(".")[0] for a in node.names}
                             if type(node) in (ast.Import, ast.ImportFrom) else {node.name}):
            return None
    if stores != len(values) or any(type(n) is ast.Global and name in n.names for n in ast.walk(module)):
        return None
    return values or None


def _levels_set(func, target, qualify, bound, default=frozenset({WARNING})):
    """The levels `target.setLevel(<constant>)` calls in `func` set (the same name, or the same logger asked
    for again): `default` when there are none, False when one is not a constant."""
    key = _same(target, qualify, bound)
    levels = set()
    for node in own_nodes(func):
        if type(node) is ast.Call and type(node.func) is ast.Attribute and node.func.attr == "setLevel" \
                and _same(node.func.value, qualify, bound) == key:
            level = level_of(node.args[0], qualify) if len(node.args) == 1 and not node.keywords else None
            if level is None:
                return False
            levels.add(level)
    return frozenset(levels) if levels else default


def _same(expr, qualify, bound):
    """What `expr` is, to tell two mentions of one object apart from others: a logger's name, or a name."""
    name = logger_name(bound(expr), qualify)
    if name is not None:
        return ("logger", name)
    return ("name", expr.id) if type(expr) is ast.Name else ("node", id(expr))


def _destination(made, qualify) -> str | None:
    """Where a handler made by the call `made` writes: "stderr", "elsewhere", or None when not known."""
    if type(made) is not ast.Call:
        return None
    qualified = qualify(made.func)
    if qualified in ELSEWHERE_HANDLERS:
        return "elsewhere"
    if qualified == "logging.StreamHandler":
        stream = made.args[0] if made.args else next((k.value for k in made.keywords if k.arg == "stream"), None)
        if stream is None or qualify(stream) == "sys.stderr":
            return "stderr"
        return "elsewhere" if qualify(stream) == "sys.stdout" else None
    return None


def _basic_config(call, kwargs: dict, qualify) -> LoggingSetup:
    """`setup_of` read from the syntax tree."""
    if call.args:
        return LoggingSetup(None, None)
    if "level" in kwargs:
        level = level_of(kwargs["level"], qualify)
        levels = frozenset({level}) if level is not None else None
    else:
        levels = frozenset({WARNING})
    if "handlers" in kwargs:
        destination = None
    elif "filename" in kwargs:
        destination = "elsewhere"
    elif "stream" in kwargs:
        stream = qualify(kwargs["stream"]) if type(kwargs["stream"]) is ast.Attribute else None
        destination = "stderr" if stream == "sys.stderr" else "elsewhere" if stream == "sys.stdout" else None
    else:
        destination = "stderr"
    return LoggingSetup(levels, destination)
