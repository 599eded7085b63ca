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

WARNING = 30
LEVELS = {"CRITICAL": 50, "FATAL": 50, "ERROR": 40, "WARNING": 30, "WARN": 30, "INFO": 20, "DEBUG": 10, "NOTSET": 0}
# the level each method of a logger (or of the `logging` module) records at; `log(level, ...)` is not read
CALL_LEVELS = {"debug": 10, "info": 20, "warning": 30, "warn": 30, "error": 40, "exception": 40, "critical": 50,
               "fatal": 50}


@dataclass(frozen=True)
class LoggingSetup:
    """`levels`: the root levels the call may set (None: unknown); `destination`: "stderr", "elsewhere"
    (a file, another stream), or None (unknown: handlers, a dict or file configuration)."""

    levels: frozenset | None
    destination: str | None


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
