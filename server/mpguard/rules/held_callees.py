"""MP305 through a lock another project module's code holds across a wait (semantic/lock_graph.py "waits"):
a thread of this module calls a function or method of that module which holds one of the module's locks while it
sleeps or waits (`h5.File(path).read_values()` holding h5py's global `phil` around its read), and a process forked
while the thread runs (a Process started, a Pool made, a ProcessPoolExecutor's first task) executes code that
takes the same lock (`h5.File(path)` in the child: h5py #2584). The
thread spends that call inside the lock, so a fork while it runs copies the lock held by a thread the child does not
have, and the child's first call that takes it waits forever.

Said when the thread is started before the fork: earlier in the function that forks with no end of a thread in
between (rules/thread_order.ends_between), or in a function a common caller runs first with no end on the way
(rules/thread_order.runs_first_unended); a start in a `for` over the threads it starts counts. The calls are
those the value flow names as the other module's (`ctx.facts.project_calls`), in the thread's target and what it
calls of this module, and in the child's. Not said for a lock the module re-creates in a forked child
(semantic/threads.recreated_at_fork) or one a module this module imports takes around every fork
(`os.register_at_fork(before=lock.acquire, after_in_child=lock.release)`: semantic/module_locks.serialised_at_fork,
h5py's fix), nor for one the child's first statements make anew (rules/child_resets)."""
from __future__ import annotations

import ast
from dataclasses import dataclass

from mpguard.rules.child_resets import child_resets
from mpguard.rules.thread_order import child_targets, ends_between, runs_first_unended
from mpguard.semantic.lock_graph import LOCK_GRAPH_FACT, lock_graph_fact
from mpguard.semantic.module_locks import SERIALISED_LOCKS_FACT, serialised_fact


def held_in_callees(ctx) -> None:
    resolver = ctx.resolver
    if resolver is None or not hasattr(resolver, "module_fact") or not ctx.facts.project_calls:
        return
    threads = [s for s in ctx.facts.starts if s.obj.kind == "Thread" and getattr(s.obj, "creation", None)]
    forks = _fork_points(ctx)
    if not threads or not forks:
        return
    waits, takes = {}, {}  # function -> {qualified lock}: held across a wait by its calls / taken by its calls
    for _e, qualified, _args, _kwargs, w in ctx.facts.project_calls:
        found = _fact_of(resolver, qualified)
        if found is None:
            continue
        module, key, fact = found
        waits.setdefault(w.function, set()).update(f"{module}.{lock}" for lock in fact.get("waits", {}).get(key, ()))
        takes.setdefault(w.function, set()).update(f"{module}.{lock}" for lock in fact.get("takes", {}).get(key, ()))
    safe = _serialised(ctx)
    reported = {f.start for f in ctx.findings if f.code == "MP305"}
    for start in forks:
        methods = ctx.breaks(start.method, lambda m: m == "fork")
        if ctx.source.node_start(start.node) in reported or not methods and not getattr(methods, "platforms", None):
            continue
        targets, _handed = child_targets(ctx, start.node)
        child = ctx.reachable([d for value, _expr in targets for d in ctx.definitions_of(value)]) if targets else set()
        needed = set().union(*(takes.get(f, set()) for f in child)) - safe
        needed -= {k[len("global:"):] for k in child_resets(ctx, start.node) if k.startswith("global:")}
        if not needed:
            continue
        for thread in threads:
            code = ctx.reachable(ctx.definitions_of(thread.obj.creation.target))
            held = set().union(set(), *(waits.get(f, set()) for f in code)) | _target_waits(ctx, thread.obj.creation)
            held &= needed
            if not held or ctx.runs_in_child(thread.where) or not ctx.in_parent(thread.where):
                continue
            if thread.where.function is start.where.function:
                if not (thread.where.order < start.where.order and not thread.where.loop) \
                        or ends_between(ctx, thread.node, start.node, start.where.function) \
                        or ctx.exclusive(ctx.statement_of(thread.node), ctx.statement_of(start.node)):
                    continue
            elif not runs_first_unended(ctx, (thread.where, thread.node), (start.where, start.node)):
                continue
            lock = sorted(held)[0]
            ctx.report("MP305", start.node, f"the thread started on line {thread.node.lineno} holds `{lock}` while "
                       f"it waits inside a call of its module, and the child takes `{lock}` too: forked while the "
                       "thread is in that call, the child's copy of the lock stays locked forever",
                       methods, related=((thread.node, "the thread that holds the lock is started here"),))
            break


@dataclass(frozen=True)
class Fork:
    node: object
    where: object
    method: str | None


def _fork_points(ctx) -> list:
    """Where the parent forks children whose code is known (rules/thread_order.child_targets): a Process started,
    a Pool made (its workers are forked then), a ProcessPoolExecutor's first task."""
    out = [Fork(s.node, s.where, s.obj.method) for s in ctx.facts.starts
           if s.obj.kind == "Process" and s.obj.boundary is None]
    out.extend(Fork(c.node, c.where, c.value.method) for c in ctx.facts.creations
               if c.kind == "Pool" and c.value.boundary is None)
    first = {}
    for submit in ctx.facts.submits:
        if submit.pool.kind == "Executor" and submit.pool.boundary is None:
            first.setdefault(id(submit.pool), submit)
    out.extend(Fork(s.node, s.where, s.pool.method) for s in first.values())
    return out


def _target_waits(ctx, creation) -> set:
    """The locks a thread whose target is another project module's function or method holds across a wait in it
    (`Thread(target=store.drain, ...)`)."""
    expr = getattr(creation, "target_expr", None)
    qualified = ctx.imports.qualify(expr) if expr is not None else None
    found = _fact_of(ctx.resolver, qualified) if qualified and "." in qualified else None
    if found is None:
        return set()
    module, key, fact = found
    return {f"{module}.{lock}" for lock in fact.get("waits", {}).get(key, ())}


def _fact_of(resolver, qualified: str):
    """(module, key, its lock fact) of the project module whose function, class or method `qualified` names
    (`pkg.h5.File.read_values` -> `pkg.h5`, `File.read_values`), else None."""
    parts = qualified.split(".")
    for cut in range(len(parts) - 1, 0, -1):  # the longest module first
        fact = resolver.module_fact(".".join(parts[:cut]), LOCK_GRAPH_FACT, lock_graph_fact)
        if fact is not None:
            return (".".join(parts[:cut]), ".".join(parts[cut:]), fact) if fact else None
    return None


def _serialised(ctx) -> set:
    """The locks that a project module this module imports takes around every fork (semantic/module_locks)."""
    out = set()
    for module in sorted(_imported_modules(ctx)):
        out.update(ctx.resolver.module_fact(module, SERIALISED_LOCKS_FACT, serialised_fact) or ())
    return out


def _imported_modules(ctx) -> set:
    """The modules this module's imports name (`from pkg import mod as m`: `pkg.mod` and `pkg`)."""
    out = set()
    for node in ctx.tree.body:
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            out.add(node.module)
            out.update(f"{node.module}.{a.name}" for a in node.names)
    return out
