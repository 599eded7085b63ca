"""MP423 through a logging handler's own lock: a thread logs through a logger whose handler (an object of a project
class, added in the parent before the fork) holds a lock of its own across a blocking call in `emit()`
(semantic/emit_locks.py), and the forked child logs through the same logger (cpython #81610). The thread spends
its emit inside that lock, so a fork while it runs copies the lock held by a thread the child does not have, and
the child's first record through that logger waits for it forever. logging re-creates in a forked child only
each Handler's own `self.lock` (3.7+), not a lock the handler makes itself.

Said when the handler is added before the fork (same function earlier, or a function a common caller runs first:
rules/call_order.py), a `threading.Thread` is started before the fork and not joined on the way
(rules/thread_order.ends_between), the code the thread runs (its target and what it calls of this module) makes a
record through that logger at a level the logger's `setLevel(<constant>)` keeps, and so does the code the forked
child runs. A thread whose target does nothing but such records is judged too (it is alive for as long as its
emit waits, under the lock), unlike MP423's short-lived threads elsewhere."""
from __future__ import annotations

import ast

from mpguard.rules.call_order import runs_before
from mpguard.rules.logging_state import named_record_levels
from mpguard.rules.fact_lookup import joined_threads, thread_starts
from mpguard.rules.lost_thread_work import handler_class, handler_levels
from mpguard.rules.thread_order import child_targets, ends_between
from mpguard.semantic.emit_locks import held_across_wait


def held_in_emit(ctx, fork, where) -> tuple | None:
    """(description, line of the thread's start) of a thread that may hold a handler's own lock inside emit()
    when `fork` copies the process, and that the child forked there takes too; else None."""
    effects = ctx.facts.effects_of("logging.handler")
    threads = thread_starts(ctx)  # (per fork point: read once per analysis, rules/fact_lookup)
    if not effects or not threads:
        return None
    targets, _handed = child_targets(ctx, fork)
    child = ctx.reachable([d for value, _expr in targets for d in ctx.definitions_of(value)]) if targets else set()
    if not child:
        return None
    joined = joined_threads(ctx)
    for effect in effects:
        if not _before(ctx, effect.where, effect.node, where, fork) or ctx.runs_in_child(effect.where):
            continue
        name, handler = effect.detail
        found = handler_class(ctx, handler)
        held = held_across_wait(found[0], found[1], "emit") if found is not None else None
        levels = handler_levels(ctx, effect.node) if held is not None else None
        if not levels:
            continue
        kept = max(levels)
        if not _logs(ctx, child, name, kept):
            continue
        for start in threads:
            creation = getattr(start.obj, "creation", None)
            if creation is None or ctx.runs_in_child(start.where) or start.where.loop \
                    or not _before(ctx, start.where, start.node, where, fork) \
                    or (ends_between(ctx, start.node, fork, where.function) if start.where.function is where.function
                        else id(start.obj) in joined):  # (joined elsewhere: where that runs is not followed)
                continue
            if _logs(ctx, ctx.reachable(ctx.definitions_of(creation.target)), name, kept):
                return (f"the thread started by `{ast.unparse(start.node.func)}()` logs through `{name}`, whose handler "
                        f"`{found[0].name}` holds its own `self.{held.attribute}` in emit() across a blocking call "
                        f"(line {held.line} of its module), and the child logs through it too", start.node.lineno)
    return None


def _before(ctx, first_where, first, where, fork) -> bool:
    if first_where.function is where.function:
        return first_where.order < where.order and not ctx.exclusive(ctx.statement_of(first), ctx.statement_of(fork))
    return runs_before(ctx, (first_where, first), (where, fork))


def _logs(ctx, functions, name: str, kept: int) -> bool:
    return any(level is not None and level >= kept for func in functions
               for level in named_record_levels(ctx, func, name))
