"""MP205 through parameters and calls: a Queue or Lock of the default context that reaches a child of an explicit
spawn or forkserver context, where the default is fork (the SemLock was made for fork and the child refuses it)."""
from __future__ import annotations

from mpguard.semantic import errors, values as V
from mpguard.semantic.platforms import REIMPORTING
from mpguard.fixes.start_method import method_context_fix
from mpguard.text.findings import RelatedFile
from mpguard.rules.pickle_reports import with_origin_copy, origin_call


SEMLOCK = errors.text("semlock_mismatch")
CONTEXT_BOUND = frozenset({"Queue", "SimpleQueue", "Lock", "Value"})  # SemLock-backed: tied to their context


def _default_context_object(value):
    """A SemLock-backed object made from the default context (`mp.Queue()`, `mp.Lock()`), else None."""
    if isinstance(value, V.MPObject) and value.kind in CONTEXT_BOUND and value.method is None:
        return value
    return None


def mismatch_through_parameter(ctx, creation, value, role: str) -> None:
    """MP205 when the Queue or Lock reaches the spawn or forkserver child through a parameter of the
    function that makes the pool or Process: the call of this module that passes a default-context one
    (followed through up to four calls, as MP203 follows what it refuses) is where the context is chosen."""
    if type(value) is not V.Param:
        return
    origin = origin_call(ctx, value, _default_context_object, 0)
    if origin is None:
        return
    kind = "Process" if creation.kind == "Process" else creation.kind
    message = (f"a Queue or Lock from the default context reaches {role} of a {creation.method}-context {kind} "
               f"through parameter `{value.name}` (given on line {origin.lineno}); where the default is fork: "
               f"{SEMLOCK}")
    with_origin_copy(ctx, ((origin, f"`{value.name}` is given here"),))(
        "MP205", creation.node, message, ctx.breaks(None, lambda m: m == "fork"), error=SEMLOCK)


def forwarded_context_mismatch(ctx, call, value, qualified: str, sink, path) -> None:
    """MP205 across a call: a Queue or Lock of the default context handed to a function of another project
    module that gives it, as initargs or Process args, to a pool or Process of an explicit spawn or
    forkserver context (cloud-volume #691: `parallel_execution(fn, items, n, progress, fs_lock)` building
    `ProcessPoolExecutor(mp_context=get_context("spawn"), initargs=(progress, fs_lock))`). Where the
    default is fork the SemLock was made for fork and the spawned child refuses it."""
    if value is None or sink.method not in REIMPORTING:
        return
    held = ""
    if not isinstance(value, V.MPObject):
        value, held = held_default_sync(ctx, value)
        if value is None:
            return
    if not (value.kind in CONTEXT_BOUND and value.method is None):
        return
    module = qualified.rpartition(".")[0]
    where = "an argument of the pool initializer" if sink.role == "initargs" else "a Process argument"
    message = (f"a {value.kind} from the default context{held} is passed as `{sink.param}`, which {qualified}() "
               f"makes {where} of a {sink.method}-context child (line {sink.line} of {module}); where the default "
               f"is fork: {SEMLOCK}")
    methods = ctx.breaks(None, lambda m: m == "fork")
    related_file = RelatedFile(path, sink.line, f"`{sink.param}` of {qualified.rpartition('.')[2]}() reaches the "
                               f"{sink.method}-context child here", site=True)
    ctx.report("MP205", call, message, methods, error=SEMLOCK, related_file=related_file,
               fix=method_context_fix(ctx, value.node, sink.method) if value.node is not None and not value.module
               else None)  # (no edit of another module's text here)
    ctx.report_at_origin("MP205", call, message, methods, related_file, error=SEMLOCK)


def held_default_sync(ctx, value) -> tuple:
    """(the Queue or Lock of the default context that pickling `value` meets, what to say of it) or (None, ""): one
    the value holds (a dict item, a dataclass field, an object's attribute), or another project module's global
    the value names or holds (semantic/imported_syncs). Made in this module or at the top of another one, so that
    its line can be shown."""
    found = [o for o in ctx.pickler.held_syncs(value) if _default_context_object(o) is not None
             and (o.module or ctx.parents.get(o.node) is not None)]
    if not found:
        return None, ""
    passed = f"`{value.qualified}`" if type(value) is V.ModuleRef else "held by what is passed"
    return found[0], f" ({passed}, made on line {_made_at(found[0])})"


def held_mismatch(ctx, creation, value, what: str) -> None:
    """MP205 for a Queue or Lock of the default context that an argument of a spawn or forkserver child holds (a
    dataclass field, a dict item) or that is another project module's global (`native_queues.method_queue`, made
    there at import): `what` is handed it (a Process's args, a pool's initargs, which travel the same way)."""
    made, held = held_default_sync(ctx, value)
    if made is not None and made.kind in CONTEXT_BOUND:
        ctx.report("MP205", creation.node, f"a {made.kind} from the default context{held} is passed to {what} of the "
                   f"{creation.method} context; where the default is fork: {SEMLOCK}",
                   ctx.breaks(None, lambda m: m == "fork"), error=SEMLOCK)


def _made_at(made) -> str:
    """Where a Queue or Lock was made: a line of this module, or of the project module that makes it at its top."""
    return f"{made.node.lineno} of {made.module}" if made.module else str(made.node.lineno)
