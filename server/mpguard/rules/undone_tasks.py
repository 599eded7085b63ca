"""MP416, JoinableQueue: a worker process that can raise between taking an item and marking it done, while the parent
waits in the queue's `join()` (revoltek/losoto PR 173).

    def run(self):
        while True:
            parms = self.inQueue.get()
            ...
            self.outQueue.put(self.funct(*parms))   # fit_phase raises ValueError on too few points
            self.inQueue.task_done()                # never reached: the worker process ends
    ...
    self.inQueue.join()                             # waits for a task_done() that never comes

`JoinableQueue.join()` returns once every item put has been marked done; an exception a worker does not catch ends
that worker before its `task_done()`, so the count never reaches zero and the join waits forever. Said with the
evidence rules/lost_results asks for a lost put (a `raise`, or a call of a function of this or another project module
whose own code raises outside any `try`, on every way to one of the worker's `task_done()` calls, no `try` of the
worker around it), for a JoinableQueue the process is given (a target's argument, a field its `__init__` keeps),
joined in the parent by a function that never asks whether a child is alive."""
from __future__ import annotations

import ast

from mpguard.rules.lost_results import asks_liveness, producers, raise_before_put
from mpguard.semantic.platforms import ALL_METHODS


def check(ctx) -> None:
    joins = [op for op in ctx.facts.ops if op.name == "join" and op.obj.kind == "Queue"
             and getattr(op.obj, "factory", "") == "JoinableQueue" and ctx.in_parent(op.where)]
    if not joins:
        return
    liveness: dict = {}  # id(function) -> does it ask whether a child is alive
    for creation in ctx.facts.creations:
        if creation.kind != "Process" or not ctx.in_parent(creation.where):
            continue
        for target, receiver, queue in producers(ctx, creation):
            waits = [j for j in joins if j.obj is queue and not _asks(ctx, j.where.function, liveness)]
            if not waits:
                continue
            found = raise_before_put(ctx, target, receiver, ("task_done",), every=True)
            if found is None:
                continue
            what, line = found
            name = target.name if target.name != "run" else f"{creation.value.subclass.name}.run"
            join = waits[0].node
            ctx.report("MP416", join, f"`{ast.unparse(join)}` waits until every item taken is marked done, and "
                       f"`{name}` can raise before its `{receiver}.task_done()` ({what}, line {line}): the "
                       "exception ends that process (its traceback is printed there), its item is never marked "
                       "done, and this join() waits forever", ALL_METHODS,
                       related=((creation.node, "the worker process"),))
            return


def _asks(ctx, function, memo: dict) -> bool:
    scope = function if function is not None else ctx.tree
    if id(scope) not in memo:
        memo[id(scope)] = asks_liveness(scope)
    return memo[id(scope)]
