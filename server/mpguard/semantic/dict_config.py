"""What `logging.config.dictConfig(CONFIG)` sets up, when CONFIG is a dict display (written at the call, or a name
bound once to one): for each logger it names (`"loggers"`, and `"root"` for the root logger ""), the levels it
keeps records from and where each of its handlers writes them (semantic/logging_setup.LoggingSetup, one per
handler), read from the schema of the standard library's dictConfig: a handler's `"class"` (a dotted name:
`"logging.FileHandler"`, `"logging.handlers.RotatingFileHandler"`, a `StreamHandler` with `"stream":
"ext://sys.stdout"`), its `"level"`, and the logger's `"level"` (a named logger without one takes the root's, the
root's default is WARNING). Anything not spelled out as constants (a `"()"` factory, `"incremental": True`, a level
from a variable, a key that is not a string) is unknown: no setup is given for it (precision first)."""
from __future__ import annotations

import ast

from mpguard.semantic.local_values import own_nodes
from mpguard.semantic.logging_setup import ELSEWHERE_HANDLERS, LEVELS, WARNING, LoggingSetup, bound_in

DICT_CONFIG = "logging.config.dictConfig"


def dict_config_setups(func, qualify, global_value=lambda name: None) -> list:
    """[(call, LoggingSetup)] of the `dictConfig(...)` calls a function (or a module's own code) makes."""
    out = []
    for node in own_nodes(func):
        if type(node) is ast.Call and qualify(node.func) == DICT_CONFIG and len(node.args) == 1 and not node.keywords:
            config = _literal(bound_in(func, node.args[0], global_value))
            out += [(node, setup) for setup in _setups(config)] if isinstance(config, dict) else []
    return out


def _setups(config: dict) -> list:
    if config.get("incremental") or not isinstance(config.get("handlers", {}), dict):
        return []
    handlers = config.get("handlers", {})
    root = config.get("root") if isinstance(config.get("root"), dict) else None
    root_level = root.get("level", "WARNING") if root is not None else WARNING
    loggers = [("", root)] if root is not None else []
    if isinstance(config.get("loggers"), dict):
        loggers += [(name, spec) for name, spec in config["loggers"].items() if isinstance(spec, dict)]
    levels = {name: spec["level"] for name, spec in loggers if "level" in spec}
    out = []
    for name, spec in loggers:
        level = _level(_inherited(name, levels, root_level))
        if level is None or "()" in spec or not isinstance(spec.get("handlers", []), list):
            continue
        for handler_name in spec.get("handlers", []):
            handler = handlers.get(handler_name) if isinstance(handler_name, str) else None
            if not isinstance(handler, dict) or "()" in handler:
                continue
            handler_level = _level(handler["level"]) if "level" in handler else 0
            destination = _destination(handler)
            if handler_level is None or destination is None:
                continue
            out.append(LoggingSetup(frozenset({max(level, handler_level)}), destination, name))
    return out


def _inherited(name: str, levels: dict, root_level):
    """The level a logger of the config has: its own, else its nearest ancestor's in the config, else the root's."""
    while name:
        if name in levels:
            return levels[name]
        name = name.rpartition(".")[0]
    return levels.get("", root_level)


def _destination(handler: dict) -> str | None:
    cls = handler.get("class")
    if cls in ELSEWHERE_HANDLERS:
        return "elsewhere"
    if cls == "logging.StreamHandler":
        stream = handler.get("stream", "ext://sys.stderr")
        return "stderr" if stream == "ext://sys.stderr" else "elsewhere" if stream == "ext://sys.stdout" else None
    return None


def _level(value) -> int | None:
    if type(value) is int and not isinstance(value, bool):
        return value
    return LEVELS.get(value) if isinstance(value, str) else None


UNKNOWN = object()


def _literal(expr):
    """The Python value of a display of constants (dicts, lists, strings, numbers); UNKNOWN inside where a part
    is not one (the config's other parts can still be read)."""
    if type(expr) is ast.Constant:
        return expr.value
    if type(expr) is ast.Dict:
        if any(k is None or type(k) is not ast.Constant for k in expr.keys):
            return UNKNOWN
        return {k.value: _literal(v) for k, v in zip(expr.keys, expr.values)}
    if type(expr) in (ast.List, ast.Tuple):
        return [_literal(e) for e in expr.elts]
    return UNKNOWN
