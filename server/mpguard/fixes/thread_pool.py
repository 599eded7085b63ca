"""MP413: a pool made in a daemonic process (a Pool worker's task) becomes a pool of threads.

`multiprocessing.Pool(n)` (also `Pool`, `mp.Pool`, `ctx.Pool`) -> `multiprocessing.pool.ThreadPool(n)`, which
has Pool's API (map, imap, starmap, apply_async, close, join, `with`); `ProcessPoolExecutor(n)` ->
`concurrent.futures.ThreadPoolExecutor(n)`. A daemonic process may start threads, not children (the usual
answer to "daemonic processes are not allowed to have children", e.g. iree-turbine #333 removed the nested
process pool). UNSAFE: the inner tasks share the worker's GIL (CPU-bound work no longer runs in parallel) and
its memory (they see and change the worker's globals). No fix for arguments a thread pool does not take
(`maxtasksperchild`, `context`, `mp_context`, `max_tasks_per_child`), nor for a Process. A Manager's
`.dict()` or `.list()` the worker only uses itself (sailfish #6) becomes a plain `dict()` / `list()` instead.
"""
from __future__ import annotations

import ast

from mpguard.semantic.index import nodes_in
from mpguard.semantic.names import api_kind
from mpguard.text.findings import Applicability, Edit, Fix
from mpguard.fixes import _text as T

# kind of the creation -> (module to import, class, the arguments both take: positional count, keywords)
_THREADED = {
    "Pool": ("multiprocessing.pool", "ThreadPool", 3, {"processes", "initializer", "initargs"}),
    "Executor": ("concurrent.futures", "ThreadPoolExecutor", 1, {"max_workers", "initializer", "initargs"}),
}


# what the constructor is called where the code names it (`Pool`, `mp.Pool`, `ctx.Pool`, `ProcessPoolExecutor`)
_NAMES = frozenset({"Pool", "ProcessPoolExecutor"})


def _named(func) -> str | None:
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None


@T.fix_builder
def thread_pool_fix(ctx, node):
    """MP413: the pool `node` makes, made of threads instead (UNSAFE)."""
    creation = next((c for c in ctx.facts.creations if c.node is node), None)
    if creation is not None and creation.kind == "Manager" and getattr(creation.value, "boundary", None) is None:
        return _local_container(ctx, node)
    if creation is None or not isinstance(node, ast.Call) or creation.kind not in _THREADED \
            or getattr(creation.value, "boundary", None) is not None or creation.value.subclass is not None:
        return None  # a library's pool, a Pool subclass, a Process or a Manager: no thread twin
    if _named(node.func) not in _NAMES and api_kind(ctx.imports.qualify(node.func)) not in _THREADED:
        return None  # a class the callers give (`pool_cls(n)`, `self.config["pool_cls"](n)`): the fix is theirs
    module, cls, positional, keywords = _THREADED[creation.kind]
    if len(node.args) > positional or any(type(a) is ast.Starred for a in node.args) \
            or any(k.arg is None or k.arg not in keywords for k in node.keywords):
        raise T.CannotFix("an argument a thread pool does not take")
    alias, added = T.need_module(ctx, module)
    edits = [Edit(ctx.source.node_start(node.func), ctx.source.node_end(node.func), f"{alias}.{cls}")]
    if added is not None:
        edits.insert(0, added)
    return Fix(f"Use a pool of threads (`{cls}`), which a daemonic process may start (unsafe: the tasks share "
               "the worker's GIL and globals)", Applicability.UNSAFE, T.merge_edits(edits))


# a name bound to the proxy may be read in these places only: as a container, never handed on
_CONTAINER_BUILTINS = frozenset({"len", "dict", "list", "sorted", "set", "tuple", "iter", "sum", "min", "max",
                                 "any", "all", "enumerate", "reversed"})


def _local_container(ctx, node):
    """MP413 for `multiprocessing.Manager().dict()` (or `.list()`) made in a daemonic worker and used there only as a
    container (sailfish #6's `functions_to_symexec`): a plain `dict()`/`list()`, which needs no manager process. No
    fix when the proxy is handed to a call, returned, stored, captured by a nested function or bound twice.
    UNSAFE: a nested value read from the proxy was a copy; now it is the stored object."""
    attribute, call = ctx.parents.get(node), None
    if isinstance(attribute, ast.Attribute) and attribute.value is node and attribute.attr in ("dict", "list"):
        call = ctx.parents.get(attribute)
    if not (isinstance(call, ast.Call) and call.func is attribute) or node.args or node.keywords:
        raise T.CannotFix("not `Manager().dict()` or `Manager().list()`")
    kind = attribute.attr
    if kind in T.module_level_names(ctx):
        raise T.CannotFix(f"`{kind}` is rebound")
    stmt = ctx.parents.get(call)
    function = T.enclosing_function(ctx, call)
    if not (isinstance(stmt, ast.Assign) and stmt.value is call and len(stmt.targets) == 1
            and isinstance(stmt.targets[0], ast.Name) and isinstance(function, T.FUNCS)):
        raise T.CannotFix("not bound to a local name")
    name = stmt.targets[0].id
    for use in nodes_in(function):
        if not (isinstance(use, ast.Name) and use.id == name) or use is stmt.targets[0]:
            continue
        if not isinstance(use.ctx, ast.Load) or T.enclosing_function(ctx, use) is not function:
            raise T.CannotFix("bound twice, or used by a nested function")
        if not _used_as_container(ctx, use):
            raise T.CannotFix("handed on")
    return Fix(f"Use a plain `{kind}()`: the worker only uses it itself, and a daemonic process may not start the "
               "manager's process (unsafe: nested values read from it are no longer copies)", Applicability.UNSAFE,
               (Edit(ctx.source.node_start(node), ctx.source.node_end(attribute), kind),))


def _used_as_container(ctx, use) -> bool:
    parent = ctx.parents.get(use)
    if isinstance(parent, ast.Attribute):  # `d.setdefault(...)`, `d.items()`: the proxy's methods are the container's
        return parent.value is use and not parent.attr.startswith("_")
    if isinstance(parent, ast.Subscript):
        return parent.value is use
    if isinstance(parent, ast.comprehension) or isinstance(parent, ast.For):
        return parent.iter is use
    if isinstance(parent, ast.Compare):  # `key in d`
        return any(isinstance(op, (ast.In, ast.NotIn)) for op in parent.ops)
    if isinstance(parent, ast.Call):
        return use in parent.args and isinstance(parent.func, ast.Name) and parent.func.id in _CONTAINER_BUILTINS
    return False
