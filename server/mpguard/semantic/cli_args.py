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


class _Parser:
    """What a parser was told: each dest's default value, and how each option string sets a dest."""

    __slots__ = ("values", "options")

    def __init__(self):
        self.values: dict = {}  # dest -> the value when the option is not given (None: unknown)
        self.options: dict = {}  # "--ipa" -> (dest, how): how is "value", "int", or the constant a flag stores


def new_parser(e: ast.Call, defaults: dict, shared: _Parser | None = None) -> V.Library:
    """`argparse.ArgumentParser()` (or a group of one, which adds to the same parser: `shared`)."""
    parser = V.Library(e, PARSER)
    defaults[id(parser)] = shared if shared is not None else _Parser()
    return parser


def truth(value) -> bool | None:
    """Whether a constant is true (`args.ipa` of "" is not), None when the value is not a known constant."""
    known, python_value = literal(value)
    return bool(python_value) if known else None


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


def parser_call(defaults: dict, e: ast.Call, parser: V.Library, method: str, args, kwargs, passed=None):
    """A method of a parser: an argument recorded with its default, a group, or the namespace that
    `parse_args()` gives (an Instance without a class, whose fields are the defaults)."""
    state = defaults.get(id(parser))
    if state is None:
        return None
    if method == "add_argument":
        dest = _dest(args, kwargs)
        if dest is not None:
            state.values[dest] = _default(e, kwargs)
            how = _how(kwargs)
            for expr, _value in args:
                if isinstance(expr, ast.Constant) and isinstance(expr.value, str) and expr.value.startswith("-"):
                    state.options[expr.value] = (dest, how)
        return None
    if method == "set_defaults":
        state.values.update((k, v) for k, (_expr, v) in kwargs.items() if k is not None)
        return None
    if method in GROUPS:
        return new_parser(e, defaults, state)
    if method in ("parse_args", "parse_known_args"):
        given = args[0] if args else None
        if given is not None and type(given[1]) is V.Param and passed is not None:
            # `parse_args(argv)` with `argv` a parameter: what each caller passes (nothing: sys.argv, the defaults);
            # a value the callers disagree on is not known
            lists = [getattr(v, "node", None) if v is not None else None for v in passed(given[1])]
            options = [_parsed(e, state, node) for node in lists] or [_parsed(e, state, None)]
            values = {dest: (v if all(_same(v, o.get(dest)) for o in options[1:]) else None)
                      for dest, v in options[0].items()}
        else:
            values = _parsed(e, state, given[0] if given else None)
        namespace = V.Instance(e, None, [], values)
        return namespace if method == "parse_args" else V.Sequence(e, [namespace, V.Sequence(e, [])])
    return None


def _same(a, b) -> bool:
    if a is b:
        return True
    known_a, value_a = literal(a)
    known_b, value_b = literal(b)
    return known_a and known_b and value_a == value_b


def _how(kwargs):
    """How an option sets its dest from the command line: a flag's constant, "int", or "value"."""
    action = kwargs.get("action")
    known, name = literal(action[1]) if action is not None else (False, None)
    if known and name in _FLAGS:
        return not _FLAGS[name]
    if action is not None:
        return None  # append, count, store_const, ...: not followed
    kind = kwargs.get("type")
    return "int" if kind is not None and getattr(kind[0], "id", None) == "int" else "value"


def _parsed(e: ast.Call, state: _Parser, argv) -> dict:
    """The namespace's values: the defaults, with the options of a literal argument list applied
    (`parser.parse_args(["--ipa", "10.0.0.0/8"])`); without a literal list (sys.argv, a parameter), the
    defaults alone: what runs when nobody passes an option."""
    values = dict(state.values)
    if not isinstance(argv, (ast.List, ast.Tuple)):
        return values  # sys.argv, or a list handed in: what runs when nobody passes an option
    if not all(isinstance(t, ast.Constant) and isinstance(t.value, str) for t in argv.elts):
        return {dest: None for dest in values}  # a list built here from values we do not know
    tokens = [t.value for t in argv.elts]
    i = 0
    while i < len(tokens):
        option, _, inline = tokens[i].partition("=")
        found = state.options.get(option)
        if found is not None:
            dest, how = found
            if how in ("value", "int"):
                text = inline if inline else (tokens[i + 1] if i + 1 < len(tokens) else None)
                i += 0 if inline else 1
                try:
                    values[dest] = None if text is None else constant(e, int(text) if how == "int" else text)
                except ValueError:
                    values[dest] = None
            elif how is None:
                values[dest] = None
            else:
                values[dest] = constant(e, how)
        elif tokens[i].startswith("-"):
            return {dest: None for dest in values}  # an option we do not know the shape of: stop guessing
        i += 1
    return values


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
