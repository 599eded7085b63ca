"""MP206 through an object's field: a multiprocessing Lock, Value or Queue that a dataclass field makes for each
instance (`progress_lock: object = field(default_factory=multiprocessing.Lock)`), held by an object the parent
reaches only as the item of a `for` loop over a temporary (`for job in build_jobs(): Process(target=export,
args=(job, queue)).start()`, where build_jobs() returns the new objects). Process.start() drops its args, the loop
drops the item at its next turn and the temporary list when it ends: under spawn and forkserver the last
reference goes before the child unpickles the object, whose named semaphore is then unlinked
(FileNotFoundError in the child; fresh_realistic2b dataclass_export_job_mp_lock_not_kept_alive). Fork children
inherit it. Precision first: the item is read nowhere else in the loop, the loop waits for nothing, the objects
are made in a function's `return` (nothing else refers to them) and the field is left to its factory."""
from __future__ import annotations

import ast

from mpguard.semantic import values as V
from mpguard.semantic.flow import callee_name, dataclass_fields
from mpguard.semantic.names import api_kind

SYNC_KINDS = frozenset({"Lock", "Value", "Queue", "SimpleQueue"})


def dropped_loop_item(ctx, creation, expr, value, waits) -> str | None:
    """What the Process argument `expr` (the loop's item) holds that goes before the child opens it: "the Lock
    that `ExportJob.progress_lock`'s default_factory makes"; None when that is not shown. `waits(ctx, node)`: a
    call that may wait for the children."""
    if creation.kind != "Process" or type(expr) is not ast.Name:
        return None
    loop = _loop_over_temporary(ctx, creation.node, expr.id)
    if loop is None or not any(s.obj is creation.value and ctx.inside(s.node, loop) for s in ctx.facts.starts):
        return None
    for node in ast.walk(loop):
        if node is loop.target:
            continue
        if type(node) is ast.Name and node.id == expr.id and (type(node.ctx) is not ast.Load
                                                              or not ctx.inside(node, creation.node)):
            return None  # (kept, or read, elsewhere in the loop)
        if waits(ctx, node):
            return None  # (the loop may wait until the child has opened it)
    made = ctx.flow.resolve(value)
    if type(made) is not V.Instance or made.cls is None or not isinstance(made.node, ast.Call) \
            or not isinstance(made.cls.definition, ast.ClassDef) or not _made_in_return(ctx, made.node):
        return None
    return _sync_default(ctx, made.cls.definition, made.node)


def _loop_over_temporary(ctx, node, name: str):
    """The innermost `for <name> in <call>(...)` whose body holds `node`, in the same function; else None."""
    child, parent = node, ctx.parents.get(node)
    while parent is not None and not isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda,
                                                         ast.ClassDef, ast.Module)):
        if isinstance(parent, (ast.While, ast.AsyncFor, ast.comprehension)):
            return None
        if isinstance(parent, ast.For):
            if type(parent.target) is ast.Name and parent.target.id == name and isinstance(parent.iter, ast.Call) \
                    and child in parent.body:
                return parent
            return None
        child, parent = parent, ctx.parents.get(parent)
    return None


def _made_in_return(ctx, call) -> bool:
    """Is the constructor call part of a `return` (`return [Job(n) for n in names]`): nothing else refers to
    the objects it makes?"""
    node = ctx.parents.get(call)
    while node is not None and not isinstance(node, ast.stmt):
        if isinstance(node, ast.NamedExpr):
            return False
        node = ctx.parents.get(node)
    return isinstance(node, ast.Return)


def _sync_default(ctx, cls, call) -> str | None:
    fields = dataclass_fields(cls)
    if fields is None or any(isinstance(f, ast.FunctionDef) and f.name in ("__init__", "__post_init__")
                             for f in cls.body) or any(isinstance(a, ast.Starred) for a in call.args) \
            or any(k.arg is None for k in call.keywords):
        return None
    given = set(fields[:len(call.args)]) | {k.arg for k in call.keywords}
    for stmt in cls.body:
        if not (isinstance(stmt, ast.AnnAssign) and type(stmt.target) is ast.Name and stmt.target.id in fields
                and stmt.target.id not in given and isinstance(stmt.value, ast.Call)
                and callee_name(stmt.value) == "field"):
            continue
        factory = next((k.value for k in stmt.value.keywords if k.arg == "default_factory"), None)
        kind = api_kind(ctx.imports.qualify(factory)) if factory is not None else None
        if kind in SYNC_KINDS:
            return f"the {kind} that `{cls.name}.{stmt.target.id}`'s default_factory makes"
    return None
