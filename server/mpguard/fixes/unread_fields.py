"""MP201: a bound method sent to a child, whose object holds something pickle refuses that the method
never reads: the pool that runs the method (`self.pool.map(self.work, items)`), a logging handler
configured in `__init__`, a lock used only by the parent's other methods.

The fix leaves those fields out of the pickled state with a `__getstate__` (pickle's own recipe for
stateful objects); the worker's copy of the object simply lacks them. Pickling the object failed
before, so nothing that worked changes, and the method run in the child never reads the fields.
UNSAFE all the same: other code in the child that reaches the copy (a callback, a method chosen by
name) would find the fields missing.

Out of reach (no fix): the method reads a refused field, or hands `self` on (`helper(self)`,
`getattr(self, name)`, `self.__dict__`), so which fields it reads is unknown; classes that pickle
their own way or have base classes; fields that the class does not build itself.
"""
from __future__ import annotations

import ast

from mpguard.semantic.names import api_kind
from mpguard.semantic.pickled_stores import unpicklable_expr
from mpguard.text.findings import Applicability, Fix
from mpguard.fixes import _text as T
from mpguard.fixes.pickled_state import (DEPTH, PROCESSES, check_class, methods_of, module_classes,
                                          process_fields, self_assignments)


def _fix(ctx, cls, method, read=None):
    """`method`: the name of the method sent, or the names of those it may be (`getattr(self, "handle_"
    + kind)`: every option the analysis found); none of them may read a refused field. `read`: the fields
    the child reads, when they are not found from the methods (a Process target given the object)."""
    if not isinstance(cls, ast.ClassDef) or ctx.parents.get(cls) is None:
        raise T.CannotFix("no class of this module")
    check_class(ctx, cls)
    refused = _refused_fields(ctx, cls, DEPTH)
    if not refused:
        raise T.CannotFix("no refused field built in the class")
    options = (method,) if isinstance(method, str) else tuple(method)
    if read is None:
        read = set().union(*(_fields_read(cls, name) for name in options))
    if read & set(refused):
        raise T.CannotFix("the method reads a field pickle refuses")
    who = " and ".join(f"`{name}`" for name in options)
    reads = "reads" if len(options) == 1 else "read"
    nl = T.newline(ctx)
    indent = T.block_indent(ctx, cls.body)
    inner = indent + T.INDENT
    names = sorted(refused)
    listed = ", ".join(f"`{name}`" for name in names)
    drops = "".join(f'{inner}state.pop("{name}", None){nl}' for name in names)
    text = (f"{nl}{indent}def __getstate__(self):{nl}"
            f"{inner}# {', '.join(names)}: kept by this process; {who}, run in the child, never {reads} "
            f"{'it' if len(names) == 1 else 'them'}{nl}"
            f"{inner}state = self.__dict__.copy(){nl}{drops}"
            f"{inner}return state{nl}")
    return Fix(f"Leave {listed} of `{cls.name}` out of the pickled state: {who} never {reads} "
               f"{'it' if len(names) == 1 else 'them'} (unsafe: the child's copy of the object has no "
               f"{listed})", Applicability.UNSAFE, (T.insert_at_row(ctx, cls.end_lineno + 1, text),))


def _refused_fields(ctx, cls, depth) -> dict:
    """field -> what pickle refuses in it: built by a method of the class as a pool, process, lock, file
    ..., or as an instance of a class of this module that holds one (`self.pool = AutoPool(...)`); or
    given to it (`self.pool = pool`) and followed there by the analysis."""
    out: dict = {}
    if depth == 0:
        return out
    classes = module_classes(ctx)
    for method in methods_of(cls):
        for name, value in self_assignments(method):
            if _refused(ctx, value, classes, depth):
                out.setdefault(name, value)
    for name in process_fields(ctx, cls):  # (`self.procs.append(proc)`: each later start pickles the earlier ones)
        out.setdefault(name, None)
    pickler = getattr(ctx, "pickler", None)
    for name, value in (getattr(pickler, "attributes", None) or {}).get(cls, ()):
        if name not in out:
            problem = pickler.object_problem(value, pool_task=False)
            if problem is not None and problem.kind not in ("sync", "guard", "unimported-main"):
                out[name] = value
    return out


def _refused(ctx, value, classes, depth) -> bool:
    if unpicklable_expr(value, ctx.imports) is not None:
        return True
    if not isinstance(value, ast.Call):
        return False
    kind = api_kind(ctx.imports.qualify(value.func))
    if kind is not None and kind.split(":")[0] in PROCESSES:
        return True
    held = classes.get(value.func.id) if isinstance(value.func, ast.Name) else None
    if held is None or any(isinstance(s, T.FUNCS) and s.name in ("__getstate__", "__reduce__", "__reduce_ex__")
                           for s in held.body):
        return False
    return bool(_refused_fields(ctx, held, depth - 1))


def _fields_read(cls, method: str) -> set:
    """The attributes of `self` that `method` reads, following `self.other()` calls and properties of
    the class. CannotFix when `self` escapes (handed to a call, returned, stored, read by name)."""
    methods = {s.name: s for s in cls.body if isinstance(s, T.FUNCS)}
    if method not in methods:
        raise T.CannotFix("the method is not defined in the class")
    read, seen, todo = set(), set(), [method]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        func = methods[name]
        decorators = {getattr(d, "id", None) for d in func.decorator_list}
        if not func.args.args or decorators & {"staticmethod", "classmethod"}:
            continue  # it never sees the object
        self_name = func.args.args[0].arg
        parents = {child: node for node in ast.walk(func) for child in ast.iter_child_nodes(node)}
        for node in ast.walk(func):
            if not (isinstance(node, ast.Name) and node.id == self_name) or node is func.args.args[0]:
                continue
            attribute = parents.get(node)
            if not (isinstance(attribute, ast.Attribute) and attribute.value is node):
                raise T.CannotFix("`self` is handed on")
            if attribute.attr.startswith("__"):
                raise T.CannotFix("`self` is read by name")
            if attribute.attr in methods:
                todo.append(attribute.attr)
            else:
                read.add(attribute.attr)
    return read


def bound_method_name(ctx, fact) -> str | None:
    """The method's name when the callable a Submit or Creation sends is a bound method (a parameter
    or a call's result resolved to what its callers give; every option the same method)."""
    names = bound_method_names(ctx, fact)
    return names[0] if names is not None and len(names) == 1 else None


def bound_method_names(ctx, fact) -> tuple | None:
    """The names of the methods the callable may be, when every option is a bound method of a known name
    (`getattr(self, "handle_" + kind)` resolved to `handle_csv` and `handle_txt`)."""
    from mpguard.semantic import values as V

    value = getattr(fact, "func", None) or getattr(fact, "target", None)
    flow = getattr(ctx, "flow", None)
    if value is not None and flow is not None:
        value = flow.resolve(value)
    options = value.options if isinstance(value, V.Union) else [value]
    # `functools.partial(self._find_one, screenshot)`: the method is the partial's function (and the
    # object must not be among its arguments: the task would then read it whole)
    if any(isinstance(o, V.Partial) for o in options) and flow is None:
        return None
    partials = [o for o in options if isinstance(o, V.Partial)]
    if any(isinstance(flow.resolve(a), V.Instance) for p in partials for a in p.args):
        return None
    options = [flow.resolve(o.func) if isinstance(o, V.Partial) and o.func is not None else o for o in options]
    names = {o.name if isinstance(o, V.BoundMethod) else None for o in options}
    if not names or None in names or "" in names:
        return None
    instances = {id(getattr(o.instance, "cls", None)) for o in options}
    return tuple(sorted(names)) if len(instances) == 1 else None  # the methods of one class


# Public builder (callable_fix asks it): None when out of reach or when the result would not parse.
unread_fields_fix = T.fix_builder(_fix)


def _target_argument(ctx, call, cls):
    """A Process given an object of `cls` in its `args` tuple (`Process(target=crawl, args=(url, queue))`, wswp's
    RedisQueue holding a redis client): the fields of the object the target reads through its parameter
    (`queue.name`), when that parameter is used only to read attributes (never handed on, stored, compared,
    rebound). The target is a function of the module's top level with plain positional parameters."""
    from mpguard.semantic import values as V

    creation = next((c for c in ctx.facts.creations if c.node is call), None)
    target = getattr(getattr(creation, "target", None), "definition", None)
    keyword = next((k for k in call.keywords if k.arg == "args"), None) if isinstance(call, ast.Call) else None
    if creation is None or creation.kind != "Process" or not isinstance(target, T.FUNCS) \
            or ctx.parents.get(target) is not ctx.tree or keyword is None or not isinstance(keyword.value, ast.Tuple) \
            or any(k.arg == "kwargs" for k in call.keywords) or target.args.vararg or target.args.posonlyargs:
        raise T.CannotFix("not a Process target given the object positionally")
    elements = keyword.value.elts
    # (the facts hold one (the args tuple, value) pair per element, in order)
    if any(isinstance(e, ast.Starred) for e in elements) or len(creation.args) != len(elements) \
            or any(e is not keyword.value for e, _v in creation.args):
        raise T.CannotFix("the args tuple's values are not known one by one")
    positions = []
    for index, (_expr, value) in enumerate(creation.args):
        value = ctx.flow.resolve(value)
        if isinstance(value, V.Instance) and value.cls is not None and value.cls.definition is cls:
            positions.append(index)
    params = target.args.args
    if len(positions) != 1 or positions[0] >= len(params):
        raise T.CannotFix("the object is not given once, positionally")
    return target, _param_reads(target, params[positions[0]].arg)


def _param_reads(function, param: str) -> set:
    parents = {child: node for node in ast.walk(function) for child in ast.iter_child_nodes(node)}
    read = set()
    for node in ast.walk(function):
        if isinstance(node, ast.arg) and node.arg == param and parents.get(node) is not function.args:
            raise T.CannotFix("the parameter's name is bound again inside")
        if not (isinstance(node, ast.Name) and node.id == param):
            continue
        attribute = parents.get(node)
        if not isinstance(node.ctx, ast.Load) or not (isinstance(attribute, ast.Attribute) and attribute.value is node
                                                      and isinstance(attribute.ctx, ast.Load)):
            raise T.CannotFix("the object is used another way than by reading its attributes")
        if attribute.attr.startswith("__"):
            raise T.CannotFix("a special attribute")
        call = parents.get(attribute)
        if isinstance(call, ast.Call) and call.func is attribute:
            raise T.CannotFix("a method of the object is called")  # (its fields are read by the method)
        read.add(attribute.attr)
    return read


def _target_fields(ctx, call, cls):
    target, read = _target_argument(ctx, call, cls)
    return _fix(ctx, cls, target.name, read)


# Public builder (refused_value_fix asks it): None when out of reach or when the result would not parse.
target_fields_fix = T.fix_builder(_target_fields)


def sent_methods(ctx, call, cls) -> tuple | None:
    """The names of the bound methods of `cls`'s objects among what a pool task sends
    (`pool.map(worker, ((self.process, x) for x in batch))`), or None when there are none."""
    from mpguard.semantic import values as V
    from mpguard.fixes._reached import reached

    submit = next((s for s in ctx.facts.submits if s.node is call), None)
    if submit is None:
        return None
    names = set()
    for value in reached(ctx, [value for _expr, value in submit.args] + [submit.func], through_partials=True):
        if isinstance(value, V.BoundMethod) and getattr(getattr(value.instance, "cls", None), "definition", None) is cls:
            if not value.name:
                return None
            names.add(value.name)
        elif isinstance(value, V.Instance) and getattr(value.cls, "definition", None) is cls:
            return None  # the object itself is sent too: what the task reads of it is not known here
    return tuple(sorted(names)) or None
