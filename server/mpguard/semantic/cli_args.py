"""What a program's settings are when nobody passes any: argparse's defaults (`args.workers` after
`add_argument("--workers", type=int, default=4)`), an environment variable's default
(`os.environ.get("RELOAD", "1")`) and a comparison of two such constants (`... == "1"`).

A program run as written (the way its author, its tests and a user without flags run it) takes these
values, so a hazard they decide (`uvicorn.run(app, workers=args.workers)`) is reachable with them. A
value the user may give instead stays unknown: nothing is assumed about it."""
from __future__ import annotations

import ast

from mpguard.semantic import values as V

PARSER = "ArgumentParser"  # the V.Library type of an argparse parser (or one of its groups)
PARSER_MAKERS = frozenset({"argparse.ArgumentParser"})
# objects that are their keyword arguments as attributes: fields without a class of this module
NAMESPACES = frozenset({"argparse.Namespace", "types.SimpleNamespace"})
ENVIRONMENT_GETTERS = frozenset({"os.environ.get", "os.getenv"})
GROUPS = frozenset({"add_argument_group", "add_mutually_exclusive_group"})
_FLAGS = {"store_true": False, "store_false": True}


def literal(value):
    """The Python constant a value is (`(True, x)`), or (False, None) when it is not one."""
    node = getattr(value, "node", None)
    if type(value) is V.Constant and isinstance(node, ast.Constant):
        return True, node.value
    return False, None


def constant(at: ast.AST, python_value) -> V.Constant:
    """A constant the program computes (a default converted by `type=int`, a comparison's result),
    placed at the expression that gives it."""
    node = ast.copy_location(ast.Constant(python_value), at)
    node.end_lineno, node.end_col_offset = getattr(at, "end_lineno", None), getattr(at, "end_col_offset", None)
    return V.Constant(node, 8)


def new_parser(e: ast.Call, defaults: dict, shared: dict | None = None) -> V.Library:
    """`argparse.ArgumentParser()` (or a group of one, which adds to the same parser: `shared`)."""
    parser = V.Library(e, PARSER)
    defaults[id(parser)] = shared if shared is not None else {}
    return parser


def namespace(e: ast.Call, kwargs) -> V.Instance:
    """`Namespace(n=4, transforms=[f])`, `SimpleNamespace(...)`: an object whose attributes are the keywords."""
    return V.Instance(e, None, [], {k: v for k, (_expr, v) in kwargs.items() if k is not None})


def environment_default(qualified: str, args):
    """`os.environ.get(name, default)` / `os.getenv(name, default)`: the default, when it is a constant."""
    if qualified in ENVIRONMENT_GETTERS and len(args) == 2 and type(args[1][1]) is V.Constant:
        return args[1][1]
    return None


def compared(e: ast.Compare, left, right):
    """`a == b` / `a != b` of two constants: its result, a constant too (else None)."""
    if len(e.ops) != 1 or not isinstance(e.ops[0], (ast.Eq, ast.NotEq)):
        return None
    (known_left, a), (known_right, b) = literal(left), literal(right)
    if not (known_left and known_right) or type(a) not in (str, int, bool) or type(b) not in (str, int, bool):
        return None
    return constant(e, (a == b) if isinstance(e.ops[0], ast.Eq) else (a != b))


def parser_call(defaults: dict, e: ast.Call, parser: V.Library, method: str, args, kwargs):
    """A method of a parser: an argument recorded with its default, a group, or the namespace that
    `parse_args()` gives (an Instance without a class, whose fields are the defaults)."""
    table = defaults.get(id(parser))
    if table is None:
        return None
    if method == "add_argument":
        dest = _dest(args, kwargs)
        if dest is not None:
            table[dest] = _default(e, kwargs)
        return None
    if method == "set_defaults":
        table.update((k, v) for k, (_expr, v) in kwargs.items() if k is not None)
        return None
    if method in GROUPS:
        return new_parser(e, defaults, table)
    if method == "parse_args":
        return V.Instance(e, None, [], dict(table))
    if method == "parse_known_args":
        return V.Sequence(e, [V.Instance(e, None, [], dict(table)), V.Sequence(e, [])])
    return None


def _dest(args, kwargs) -> str | None:
    if "dest" in kwargs:
        known, name = literal(kwargs["dest"][1])
        return name if known and isinstance(name, str) else None
    names = [expr.value for expr, _value in args if isinstance(expr, ast.Constant) and isinstance(expr.value, str)]
    if not names or len(names) != len(args):
        return None
    long = next((n for n in names if n.startswith("--")), None)
    chosen = long[2:] if long else names[0].lstrip("-")
    return chosen.replace("-", "_") or None


def _default(e: ast.Call, kwargs):
    """The value `args.<dest>` has when the option is not given; None when not known."""
    if "default" not in kwargs:
        action = kwargs.get("action")
        known, name = literal(action[1]) if action is not None else (False, None)
        return constant(e, _FLAGS[name]) if known and name in _FLAGS else None
    value = kwargs["default"][1]
    known, python_value = literal(value)
    kind = kwargs.get("type")
    if known and isinstance(python_value, str) and kind is not None and getattr(kind[0], "id", None) == "int":
        try:  # argparse converts a string default with `type`
            return constant(e, int(python_value))
        except ValueError:
            return None
    return value if known else None
