"""The literal field values of the dataclass instances a pool hands its task, when nothing can change them.

`pool.map(run_test, tests)` with `tests = [SurrogateTest("henon", data), ...]` calls `run_test(item)` with
objects whose `processors` field is the class's default 1 when no item sets it; a task that passes
`processors=test.processors` on to a helper that starts a pool unless it is 1 then starts nothing
(param_guards: an `("attr", ...)` condition, judged for a `Record`). Precision first: only a plain
dataclass (no bases, no `__init__`/`__post_init__`/`__setattr__`/pickling hooks, methods that only read
their `self`), fields held as literal constants (nothing to change in place), no store of that attribute
anywhere in the module and no `setattr`/`vars`/`__dict__`, and an item list bound once and used only by
the pool's call. Anything else is unknown (the condition may hold).
"""
from __future__ import annotations

import ast

from mpguard.semantic import values as V
from mpguard.semantic.param_guards import FUNCS, Record, object_read_only

HOOKS = frozenset({"__init__", "__post_init__", "__setattr__", "__delattr__", "__getattr__", "__getattribute__",
                   "__new__", "__init_subclass__", "__setstate__", "__getstate__", "__reduce__", "__reduce_ex__",
                   "__copy__", "__deepcopy__", "__getnewargs__", "__getnewargs_ex__"})
LITERALS = (int, float, str, bool, type(None))
UNKNOWN = object()  # a field whose default is no literal (`field(default_factory=list)`)


def _literal(expr) -> bool:
    return isinstance(expr, ast.Constant) and type(expr.value) in LITERALS


def _stdlib_dataclass(decorator, qualify) -> bool:
    """Is the decorator the standard library's `dataclass` (not pydantic's, which converts what it is given)?
    `qualify`: the module's import map (`ImportMap.qualify`)."""
    func = decorator.func if isinstance(decorator, ast.Call) else decorator
    return qualify(func) == "dataclasses.dataclass"


def plain_dataclass_fields(cls, qualify) -> list | None:
    """[(field, literal default or None when required or UNKNOWN)] in constructor order, of a class of the
    module (whose import map qualifies names: `qualify`) whose instances hold what their constructor was given (see the module's words); None for
    any other class."""
    if not isinstance(cls, ast.ClassDef) or cls.bases or cls.keywords or len(cls.decorator_list) != 1:
        return None
    decorator = cls.decorator_list[0]
    if not _stdlib_dataclass(decorator, qualify):
        return None
    if isinstance(decorator, ast.Call) and (decorator.args or any(
            k.arg not in ("frozen", "eq", "order", "repr", "unsafe_hash") for k in decorator.keywords)):
        return None
    fields: list = []
    for stmt in cls.body:
        if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
            annotation = ast.unparse(stmt.annotation)
            if any(word in annotation for word in ("ClassVar", "InitVar", "KW_ONLY")):
                return None
            default = None if stmt.value is None else stmt.value if _literal(stmt.value) else UNKNOWN
            fields.append((stmt.target.id, default))
        elif isinstance(stmt, FUNCS):
            if stmt.name in HOOKS or stmt.decorator_list or not _reads_only(stmt):
                return None
        elif not (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)):  # a docstring
            return None  # another binding in the class body (a property, an attribute of the class)
    return fields


def _reads_only(method) -> bool:
    """Does the method use its `self` only to read attributes (`self.series`, `self.shuffled(...)`)?"""
    params = [*getattr(method.args, "posonlyargs", ()), *method.args.args]
    if not params:
        return False
    return object_read_only(method, params[0].arg)


def attributes_may_change(tree, names) -> bool:
    """Does the module store or delete an attribute of one of `names` anywhere, or reach attributes in a way
    that cannot be told apart (`setattr`, `vars`, `__dict__`, `__setattr__`)?"""
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and (not isinstance(node.ctx, ast.Load) and node.attr in names
                                                or node.attr in ("__dict__", "__setattr__")):
            return True
        if isinstance(node, ast.Name) and node.id in ("setattr", "vars", "delattr"):
            return True
    return False


def record(call, cls, qualify) -> Record | None:
    """The literal fields of the object `call` (of the plain dataclass `cls` of the module whose import map
    qualifies names: `qualify`) builds; None when unknown."""
    fields = plain_dataclass_fields(cls, qualify)
    if fields is None or not isinstance(call, ast.Call) or len(call.args) > len(fields) \
            or any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
        return None
    given = {name: arg for (name, _default), arg in zip(fields, call.args)}
    for keyword in call.keywords:
        if keyword.arg in given or keyword.arg not in dict(fields):
            return None  # (a TypeError at the call: no object at all)
        given[keyword.arg] = keyword.value
    known = {}
    for name, default in fields:
        value = given.get(name, default)
        if value is not None and value is not UNKNOWN and _literal(value):
            known[name] = value
    return Record(known)


def given_integers(value, cls, qualify, resolve) -> dict | None:
    """{field: int} of the object the flow value `value` stands for (a `V.Returned` of another module's class
    or a `V.Instance` of this module's), when `cls` (its ClassDef, names qualified by `qualify`) is a plain
    dataclass: a field the constructor call gave an integer (as the flow resolves it, `resolve`: an argparse
    default counts, the program run as written) or left at its literal int default. `job.repeat` of
    `CronJob(name, repeat=args.repeat)` sized with `add_argument("--repeat", type=int, default=4000)`. Whether
    the object's attributes may change afterwards is the caller's question. None when nothing is known."""
    fields = plain_dataclass_fields(cls, qualify)
    call = getattr(value, "node", None)
    if fields is None or not isinstance(call, ast.Call) or len(call.args) > len(fields) \
            or any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
        return None
    passed, keywords = list(getattr(value, "args", ())), getattr(value, "keywords", None) or {}
    if len(passed) < len(call.args):
        return None
    given = dict(zip([name for name, _default in fields], passed[:len(call.args)]))
    for keyword in call.keywords:
        if keyword.arg in given or keyword.arg not in dict(fields):
            return None  # (a TypeError at the call: no object at all)
        given[keyword.arg] = keywords.get(keyword.arg)
    out = {}
    for name, default in fields:
        if name in given:
            number = _integer_value(resolve(given[name]))
        else:
            number = default.value if isinstance(default, ast.Constant) and type(default.value) is int else None
        if number is not None:
            out[name] = number
    return out or None


def frozen_dataclass(cls) -> bool:
    """`@dataclass(frozen=True)`: no attribute of an instance can be set after its constructor."""
    decorator = cls.decorator_list[0] if isinstance(cls, ast.ClassDef) and cls.decorator_list else None
    return isinstance(decorator, ast.Call) and any(
        k.arg == "frozen" and isinstance(k.value, ast.Constant) and k.value.value is True for k in decorator.keywords)


def _integer_value(value) -> int | None:
    node = getattr(value, "node", None)
    if type(value) is V.Constant and isinstance(node, ast.Constant) and type(node.value) is int:
        return node.value
    return None


def pool_items(function, items) -> list | None:
    """The expressions of the items of `items`, the iterable a pool maps its task over inside `function`:
    a list or tuple display, a comprehension's element, or a local name bound once to one of those and
    used nowhere else (nothing can add an item or change one); None when it cannot be told."""
    if isinstance(items, ast.Name) and isinstance(function, FUNCS):
        stores = [n for n in ast.walk(function) if isinstance(n, ast.Name) and n.id == items.id
                  and not isinstance(n.ctx, ast.Load)]
        loads = [n for n in ast.walk(function) if isinstance(n, ast.Name) and n.id == items.id
                 and isinstance(n.ctx, ast.Load)]
        scoped = any(isinstance(n, (ast.Global, ast.Nonlocal)) and items.id in n.names for n in ast.walk(function))
        # (elsewhere only iterated over, `[work(j) for j in jobs]` in the sequential branch: nothing changes it)
        iterated = {id(n.iter) for n in ast.walk(function) if isinstance(n, (ast.comprehension, ast.For))}
        if scoped or len(stores) != 1 or items not in loads \
                or any(n is not items and id(n) not in iterated for n in loads):
            return None
        bound = next((n for n in ast.walk(function) if isinstance(n, ast.Assign) and len(n.targets) == 1
                      and n.targets[0] is stores[0]), None)
        if bound is None:
            return None
        items = bound.value
    if isinstance(items, (ast.List, ast.Tuple)) and not any(isinstance(e, ast.Starred) for e in items.elts):
        return list(items.elts)
    if isinstance(items, (ast.ListComp, ast.GeneratorExp)):
        return [items.elt]
    return None
