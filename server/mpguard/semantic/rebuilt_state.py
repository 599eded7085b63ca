"""A constructor argument that only configures an attribute `__getstate__` drops and `__setstate__` rebuilds
without it: the unpickled copy is configured otherwise, silently.

    class BedrockConverse:                                    # llama_index's shape, graphrag-toolkit #344
        def __init__(self, model, region_name=None):
            self.model = model
            self._client = self._make_client(region_name)      # the region lives only in the client
        def __getstate__(self):
            state = self.__dict__.copy()
            state.pop("_client")                               # a boto3 client cannot be pickled
            return state
        def __setstate__(self, state):
            self.__dict__.update(state)
            self._client = self._make_client(None)             # rebuilt from the environment's AWS_REGION

An object built with `region_name="us-west-2"` and handed to a worker (a pool's task, a Process argument) arrives
with a client of another region: no exception, a wrong result. Read only in this plain shape: `__getstate__` copies
`self.__dict__` and removes constant keys (`state.pop("x")`, `del state["x"]`) before returning it; `__setstate__`
updates `self.__dict__` from the state and assigns the dropped attribute again; `__init__` assigns it (a statement
of its body) from an expression reading the parameter, and reads the parameter nowhere else (so nothing kept in
the state holds it). The caller's construction must pass a value for the parameter that is surely not None (a
literal, through the flow): then the copy lost something the caller chose.
"""
from __future__ import annotations

import ast

from mpguard.semantic import values as V
from mpguard.semantic.kept_arguments import kept_arguments
from mpguard.semantic.node_memo import node_memo

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
MAX_DEPTH = 4  # objects held by objects followed to the one that loses its configuration
SIMPLE = (int, float, str, bool)


def _method(cls: ast.ClassDef, name: str):
    return next((f for f in cls.body if isinstance(f, FUNCS) and f.name == name), None)


def _self_dict(expr, me: str) -> bool:
    return isinstance(expr, ast.Attribute) and expr.attr == "__dict__" and isinstance(expr.value, ast.Name) \
        and expr.value.id == me


def _dropped(getstate) -> frozenset:
    """The constant keys a plain `__getstate__` removes from its copy of `self.__dict__` (empty when not plain)."""
    me = getstate.args.args[0].arg if getstate.args.args else None
    body = getstate.body[1:] if getstate.body and isinstance(getstate.body[0], ast.Expr) \
        and isinstance(getstate.body[0].value, ast.Constant) else getstate.body
    if not body or not isinstance(body[0], ast.Assign) or len(body[0].targets) != 1 \
            or not isinstance(body[0].targets[0], ast.Name):
        return frozenset()
    state, made = body[0].targets[0].id, body[0].value
    copied = isinstance(made, ast.Call) and not made.keywords and (
        isinstance(made.func, ast.Attribute) and made.func.attr == "copy" and not made.args
        and _self_dict(made.func.value, me)
        or isinstance(made.func, ast.Name) and made.func.id == "dict" and len(made.args) == 1
        and _self_dict(made.args[0], me))
    last = body[-1]
    if not copied or not (isinstance(last, ast.Return) and isinstance(last.value, ast.Name) and last.value.id == state):
        return frozenset()
    dropped = set()
    for stmt in body[1:-1]:
        value = stmt.value if isinstance(stmt, ast.Expr) else None
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr == "pop" \
                and isinstance(value.func.value, ast.Name) and value.func.value.id == state and value.args \
                and isinstance(value.args[0], ast.Constant) and isinstance(value.args[0].value, str):
            dropped.add(value.args[0].value)
        elif isinstance(stmt, ast.Delete) and all(
                isinstance(t, ast.Subscript) and isinstance(t.value, ast.Name) and t.value.id == state
                and isinstance(t.slice, ast.Constant) and isinstance(t.slice.value, str) for t in stmt.targets):
            dropped.update(t.slice.value for t in stmt.targets)
    return frozenset(dropped)


def _rebuilt(setstate, dropped: frozenset) -> dict:
    """attribute -> line, for the dropped attributes a plain `__setstate__` (updating `self.__dict__` from its
    state) assigns again."""
    args = setstate.args.args
    if len(args) != 2:
        return {}
    me, state = args[0].arg, args[1].arg
    updates = any(isinstance(s, ast.Expr) and isinstance(s.value, ast.Call) and isinstance(s.value.func, ast.Attribute)
                  and s.value.func.attr == "update" and _self_dict(s.value.func.value, me)
                  and [getattr(a, "id", None) for a in s.value.args] == [state] for s in setstate.body)
    if not updates:
        return {}
    out = {}
    for stmt in setstate.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Attribute) \
                and isinstance(stmt.targets[0].value, ast.Name) and stmt.targets[0].value.id == me \
                and stmt.targets[0].attr in dropped:
            out[stmt.targets[0].attr] = stmt.lineno
    return out


@node_memo(maxsize=256)
def lost_arguments(cls) -> dict:
    """Constructor parameter -> (the attribute built from it, the line of `__init__`'s assignment, the line of
    `__setstate__`'s) for the parameters whose configuration an unpickled copy loses (module docstring)."""
    if not isinstance(cls, ast.ClassDef) or cls.keywords or any(
            not (isinstance(b, ast.Name) and b.id == "object") for b in cls.bases):
        return {}
    init, getstate, setstate = (_method(cls, n) for n in ("__init__", "__getstate__", "__setstate__"))
    if init is None or getstate is None or setstate is None or _method(cls, "__reduce__") \
            or _method(cls, "__reduce_ex__") or not init.args.args:
        return {}
    rebuilt = _rebuilt(setstate, _dropped(getstate))
    if not rebuilt:
        return {}
    me = init.args.args[0].arg
    params = {a.arg for a in (*init.args.args[1:], *init.args.kwonlyargs)}
    out = {}
    for stmt in init.body:
        if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Attribute)
                and isinstance(stmt.targets[0].value, ast.Name) and stmt.targets[0].value.id == me
                and stmt.targets[0].attr in rebuilt):
            continue
        read = {n.id for n in ast.walk(stmt.value) if isinstance(n, ast.Name)} & params
        for param in read:
            elsewhere = [n for s in init.body if s is not stmt for n in ast.walk(s)
                         if isinstance(n, ast.Name) and n.id == param]
            if not elsewhere:
                out[param] = (stmt.targets[0].attr, stmt.lineno, rebuilt[stmt.targets[0].attr])
    return out


def lost_configuration(value, resolver, resolve, depth: int = 0):
    """(qualified class, parameter, attribute, the literal passed, init line, setstate line) of
    the first object in `value` (what crosses into a child) whose construction passed a parameter its unpickled
    copy loses, following what each object of a project class keeps of its constructor's arguments; else None."""
    if value is None or depth > MAX_DEPTH:
        return None
    value = resolve(value)
    for option in value.options if type(value) is V.Union else (value,):
        if type(option) is V.BoundMethod:  # (a bound method pickles its object)
            option = resolve(option.instance)
        made = _made(option, resolver)
        if made is None:
            continue
        cls, qualified, arguments, keywords = made
        given = _given(option.node, cls, arguments, keywords)
        for param, (attribute, init_line, set_line) in sorted(lost_arguments(cls).items()):
            passed = resolve(given.get(param)) if given.get(param) is not None else None
            node = getattr(passed, "node", None)
            if type(passed) is V.Constant and isinstance(node, ast.Constant) and type(node.value) in SIMPLE:
                return qualified, param, attribute, node.value, init_line, set_line
        for _attribute, held in kept_arguments(cls, option.node):
            inner = _value_of(option.node, arguments, keywords, held)
            deeper = lost_configuration(inner, resolver, resolve, depth + 1) if inner is not None else None
            if deeper is not None:
                return deeper
    return None


def _made(value, resolver):
    """(class, its qualified name, the construction's argument values by position, by keyword) of an object built
    by calling a class: of another project module (V.Returned) or of this one (V.Instance, whose values are the
    positional ones then the keywords' in order); None otherwise."""
    call = getattr(value, "node", None)
    if not isinstance(call, ast.Call) or any(isinstance(a, ast.Starred) for a in call.args) \
            or any(k.arg is None for k in call.keywords):
        return None
    if type(value) is V.Returned and value.qualified and hasattr(resolver, "class_definition"):
        found = resolver.class_definition(value.qualified)
        cls = found[0] if found else None
        if not isinstance(cls, ast.ClassDef) or len(value.args) < len(call.args):
            return None
        keywords = value.keywords if isinstance(value.keywords, dict) else {}
        return cls, value.qualified, value.args[:len(call.args)], keywords
    if type(value) is V.Instance and value.cls is not None and isinstance(value.cls.definition, ast.ClassDef) \
            and value.fields is None and len(value.args) == len(call.args) + len(call.keywords):
        cls = value.cls.definition
        keywords = {k.arg: v for k, v in zip(call.keywords, value.args[len(call.args):])}
        return cls, cls.name, value.args[:len(call.args)], keywords
    return None


def _given(call: ast.Call, cls: ast.ClassDef, arguments: list, keywords: dict) -> dict:
    """Constructor parameter -> the value the construction passed for it (by keyword, or by position)."""
    out = dict(keywords)
    init = _method(cls, "__init__")
    if init is not None:
        positional = [a.arg for a in (*init.args.posonlyargs, *init.args.args)][1:]
        for name, value in zip(positional, arguments):
            out.setdefault(name, value)
    return out


def _value_of(call: ast.Call, arguments: list, keywords: dict, expr):
    """The value of the argument `expr` of the construction `call`."""
    for i, arg in enumerate(call.args):
        if arg is expr and i < len(arguments):
            return arguments[i]
    for keyword in call.keywords:
        if keyword.value is expr:
            return keywords.get(keyword.arg)
    return None
