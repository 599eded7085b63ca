"""What a copy that pickle makes of an object keeps, when its class writes its own state, and what a method
run on that copy surely reads.

pickle rebuilds an object from what `__getstate__` returns: with no `__setstate__`, that dict becomes the copy's
`__dict__`; with one, the copy has what `__setstate__` assigns. A `__getstate__` that leaves an attribute out
gives a copy without it, and the child that reads it fails with `AttributeError: 'C' object has no attribute
'x'` (pypeln PR #74: an IterableQueue whose state was only its queue, so a spawned worker had no `namespace`).
Only the plain shapes are read (a dict display with constant keys; a `__setstate__` that only assigns `self.x`),
and only reads every run of a method makes (not inside a branch, a loop body or a `try` body). Pure AST.
"""
from __future__ import annotations

import ast

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
# Names that make attribute access dynamic or pickling something else: not read.
DYNAMIC = ("__reduce__", "__reduce_ex__", "__getattr__", "__getattribute__", "__getnewargs__", "__getnewargs_ex__")
NOT_EVALUATED = (ast.Lambda, ast.GeneratorExp, ast.ListComp, ast.SetComp, ast.DictComp)
MAX_DEPTH = 4


def method(lineage: list, name: str):
    return next((f for c in lineage for f in c.body if isinstance(f, FUNCS) and f.name == name), None)


def complete(lineage: list) -> bool:
    """Every base of every class of the lineage is `object` or a class of the lineage (nothing inherited unseen)."""
    names = {c.name for c in lineage}
    return all(isinstance(b, ast.Name) and (b.id == "object" or b.id in names) for c in lineage for b in c.bases) \
        and not any(c.keywords for c in lineage)


def kept_attributes(lineage: list) -> tuple[frozenset, ast.AST] | None:
    """(the attributes an unpickled copy has in its `__dict__`, the `__getstate__` that decides) when a class of
    the lineage defines `__getstate__` returning a dict display with constant string keys; None when pickle copies
    the whole `__dict__`, or when unsure (another return, a `__setstate__` doing more than assigning `self.x`)."""
    if not lineage or not complete(lineage) or any(method(lineage, n) for n in DYNAMIC) \
            or any(isinstance(s, (ast.Assign, ast.AnnAssign)) and "__slots__" in _assigned_names(s)
                   for c in lineage for s in c.body):
        return None
    getstate = method(lineage, "__getstate__")
    if getstate is None:
        return None
    body = [s for s in getstate.body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
    if len(body) != 1 or not isinstance(body[0], ast.Return) or not isinstance(body[0].value, ast.Dict):
        return None
    keys = body[0].value.keys
    if not all(isinstance(k, ast.Constant) and isinstance(k.value, str) for k in keys):
        return None  # (a `**other` entry, a computed key)
    setstate = method(lineage, "__setstate__")
    if setstate is None:
        return frozenset(k.value for k in keys), getstate
    restored = _assigned_by(setstate)
    return (restored, getstate) if restored is not None else None


def _assigned_by(setstate) -> frozenset | None:
    """The attributes `__setstate__(self, state)` assigns, when that is all it does to `self` (no call but reading
    its state argument: `state["q"]`, `state.get("q")`), else None."""
    args = setstate.args.args
    if len(args) != 2:
        return None
    me, state = args[0].arg, args[1].arg
    out = set()
    for node in ast.walk(setstate):
        if isinstance(node, ast.Call):
            func = node.func
            if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == state
                    and func.attr in ("get", "pop", "copy")):
                return None
        elif isinstance(node, ast.Name) and node.id == me and not _attribute_base(node, setstate):
            return None  # `self` handed on or rebound
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == me:
            if isinstance(node.ctx, ast.Store):
                out.add(node.attr)
            elif node.attr == "__dict__":
                return None
    return frozenset(out)


def _attribute_base(name: ast.Name, root) -> bool:
    return any(isinstance(n, ast.Attribute) and n.value is name for n in ast.walk(root))


def _assigned_names(stmt) -> set:
    targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
    return {t.id for t in targets if isinstance(t, ast.Name)}


def class_names(lineage: list) -> frozenset:
    """What the copy finds on its class: methods and class attributes."""
    out = set()
    for c in lineage:
        for s in c.body:
            if isinstance(s, (*FUNCS, ast.ClassDef)):
                out.add(s.name)
            elif isinstance(s, ast.Assign) or (isinstance(s, ast.AnnAssign) and s.value is not None):
                out |= _assigned_names(s)
    return frozenset(out)


def init_attributes(lineage: list) -> frozenset:
    """The attributes `__init__` assigns to `self`: what the parent's object has."""
    init = method(lineage, "__init__")
    if init is None or not init.args.args:
        return frozenset()
    me = init.args.args[0].arg
    return frozenset(n.attr for n in ast.walk(init) if isinstance(n, ast.Attribute) and isinstance(n.ctx, ast.Store)
                     and isinstance(n.value, ast.Name) and n.value.id == me)


def stored_parameter(lineage: list, attribute: str) -> int | None:
    """The position (after self) of the `__init__` parameter that `self.<attribute> = <parameter>` stores, when
    that is the only assignment of the attribute in the lineage's methods."""
    init = method(lineage, "__init__")
    if init is None or not init.args.args:
        return None
    params = [a.arg for a in init.args.args[1:]]
    found = None
    for c in lineage:
        for node in ast.walk(c):
            if isinstance(node, ast.Assign) and any(isinstance(t, ast.Attribute) and t.attr == attribute
                                                    for t in node.targets):
                if found is not None or not isinstance(node.value, ast.Name) or node.value.id not in params:
                    return None
                found = params.index(node.value.id)
            elif isinstance(node, (ast.AugAssign, ast.AnnAssign)) and isinstance(node.target, ast.Attribute) \
                    and node.target.attr == attribute:
                return None
    return found


def _certain(stmts):
    """The statements of a body every run executes (up to a return or raise; a `with` body, a `finally`)."""
    for s in stmts:
        yield s
        if isinstance(s, (ast.With, ast.AsyncWith)):
            yield from _certain(s.body)
        elif isinstance(s, ast.Try):
            yield from _certain(s.finalbody)
        if isinstance(s, (ast.Return, ast.Raise)):
            return


def _evaluated(stmt) -> list:
    """The expressions of a statement that run whenever it does (not a compound statement's bodies)."""
    if isinstance(stmt, (ast.Expr, ast.Return, ast.Assign, ast.AugAssign, ast.AnnAssign)):
        value = [stmt.value] if stmt.value is not None else []
        targets = stmt.targets if isinstance(stmt, ast.Assign) else \
            [stmt.target] if isinstance(stmt, (ast.AugAssign, ast.AnnAssign)) else []
        return value + [t.value for t in targets if isinstance(t, (ast.Attribute, ast.Subscript))] + \
            ([stmt.target] if isinstance(stmt, ast.AugAssign) else [])
    if isinstance(stmt, (ast.With, ast.AsyncWith)):
        return [i.context_expr for i in stmt.items]
    if isinstance(stmt, (ast.If, ast.While)):
        return [stmt.test]
    if isinstance(stmt, (ast.For, ast.AsyncFor)):
        return [stmt.iter]
    return []


def _sure(node):
    yield node
    if isinstance(node, NOT_EVALUATED):
        return
    if isinstance(node, ast.BoolOp):
        children = node.values[:1]
    elif isinstance(node, ast.IfExp):
        children = [node.test]
    else:
        children = list(ast.iter_child_nodes(node))
    for child in children:
        yield from _sure(child)


def sure_reads(function) -> tuple[list, list, list]:
    """([(attribute, node)] read on `self` by every run of `function`, before the run assigns it; [(method, node)]
    of `self.m()` calls every run makes; [(attribute, method, node)] of `self.a.m()` calls every run makes)."""
    if not function.args.args:
        return [], [], []
    me = function.args.args[0].arg
    reads, own, held = [], [], []
    assigned: set = set()
    for stmt in _certain(function.body):
        for expr in _evaluated(stmt):
            for node in _sure(expr):
                if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == me \
                        and (isinstance(node.ctx, ast.Load) or isinstance(stmt, ast.AugAssign)) \
                        and node.attr not in assigned:
                    reads.append((node.attr, node))
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                    receiver = node.func.value
                    if isinstance(receiver, ast.Name) and receiver.id == me:
                        own.append((node.func.attr, node))
                    elif isinstance(receiver, ast.Attribute) and isinstance(receiver.value, ast.Name) \
                            and receiver.value.id == me:
                        held.append((receiver.attr, node.func.attr, node))
        targets = stmt.targets if isinstance(stmt, ast.Assign) else \
            [stmt.target] if isinstance(stmt, (ast.AnnAssign, ast.AugAssign)) else []
        assigned |= {t.attr for t in targets if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name)
                     and t.value.id == me}
    return reads, own, held
