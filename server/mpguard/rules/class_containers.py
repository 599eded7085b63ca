"""MP302 for a class-level container of another project module that the parent fills and a pool task reads.

pyctcdecode #65: `BeamSearchDecoderCTC.model_container = {}` in the class body; `__init__` stores the language
model under a fresh key (`BeamSearchDecoderCTC.model_container[self._model_key] = lm`) and `_decode_logits`
reads it back. `decode_batch(pool, ...)` maps `functools.partial(self._decode_logits, ...)` over the pool it is
given. pickle sends the decoder by value and its class by reference: a spawned or forkserver worker imports the
class's module afresh, finds the container empty and fails with KeyError; a forked worker has the parent's.

Read here: the object the parent made by calling a project class (or a function of its module that returns
a new object of that class, `build_ctcdecoder(...)`) and handed to a pool as the task, by a bound method or a
partial of one, either in this module (`pool.map(decoder.decode_one, items)`) or in that class's method the
parent calls with its pool (`decoder.decode_batch(pool, items)` mapping `partial(self._decode_logits, ...)` over
its parameter). The task method reads `Class.attr` (or `type(self).attr`) where the class body binds `attr` to an
empty container and the class's `__init__` stores into it. Said only for a pool with no initializer (which may
fill it in each worker) and when the task does not store into it itself; reported at the parent's call that
hands the work over, with the store as a related location.
"""
from __future__ import annotations

import ast

from mpguard.resolve.project import module_names
from mpguard.semantic import values as V
from mpguard.semantic.names import TASK_METHODS
from mpguard.text.findings import RelatedFile

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
# what a class body binds an empty container with (its import-time value in a fresh interpreter)
EMPTY_MAKERS = frozenset({"dict", "list", "set", "defaultdict", "OrderedDict", "WeakValueDictionary", "deque"})
# methods that change a container in place
CHANGERS = frozenset({"update", "setdefault", "append", "extend", "insert", "add", "__setitem__", "appendleft"})
POOL_KINDS = frozenset({"Pool", "Executor"})


def check(ctx) -> None:
    if ctx.resolver is None or not hasattr(ctx.resolver, "class_definition") or ctx.unimported_main:
        return
    reported: set = set()
    for node, pool, owner, method_name in _handovers(ctx):
        if id(node) in reported or _initialized(ctx, pool):
            continue
        found = _filled_and_read(ctx, owner, method_name)
        if found is None:
            continue
        cls, attr, store_line, path = found
        methods = ctx.breaks(getattr(pool, "method", None), lambda m: m != "fork")
        if not methods:
            continue
        reported.add(id(node))
        module = owner.rpartition(".")[0]
        ctx.report("MP302", node, f"the pool's task `{cls.name}.{method_name}` reads `{cls.name}.{attr}`, a class-level "
                   f"container of {module} that `{cls.name}.__init__` fills in the parent; a worker that re-imports "
                   f"{module} finds it as the class body left it (empty)", methods,
                   related_file=RelatedFile(path, store_line, f"`{cls.name}.{attr}` is filled here") if path else None)


def _handovers(ctx):
    """(node that hands the work over, the pool, qualified class of the object, task method name)."""
    for submit in ctx.facts.submits:  # `pool.map(decoder.decode_one, items)`
        bound = submit.func.func if type(submit.func) is V.Partial else submit.func
        if type(bound) is V.BoundMethod and type(submit.pool) is V.MPObject and submit.pool.kind in POOL_KINDS:
            owner = _class_of(ctx, bound.instance)
            if owner is not None:
                yield submit.node, submit.pool, owner, bound.name
    for call, qualified, args, kwargs, where in ctx.facts.project_calls:  # `decoder.decode_batch(pool, items)`
        if where.function is not None and where.function in ctx.child_functions:
            continue
        pools = [(i, v) for i, (_expr, v) in enumerate(args) if type(v) is V.MPObject and v.kind in POOL_KINDS]
        pools += [(k, v) for k, (_expr, v) in kwargs.items() if k and type(v) is V.MPObject and v.kind in POOL_KINDS]
        if not pools or qualified.count(".") < 2:
            continue
        receiver, _, method_name = qualified.rpartition(".")
        owner = _class_named(ctx, receiver)
        found = _class_and_names(ctx, owner) if owner is not None else None
        method = _method(found[0], method_name) if found is not None else None
        if method is None:
            continue
        for position, pool in pools:
            param = _parameter(method, position)
            task = _task_on(method, param, found[1]) if param is not None else None
            if task is not None:
                yield call, pool, owner, task


def _class_of(ctx, instance) -> str | None:
    """The qualified project class an object was made from: `Decoder(...)`, or a function of the class's module
    whose every return is a new object of it (`build(...)`)."""
    if type(instance) is not V.Returned or not instance.qualified:
        return None
    return _class_named(ctx, instance.qualified)


def _class_named(ctx, qualified: str) -> str | None:
    if ctx.resolver.class_definition(qualified) is not None:
        return qualified
    module = qualified.rpartition(".")[0]
    function = ctx.resolver.definition(qualified) if hasattr(ctx.resolver, "definition") else None
    names = module_names(ctx.resolver, module) if isinstance(function, FUNCS) else None
    made = _made_class(function, names[0]) if names is not None else None
    return f"{module}.{made}" if made is not None else None


def _made_class(function, definitions: dict) -> str | None:
    """The class of the function's module that every return of the function makes anew (`return Decoder(lm)`),
    read from its syntax (a module that names no process API is never walked)."""
    returns = [n for n in ast.walk(function) if isinstance(n, ast.Return)]
    made = {n.value.func.id if isinstance(n.value, ast.Call) and isinstance(n.value.func, ast.Name)
            and isinstance(definitions.get(n.value.func.id), ast.ClassDef) else None for n in returns}
    return made.pop() if len(made) == 1 and None not in made else None


def _class_and_names(ctx, owner: str):
    found = ctx.resolver.class_definition(owner)
    return found if found is not None and isinstance(found[0], ast.ClassDef) else None


def _method(cls, name: str):
    """The class's own method `name` run on an instance (not a static or class method), else None."""
    method = next((f for f in cls.body if isinstance(f, FUNCS) and f.name == name), None)
    if method is None or any(isinstance(d, ast.Name) and d.id in ("staticmethod", "classmethod")
                             for d in method.decorator_list):
        return None
    return method


def _parameter(method, position) -> str | None:
    """The parameter of the method (called on an object: `self` is given) an argument at `position` (or of that
    keyword) binds."""
    params = [*method.args.posonlyargs, *method.args.args]
    if isinstance(position, str):
        return position if any(p.arg == position for p in params + method.args.kwonlyargs) else None
    return params[position + 1].arg if position + 1 < len(params) else None


def _task_on(method, param: str, imports) -> str | None:
    """The name of the method of `self` the method hands as the task to its parameter `param`'s pool:
    `param.map(self.m, ...)`, `param.map(functools.partial(self.m, ...), ...)`, or a local bound once to either."""
    me = method.args.args[0].arg if method.args.args else None
    if me is None:
        return None
    assigned: dict = {}
    for node in ast.walk(method):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            assigned[name] = None if name in assigned else node.value  # bound more than once: not read
    for node in ast.walk(method):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in TASK_METHODS \
                and isinstance(node.func.value, ast.Name) and node.func.value.id == param and node.args:
            task = node.args[0]
            if isinstance(task, ast.Name):
                task = assigned.get(task.id)
            name = _self_method(task, me, imports)
            if name is not None:
                return name
    return None


def _self_method(expr, me: str, imports) -> str | None:
    if isinstance(expr, ast.Call) and expr.args and imports is not None \
            and imports.qualify(expr.func) == "functools.partial":
        expr = expr.args[0]
    if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name) and expr.value.id == me:
        return expr.attr
    return None


def _initialized(ctx, pool) -> bool:
    """The pool runs an initializer in each worker first (it may fill the container there)."""
    return any(c.value is pool and c.initializer is not None for c in ctx.facts.creations)


def _filled_and_read(ctx, owner: str, method_name: str):
    """(class, attribute, line of the store, path of its module) when the task method reads a class-level empty
    container that the class's `__init__` stores into and the task does not."""
    found = _class_and_names(ctx, owner)
    if found is None:
        return None
    cls = found[0]
    containers = _empty_containers(cls, found[1])
    task, init = _method(cls, method_name), _method(cls, "__init__")
    if not containers or task is None or init is None:
        return None
    filled = _stores(init, cls.name, containers)
    if not filled:
        return None
    read = _reads(task, cls.name, set(filled))
    if read is None or _stores(task, cls.name, containers):
        return None
    path = ctx.resolver.locate(owner.rpartition(".")[0]) if hasattr(ctx.resolver, "locate") else None
    return cls, read, filled[read], str(path) if path is not None else None


def _empty_containers(cls, imports) -> set:
    out = set()
    for stmt in cls.body:
        target = stmt.targets[0] if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 else \
            stmt.target if isinstance(stmt, ast.AnnAssign) else None
        value = getattr(stmt, "value", None)
        if not isinstance(target, ast.Name) or value is None:
            continue
        empty = _empty(value, imports)
        if empty:
            out.add(target.id)
    return out


def _empty(value, imports) -> bool:
    """`{}`, `[]`, `set()`, `dict()`, `collections.defaultdict()` ... with nothing in it."""
    if isinstance(value, ast.Dict):
        return not value.keys
    if isinstance(value, (ast.List, ast.Set)):
        return not value.elts
    if not isinstance(value, ast.Call) or value.args or value.keywords:
        return False
    qualified = imports.qualify(value.func) if imports is not None else None
    name = qualified.rpartition(".")[2] if qualified else getattr(value.func, "id", None)
    return name in EMPTY_MAKERS


def _class_reference(expr, cls_name: str, me: str | None) -> bool:
    """`Cls`, `type(self)`, `self.__class__`."""
    if isinstance(expr, ast.Name):
        return expr.id == cls_name
    if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and expr.func.id == "type" \
            and len(expr.args) == 1 and isinstance(expr.args[0], ast.Name):
        return expr.args[0].id == me
    return isinstance(expr, ast.Attribute) and expr.attr == "__class__" and isinstance(expr.value, ast.Name) \
        and expr.value.id == me


def _owner_name(method) -> str | None:
    return method.args.args[0].arg if method.args.args else None


def _stores(method, cls_name: str, containers: set) -> dict:
    """attribute -> line: items stored into (or in-place changes of) the class's containers in `method`."""
    me, out = _owner_name(method), {}
    for node in ast.walk(method):
        target = None
        if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Store):
            target = node.value
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in CHANGERS:
            target = node.func.value
        if isinstance(target, ast.Attribute) and target.attr in containers \
                and _class_reference(target.value, cls_name, me):
            out.setdefault(target.attr, node.lineno)
    return out


def _reads(method, cls_name: str, attributes: set) -> str | None:
    me = _owner_name(method)
    for node in ast.walk(method):
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load) and node.attr in attributes \
                and _class_reference(node.value, cls_name, me):
            return node.attr
    return None
