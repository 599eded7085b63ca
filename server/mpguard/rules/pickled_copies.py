"""MP302 for an object a Process carries to its child whose class's `__getstate__` leaves out an attribute that
the child surely reads (semantic/pickled_copies.py): under spawn and forkserver the process object, its target
and everything they hold are pickled, and the child's copy has only what `__getstate__` kept (or
`__setstate__` restored), so the read fails with `AttributeError: 'C' object has no attribute 'x'`; under fork
the objects are inherited whole and it works (pypeln PR #74, fresh_libs7). Followed: the target's method (a
bound method, or `__call__` of a callable object), the methods it surely calls on `self`, and on the objects
`__init__` stored from its arguments (`self.output.done()`); an attribute any other method assigns is left
alone (the child may have set it)."""
from __future__ import annotations

import ast

from mpguard.semantic import values as V
from mpguard.semantic.pickled_copies import (MAX_DEPTH, class_names, init_attributes, kept_attributes, method,
                                             stored_parameter, sure_reads)

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


def check(ctx, not_fork) -> None:
    for start in ctx.facts.starts:
        creation = getattr(start.obj, "creation", None)
        if start.obj.kind != "Process" or creation is None or creation.target is None or start.obj.subclass:
            continue
        target = ctx.flow.resolve(creation.target)
        if type(target) is V.BoundMethod:
            receiver, name = ctx.flow.resolve(target.instance), target.name
        elif type(target) in (V.Instance, V.Returned):
            receiver, name = target, "__call__"
        else:
            continue
        lineage = _lineage(ctx, receiver)
        found = _search(ctx, receiver, lineage, name, 0) if lineage else None
        if found is None:
            continue
        cls, attribute, getstate, reader, kept, module = found
        error = f"AttributeError: '{cls.name}' object has no attribute '{attribute}'"
        shown = ", ".join(sorted(kept)) or "nothing"
        where = f"{module}, line" if module else "line"
        ctx.report("MP302", start.node, f"the child gets a pickled copy of the `{cls.name}` object, and its "
                   f"__getstate__ ({where} {getstate.lineno}) keeps only {shown}: `{cls.name}.{reader.name}()`, "
                   f"which the child runs, reads `self.{attribute}` ({where} {_read_line(reader, attribute)}): {error}",
                   ctx.breaks(start.obj.method, not_fork, start.obj.elsewhere), error=error)


def _lineage(ctx, value) -> list | None:
    """The classes of an object of this module's class or of another project module's class with no base."""
    if type(value) is V.Instance and value.cls is not None and isinstance(value.cls.definition, ast.ClassDef):
        return [c for c in ctx.facts.lineage(value.cls.definition) if isinstance(c, ast.ClassDef)]
    if type(value) is V.Returned and value.qualified and hasattr(ctx.resolver, "class_definition"):
        found = ctx.resolver.class_definition(value.qualified)
        cls = found[0] if found else None
        if isinstance(cls, ast.ClassDef) and not cls.bases:
            return [cls]
    return None


def _search(ctx, value, lineage: list, name: str, depth: int):
    """(class, attribute, __getstate__, the method reading it, what is kept, the class's module when another
    project module's) of the first attribute the copy lacks
    that `name` (run on the copy of `value`) or what it surely calls reads."""
    function = method(lineage, name)
    if function is None or depth > MAX_DEPTH:
        return None
    kept = kept_attributes(lineage)
    dropped = _dropped(lineage, kept[0]) if kept is not None else frozenset()
    reads, own, held = sure_reads(function)
    for attribute, _node in reads:
        if attribute in dropped:
            module = value.qualified.rpartition(".")[0] if type(value) is V.Returned else None
            return lineage[0], attribute, kept[1], function, kept[0], module
    for called, _node in own:
        found = _search(ctx, value, lineage, called, depth + 1)
        if found is not None:
            return found
    for attribute, called, _node in held:
        if kept is not None and attribute not in kept[0]:
            continue
        inner = _stored(ctx, value, lineage, attribute)
        inner_lineage = _lineage(ctx, inner) if inner is not None else None
        found = _search(ctx, inner, inner_lineage, called, depth + 1) if inner_lineage else None
        if found is not None:
            return found
    return None


def _dropped(lineage: list, kept: frozenset) -> frozenset:
    """What `__init__` gives the parent's object and the copy lacks: not kept, not on the class, and assigned by no
    other method (which the child may run first)."""
    elsewhere = {n.attr for c in lineage for f in c.body if isinstance(f, FUNCS) and f.name != "__init__"
                 for n in ast.walk(f) if isinstance(n, ast.Attribute) and isinstance(n.ctx, ast.Store)}
    return init_attributes(lineage) - kept - class_names(lineage) - elsewhere


def _stored(ctx, value, lineage: list, attribute: str):
    """What `self.<attribute>` of `value` holds: the constructor argument `__init__` stores there (given by
    position in the call that made it)."""
    index = stored_parameter(lineage, attribute)
    call = value.node
    if index is None or not isinstance(call, ast.Call) or any(isinstance(a, ast.Starred) for a in call.args) \
            or index >= len(call.args) or index >= len(value.args):
        return None
    found = ctx.flow.resolve(value.args[index])
    return found if type(found) in (V.Instance, V.Returned) else None


def _read_line(function, attribute: str) -> int:
    return next((n.lineno for n in ast.walk(function) if isinstance(n, ast.Attribute) and n.attr == attribute),
                function.lineno)
