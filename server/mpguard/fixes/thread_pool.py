"""MP413: a pool made in a daemonic process (a Pool worker's task) becomes a pool of threads.

`multiprocessing.Pool(n)` (also `Pool`, `mp.Pool`, `ctx.Pool`) -> `multiprocessing.pool.ThreadPool(n)`, which
has Pool's API (map, imap, starmap, apply_async, close, join, `with`); `ProcessPoolExecutor(n)` ->
`concurrent.futures.ThreadPoolExecutor(n)`. A daemonic process may start threads, not children (the usual
answer to "daemonic processes are not allowed to have children", e.g. iree-turbine #333 removed the nested
process pool). UNSAFE: the inner tasks share the worker's GIL (CPU-bound work no longer runs in parallel) and
its memory (they see and change the worker's globals). No fix for arguments a thread pool does not take
(`maxtasksperchild`, `context`, `mp_context`, `max_tasks_per_child`), nor for a Process or a Manager.
"""
from __future__ import annotations

import ast

from mpguard.text.findings import Applicability, Edit, Fix
from mpguard.fixes import _text as T

# kind of the creation -> (module to import, class, the arguments both take: positional count, keywords)
_THREADED = {
    "Pool": ("multiprocessing.pool", "ThreadPool", 3, {"processes", "initializer", "initargs"}),
    "Executor": ("concurrent.futures", "ThreadPoolExecutor", 1, {"max_workers", "initializer", "initargs"}),
}


@T.fix_builder
def thread_pool_fix(ctx, node):
    """MP413: the pool `node` makes, made of threads instead (UNSAFE)."""
    creation = next((c for c in ctx.facts.creations if c.node is node), None)
    if creation is None or not isinstance(node, ast.Call) or creation.kind not in _THREADED \
            or getattr(creation.value, "boundary", None) is not None or creation.value.subclass is not None:
        return None  # a library's pool, a Pool subclass, a Process or a Manager: no thread twin
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
