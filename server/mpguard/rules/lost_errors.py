"""MP419: an exception of a task or child process that nothing can observe. The parent waits for the work and goes on
as if it had succeeded:

    for outlet in outlets:
        pool.apply_async(gen_uh_run, (outlet,), callback=store_result)   # no error_callback, result dropped
    pool.close()
    pool.join()                                                          # a raise in gen_uh_run vanishes

    p = Process(target=fac2real, args=(pp, fac, out)); p.start()
    p.join()                                                             # exitcode never read

A Pool keeps a failed task's exception in its AsyncResult and hands it to `error_callback` only: with no
error_callback and the AsyncResult dropped, it is lost (UW-Hydro/RVIC PR 62). An exception a Process target does not
catch ends the child, which prints its traceback; the parent learns of it only through `exitcode` (pypest/pyemu
#136). Under every start method.

Said only when all of these are shown (precision first: most code can raise somewhere):
- the task or target is a def of this module or of another project module, and a `raise` is in its own code, or in
  the code of a function of the same module it calls (one call deep), outside any `try` of either (a handler may
  report); not `raise NotImplementedError` and the like, nor a bare `raise`;
- for a Pool: `apply_async` / `map_async` / `starmap_async` as an expression statement (the AsyncResult is not
  kept), no `error_callback` (no `**options` either), and the pool joined afterwards in the same function; for a
  ProcessPoolExecutor: `submit` as an expression statement (the Future is not kept, so no done-callback either),
  inside the executor's `with` block or before its `shutdown()` in the same function; not a library's pool;
- for a Process: given no queue, pipe, manager proxy, shared value, container or unknown parameter (a result channel
  may reveal the failure: MP416's domain), joined, and neither the function that starts it nor the one that joins it reads `exitcode`, `is_alive`,
  `sentinel` or waits on connections."""
from __future__ import annotations

import ast

from mpguard.rules.lost_results import asks_liveness
from mpguard.rules.fact_lookup import starts_of
from mpguard.rules.registry import Rule, register
from mpguard.semantic import values as V
from mpguard.semantic.platforms import ALL_METHODS
from mpguard.text.findings import RelatedFile

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
TRIES = (ast.Try, getattr(ast, "TryStar", ast.Try))
DROPPING = frozenset({"apply_async", "map_async", "starmap_async"})
# raises that are not a failure of the work: abstract methods, a generator's end, the interpreter leaving
NOT_FAILURES = frozenset({"NotImplementedError", "StopIteration", "SystemExit", "KeyboardInterrupt", "GeneratorExit"})
# the multiprocessing objects a child cannot answer through (any other one given to it may carry its failure back)
MUTE = frozenset({"Lock"})

ERROR_LOST = register(Rule(
    "MP419", "task-error-never-observed",
    "A task or child process can raise, and nothing observes its failure: an apply_async/map_async result dropped "
    "without error_callback, a ProcessPoolExecutor Future dropped, or a Process joined without reading its exitcode",
    ALL_METHODS, {m: "No exception in the parent: the task's exception is dropped with its result (a Process: only "
                  "its traceback is printed by the child), and the parent goes on as if the work had succeeded"
                  for m in ("fork", "spawn", "forkserver")},
    fix_title="Pass error_callback= (or keep the AsyncResult or Future and get its result); check each Process's "
    "exitcode after join()",
))


def check(ctx) -> None:
    ops, joins = {}, {}
    for op in ctx.facts.ops:
        if op.name in ("join", "shutdown"):
            ops.setdefault(id(op.obj), []).append(op)
        if op.name == "join":
            joins.setdefault(id(op.obj), []).append(op)
    _dropped_results(ctx, ops)
    _unread_exit_codes(ctx, joins)


def _dropped_results(ctx, ops) -> None:
    for submit in ctx.facts.submits:
        pool = submit.pool
        if submit.result_used != "discarded" or pool.boundary is not None or not ctx.in_parent(submit.where):
            continue
        if pool.kind == "Pool" and submit.method_name in DROPPING:
            keywords = {k.arg for k in submit.node.keywords}
            if "error_callback" in keywords or None in keywords:
                continue
            holder, waits = "AsyncResult", "join()"
        elif pool.kind == "Executor" and submit.method_name == "submit":
            holder, waits = "Future", "the executor's shutdown"
        else:
            continue
        if not _waited(ctx, submit, ops):
            continue  # (not waited for here: a Pool's `with` block ending is MP411's)
        raised = _raise_of(ctx, submit.func)
        if raised is None:
            continue
        what, line, name, path = raised
        told = ", with no error_callback" if holder == "AsyncResult" else ""
        ctx.report("MP419", submit.node, f"`{name}` can raise ({what}, line {line}), and its exception is kept "
                   f"only in the {holder} this `{submit.method_name}` drops{told}: the failure vanishes and the parent "
                   f"goes on after {waits}", ALL_METHODS, related_file=_there(path, line))


def _waited(ctx, submit, ops) -> bool:
    """Does the function that submits wait for the work after it: a Pool's join(), an executor's shutdown() or the end
    of its `with` block around the submit?"""
    pool = submit.pool
    if pool.kind == "Executor" and any(value is pool for _with, value in submit.where.pools):
        return True
    wait = "join" if pool.kind == "Pool" else "shutdown"
    return any(op.name == wait and op.where.function is submit.where.function and op.where.order > submit.where.order
               for op in ops.get(id(pool), ()))


def _unread_exit_codes(ctx, joins) -> None:
    for creation in ctx.facts.creations:
        if creation.kind != "Process" or creation.value.subclass is not None or not ctx.in_parent(creation.where):
            continue
        joined = joins.get(id(creation.value), ())
        starts = list(starts_of(ctx, creation.value))
        if not joined or not starts or any(_channel(ctx, value) for _expr, value in creation.args):
            continue
        scopes = {id(x.where.function): x.where.function for x in (creation, *starts, *joined)}
        if any(asks_liveness(scope if scope is not None else ctx.tree) for scope in scopes.values()):
            continue
        raised = _raise_of(ctx, creation.target)
        if raised is None:
            continue
        what, line, name, path = raised
        ctx.report("MP419", starts[0].node, f"the child runs `{name}`, which can raise ({what}, line {line}); the "
                   f"parent joins it (line {joined[0].node.lineno}) and never reads its exitcode: the child only "
                   "prints its traceback, and the parent goes on as if the work had succeeded", ALL_METHODS,
                   related_file=_there(path, line))


def _there(path, line):
    return RelatedFile(str(path), line, "the task can raise here") if path is not None else None


def _channel(ctx, value) -> bool:
    """May the argument (or an item of it) be something the child can answer through: a multiprocessing object but a
    Lock, a container, or a parameter whose callers' values are not known (a queue the caller made)?"""
    value = ctx.flow.resolve(value)
    values = value.items if type(value) is V.Sequence else [value]
    return any(type(v) is V.MPObject and v.kind not in MUTE or type(v) in (V.Sequence, V.Param) for v in values)


def _raise_of(ctx, func):
    """(what, line, name, the path of its module when not this one) of a raise the function the value runs can make, outside any `try`, else None."""
    if func is None:
        return None
    func = ctx.flow.resolve(func)
    if type(func) is V.Partial:  # (`partial(convert, dpi=300)`: its function runs)
        func = ctx.flow.resolve(func.func)
    if type(func) is V.ModuleRef and ctx.resolver is not None and hasattr(ctx.resolver, "definition"):
        definition = ctx.resolver.definition(func.qualified)
        module = func.qualified.rpartition(".")[0]
        lookup = lambda name: ctx.resolver.definition(f"{module}.{name}")  # noqa: E731
        name = func.qualified
        path = ctx.resolver.locate(module) if hasattr(ctx.resolver, "locate") else None
    else:
        definitions = ctx.definitions_of(func) if type(func) is V.Callable and func.kind == "module" else []
        definition = definitions[0] if len(definitions) == 1 else None
        tops = {f.name: f for f in ctx.tree.body if type(f) in FUNCS}
        lookup = tops.get
        name, path = getattr(definition, "name", ""), None
    if type(definition) not in FUNCS:
        return None
    found = _own_raise(definition)
    if found is not None:
        return (*found, name, path)
    for call in _uncaught(definition, ast.Call):
        callee = lookup(call.func.id) if type(call.func) is ast.Name else None
        if type(callee) in FUNCS and callee is not definition:
            found = _own_raise(callee)
            if found is not None:
                return f"`{call.func.id}(...)` may raise {found[0][len('`raise '):-1]}", call.lineno, name, path
    return None


def _own_raise(function):
    for node in _uncaught(function, ast.Raise):
        if node.exc is None:
            continue
        made = node.exc.func if type(node.exc) is ast.Call else node.exc
        if ast.unparse(made).rpartition(".")[2] in NOT_FAILURES:
            continue
        return f"`raise {ast.unparse(made)}`", node.lineno
    return None


def _uncaught(function, kind) -> list:
    """The nodes of `kind` in the function's own code (not its nested defs) that no `try` of it encloses, in order."""
    out, stack = [], list(reversed(function.body))
    while stack:
        node = stack.pop()
        if type(node) in TRIES or isinstance(node, (*FUNCS, ast.Lambda, ast.ClassDef)):
            continue
        if type(node) is kind:
            out.append(node)
        stack.extend(reversed(list(ast.iter_child_nodes(node))))
    return sorted(out, key=lambda n: (n.lineno, n.col_offset))
