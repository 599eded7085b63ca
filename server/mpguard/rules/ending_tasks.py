"""MP416 for a `multiprocessing.Pool` task that can end its worker process (rules/worker_ends: `sys.exit()`, `raise
SystemExit`/`KeyboardInterrupt`, `os._exit()`, reached through the task's calls under the conditions its arguments
meet), handed over by a call that waits for the result without a timeout (`map`, `starmap`, `apply`, an `*_async`
call's `.get()`, an `imap` iterated where it is made): the worker
ends without answering the task, the pool starts another, and the call waits forever, under every start method.

    assemble = functools.partial(sga.assemble_component, min_length=self.min_length)
    with multiprocessing.Pool(self.cpu) as pool:
        return pool.map(assemble, components)   # sga: `if exit_on_empty: sys.exit(0)`, exit_on_empty=True by default

The task is a function of this module, a function of another project module, or a `functools.partial` of either
(its bound arguments are the first of each call). Silent for a ProcessPoolExecutor (its worker sends SystemExit back;
a hard end breaks it: rules/broken_pools), for a Pool of a library or a subclass that makes its own workers, and
when the call's arguments rule the end out (`exit_on_empty=False`)."""
from __future__ import annotations

import ast

from mpguard.rules.raised_elsewhere import RAISE_DEPTH
from mpguard.rules.worker_ends import HARD, EndPaths, FUNCS, imported_ends
from mpguard.semantic import param_guards as G
from mpguard.semantic import values as V
from mpguard.semantic.platforms import ALL_METHODS
from mpguard.text.findings import RelatedFile

WAITING = frozenset({"map", "starmap", "apply"})  # the calls that wait for every result, with no timeout
ASYNC = frozenset({"apply_async", "map_async", "starmap_async"})  # waited for by `.get()` without a timeout
LAZY = frozenset({"imap", "imap_unordered"})  # waited for item by item by whatever iterates them
CONSUMERS = frozenset({"list", "tuple", "set", "sorted", "dict", "sum", "max", "min"})


def check(ctx) -> None:
    for submit in ctx.facts.submits:
        pool = submit.pool
        if not _waits(ctx, submit) or pool.kind != "Pool" or pool.own_workers \
                or pool.boundary is not None or pool.package == "billiard":
            continue
        found = _task_end(ctx, submit)
        if found is None:
            continue
        task, (cls, line, what, path) = found
        shown = path.replace(chr(92), "/").rsplit("/", 1)[-1] if path else "this module"
        how = "ends the worker process with no exception" if cls == HARD else \
            f"raises {cls}, which is not an Exception (a Pool worker catches only those), so it ends the worker"
        ctx.report("MP416", submit.node, f"the task {task}() can end its Pool worker: `{what}` on line {line} of "
                   f"{shown} {how} before the task's result is sent; the pool starts another worker and "
                   f"this {submit.method_name}() waits forever for the lost result", ALL_METHODS,
                   related_file=RelatedFile(path, line, "the worker process ends here") if path else None,
                   related=_own_line(ctx, line) if not path else ())


def _waits(ctx, submit) -> bool:
    """Does the submit wait for every result with no timeout: `map()`, `starmap()`, `apply()`, `apply_async(...)
    .get()` (no timeout), or `imap(...)` iterated where it is made (`for r in pool.imap(...)`, `list(pool.imap(...))`)?"""
    name, node = submit.method_name, submit.node
    if name in WAITING:
        return True
    parent = ctx.parents.get(node)
    if name in ASYNC:
        call = ctx.parents.get(parent) if type(parent) is ast.Attribute and parent.attr == "get" else None
        return type(call) is ast.Call and call.func is parent and not call.args and not call.keywords
    if name in LAZY:
        if type(parent) in (ast.For, ast.AsyncFor, ast.comprehension):
            return parent.iter is node
        return type(parent) is ast.Call and type(parent.func) is ast.Name and parent.func.id in CONSUMERS \
            and parent.args[:1] == [node]
    return False


def _task_end(ctx, submit):
    """(the task's name, (class, line, what, path or None)) of the first end the task may reach for the calls the
    pool makes of it, else None."""
    call = G.task_call(submit.method_name, submit.node)
    func = submit.func if type(submit.func) is V.ModuleRef else ctx.flow.resolve(submit.func) \
        if submit.func is not None else None
    for option in func.options if type(func) is V.Union else (func,):
        bound = []
        if type(option) is V.Partial and type(option.node) is ast.Call and option.node.args and not option.made_by:
            bound = option.node  # `partial(f, a, key=b)`: each call is f(a, <item>, key=b)
            option = ctx.flow.resolve(option.func) if type(option.func) is not V.ModuleRef else option.func
        made = _with_bound(call, bound) if bound else call
        if type(option) is V.ModuleRef and ctx.resolver is not None:
            ends = imported_ends(ctx.resolver, option.qualified, ctx.as_read(made), RAISE_DEPTH)
            if ends:
                return option.qualified, ends[0]
        elif type(option) is V.Callable and type(option.definition) in FUNCS \
                and ctx.parents.get(option.definition) is ctx.tree:
            if "end paths" not in ctx.memo:
                ctx.memo["end paths"] = EndPaths(ctx, RAISE_DEPTH)
            definition = option.definition
            for key, alternatives in sorted(ctx.memo["end paths"].of(definition).items(), key=lambda e: e[0][1]):
                if G.reached(alternatives, definition, ctx.as_read(made) if made is not None else None):
                    return definition.name, key
    return None


def _with_bound(call, partial: ast.Call):
    """The call a pool makes of `partial(f, a, key=b)` given `call` of the partial: f(a, *call's, key=b, **call's);
    None when the call is not known (then every condition may hold)."""
    if call is None or any(type(a) is ast.Starred for a in partial.args) or any(k.arg is None for k in partial.keywords):
        return None
    return ast.Call(func=partial.args[0], args=[*partial.args[1:], *call.args],
                    keywords=[*partial.keywords, *call.keywords])


def _own_line(ctx, line: int) -> tuple:
    found = next((n for n in ast.walk(ctx.tree) if isinstance(n, ast.stmt) and n.lineno == line), None)
    return ((found, "the worker process ends here"),) if found is not None else ()
