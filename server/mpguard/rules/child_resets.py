"""The locks a forked child re-makes before it uses them (semantic/lock_resets.py), for the rules that reason about
locks inherited across a fork (MP423 rules/threads.py and rules/thread_order.py, MP305 rules/state.py).

The child's first code is the target of the Process started at the fork, or the initializer of the Pool made
there (it runs before any task), a def of this module; its leading statements that reset locks, followed into the
project's functions of this module and of others (their `lock-resets` fact), give the keys `attr:<name>` and
`global:<module>.<name>`. A lock whose key is there is fresh in the child: the copy a parent's thread held is
never taken."""
from __future__ import annotations

import ast

from mpguard.rules.fact_lookup import creations_at, starts_at
from mpguard.semantic.lock_resets import RESETS_FACT, leading_resets, resets_fact
from mpguard.semantic.module_defs import def_fact

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


def child_resets(ctx, fork) -> frozenset:
    """Keys of the locks the child forked at `fork` re-makes first; empty when its first code is not known."""
    memo = ctx.memo.setdefault("child lock resets", {})
    if id(fork) not in memo:
        memo[id(fork)] = (fork, _find(ctx, fork))
    return memo[id(fork)][1]


def module_takes(ctx, module: str) -> frozenset:
    """Keys of the locks the code of the project module `module` takes (empty: none known, or not a module)."""
    fact = _fact(ctx, module)
    return frozenset(fact.get("takes", ())) if fact else frozenset()


def reset_globals(ctx, fork) -> frozenset:
    """Names of this module's globals the child forked at `fork` binds to new locks first."""
    prefix = "global:."  # (this module's own globals are keyed under the empty module name)
    return frozenset(k[len(prefix):] for k in child_resets(ctx, fork) if k.startswith(prefix))


def _find(ctx, fork) -> frozenset:
    first = None
    started = starts_at(ctx, fork)
    if started:
        creation = getattr(started[0].obj, "creation", None)
        first = getattr(creation, "target", None)
    else:
        for creation in creations_at(ctx, fork):
            if creation.kind == "Pool":
                first = getattr(creation, "initializer", None)
                break
    if first is None:
        return frozenset()
    defs = ctx.definitions_of(first)
    if len(defs) != 1 or not isinstance(defs[0], FUNCS) or ctx.parents.get(defs[0]) is None:
        return frozenset()  # (a def of another module: its leading statements are not read)
    return leading_resets(defs[0], ctx.tree, "", ctx.imports.qualify, lambda q: _other(ctx, q))


def _other(ctx, qualified: str):
    """The keys the project function (or `Class.method`) `qualified` of another module resets, else None."""
    fact, key = def_fact(ctx.resolver, qualified, RESETS_FACT, resets_fact)
    return (fact or {}).get("resets", {}).get(key) if key is not None else None


def _fact(ctx, module: str):
    resolver = ctx.resolver
    if resolver is None or not hasattr(resolver, "module_fact"):
        return None
    return resolver.module_fact(module, RESETS_FACT, resets_fact)
