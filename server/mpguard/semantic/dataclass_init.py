"""The `__init__` that `@dataclass` writes for a class, as a syntax tree the constructor models can read.

    @dataclass
    class IngestionManager:                 # (sagemaker's IngestionManagerPandas, workbench #570)
        name: str
        max_processes: int = 1
        _pool: object = field(default=None, repr=False)

        def run(self, frame):
            if self.max_processes == 1: ...          # a condition on what the constructor was given
            else: Pool(self.max_processes, ...)

behaves as if the class had

        def __init__(self, name, max_processes=1, _pool=None):
            self.name = name
            self.max_processes = max_processes
            self._pool = _pool

so an attribute the generated constructor stores from its parameter is fixed by the construction exactly as one an
explicit `__init__` stores (semantic/bound_values.stable_attributes, param_guards' conditions on `self.attr`).

Only the plain case is written: one decorator named `dataclass` (called or not, with literal options that leave
`init` on), no base class or metaclass keyword (a base's fields would come first), no `__init__` of its own, every
field a plain annotated name. `field(init=False)` and `ClassVar` are no parameters; an `InitVar` is a parameter that
is not stored; `KW_ONLY` and `kw_only=True` make keyword-only ones. `field(default_factory=f)` gives the parameter a
default that is no literal (`f()`). Anything else (a `field(...)` with positional arguments or `**`) says None."""
from __future__ import annotations

import ast

from mpguard.semantic.node_memo import node_memo

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
OPTIONS = frozenset({"init", "repr", "eq", "order", "unsafe_hash", "frozen", "match_args", "kw_only", "slots",
                     "weakref_slot"})


def _dotted(node) -> str:
    if isinstance(node, ast.Call):
        node = node.func
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return f"{node.value.id}.{node.attr}"
    return node.id if isinstance(node, ast.Name) else ""


def _options(decorator) -> dict | None:
    """The literal options of a `dataclass` decorator; None when it is none or an option is not a literal."""
    if _dotted(decorator) not in ("dataclass", "dataclasses.dataclass"):
        return None
    if not isinstance(decorator, ast.Call):
        return {}
    if decorator.args or any(k.arg not in OPTIONS or not isinstance(k.value, ast.Constant) for k in decorator.keywords):
        return None
    return {k.arg: k.value.value for k in decorator.keywords}


def _field(value) -> dict | None:
    """The keywords of a `field(...)` / `dataclasses.field(...)` call; None for any other value."""
    if not (isinstance(value, ast.Call) and _dotted(value) in ("field", "dataclasses.field")):
        return None
    if value.args or any(k.arg is None for k in value.keywords):
        return {"?": None}
    return {k.arg: k.value for k in value.keywords}


@node_memo(maxsize=256)
def generated_init(cls) -> ast.FunctionDef | None:
    """The `__init__` `@dataclass` generates for `cls` (one object per class node while analyses run), or None
    when `cls` is not a plain dataclass as the module docstring says or writes its own `__init__`."""
    if not isinstance(cls, ast.ClassDef) or cls.bases or cls.keywords or len(cls.decorator_list) != 1:
        return None
    options = _options(cls.decorator_list[0])
    if options is None or options.get("init", True) is not True:
        return None
    if any(isinstance(s, FUNCS) and s.name == "__init__" for s in cls.body):
        return None
    keyword_only = options.get("kw_only") is True
    positional, defaults, kwonly, kw_defaults, body = [], [], [], [], []
    for stmt in cls.body:
        if not isinstance(stmt, ast.AnnAssign):
            continue
        if not isinstance(stmt.target, ast.Name):
            return None
        annotation = ast.unparse(stmt.annotation)
        if "ClassVar" in annotation:
            continue
        if annotation.endswith("KW_ONLY"):
            keyword_only = True
            continue
        name, value, only = stmt.target.id, stmt.value, keyword_only
        words = _field(value)
        if words is not None:
            if "?" in words:
                return None
            init = words.get("init")
            if init is not None and not (isinstance(init, ast.Constant) and init.value in (True, False)):
                return None
            if init is not None and init.value is False:
                continue
            only = _flag(words.get("kw_only"), keyword_only)
            if only is None:
                return None
            factory = words.get("default_factory")
            value = words.get("default") or (ast.Call(func=factory, args=[], keywords=[]) if factory else None)
        parameter = ast.arg(arg=name, annotation=None)
        if only:
            kwonly.append(parameter)
            kw_defaults.append(value)
        else:
            if value is None and defaults:
                return None  # (a field without a default after one with it: the class cannot be made)
            positional.append(parameter)
            if value is not None:
                defaults.append(value)
        if "InitVar" not in annotation:
            body.append(ast.Assign(targets=[ast.Attribute(value=ast.Name(id="self", ctx=ast.Load()), attr=name,
                                                          ctx=ast.Store())],
                                   value=ast.Name(id=name, ctx=ast.Load())))
    extra = {"type_params": []} if "type_params" in ast.FunctionDef._fields else {}  # (3.12+)
    init = ast.FunctionDef(name="__init__", args=ast.arguments(
        posonlyargs=[], args=[ast.arg(arg="self", annotation=None), *positional], vararg=None, kwonlyargs=kwonly,
        kw_defaults=kw_defaults, kwarg=None, defaults=defaults), body=body or [ast.Pass()], decorator_list=[],
        returns=None, type_comment=None, **extra)
    for node in ast.walk(init):  # (placed at the class's line: nothing reports a line of it)
        if "lineno" in node._attributes and not hasattr(node, "lineno"):
            ast.copy_location(node, cls)
    return init


def _flag(expr, default: bool) -> bool | None:
    if expr is None:
        return default
    return expr.value if isinstance(expr, ast.Constant) and expr.value in (True, False) else None
