"""A Process object that crosses into a spawned child after it was started (keepmenu #181: `run()` starts the
Server process, then hands it to the DmenuRunner process, whose `__init__` keeps `self.server`).

Measured on 3.10.13, 3.11.7, 3.12.1 and 3.13.0 (`Process(target=use, args=(p,)).start()`): while a child is spawned
(spawn, forkserver) multiprocessing lets a Process's authkey through, so an unstarted Process pickles, and so does
one after `close()` (its Popen is dropped); a started one, joined or not, keeps in its Popen a `Finalize` holding a
weakref: `TypeError: cannot pickle 'weakref.ReferenceType' object` (the catalog's `weakref.ref` entry gives the
words). Under fork nothing is pickled. Only a start() that runs before the crossing in the same function, on the
same path, counts; a close() of the object anywhere there makes it silent.
"""
from __future__ import annotations

import ast

from mpguard.semantic import values as V
from mpguard.semantic.names import api_kind
from mpguard.semantic.pickle_catalog import refused
from mpguard.semantic.pickle_problems import Problem

PROCESS_KINDS = {"Process", "Process:spawn", "Process:fork", "Process:forkserver"}
CUSTOM = ("__getstate__", "__reduce__", "__reduce_ex__")
MAX_BASES = 12


def started_problem(ctx, value, crossing: ast.AST, where) -> Problem | None:
    """The problem of `value` (what a child is given at `crossing`, a start() at `where`) when it is a Process
    object started before that crossing: one made here (`multiprocessing.Process(...)`, a Process subclass of
    this module) or an instance of another project module's Process subclass (`Server()`)."""
    if where is None or not _is_process(ctx, value):
        return None
    starts = _starts_of(ctx, value)
    if not any(w.function is where.function and w.order < where.order and not w.loop
               and _followed_by(ctx, node, crossing) for node, w in starts):
        return None
    if any(w.function is where.function for _node, w in _calls_of(ctx, value, "close")):
        return None  # (a closed Process drops its Popen: it pickles again)
    found = refused("weakref.ref")
    if found is None:
        return None
    return Problem("unpicklable", "a multiprocessing Process object that was started already (its Popen keeps a "
                   "finalizer holding a weakref)", found[1])


BRANCHING = (ast.If, ast.Try, ast.For, ast.AsyncFor, ast.While, ast.Match, ast.FunctionDef, ast.AsyncFunctionDef,
             ast.Lambda, ast.Module)


def _followed_by(ctx, first, later) -> bool:
    """Does `later` run whenever `first` has: a statement after first's in its block, or in an enclosing block
    reached through nothing but `with` (not `if flag: p.start()` followed by the crossing outside the `if`)?"""
    node = first
    while True:
        parent = ctx.parents.get(node)
        if parent is None:
            return False
        for name in ("body", "orelse", "finalbody"):
            block = getattr(parent, name, None)
            if isinstance(block, list) and any(x is node for x in block):
                after = block[next(i for i, x in enumerate(block) if x is node) + 1:]
                if any(_inside(ctx, later, x) for x in after):
                    return True
        if isinstance(parent, BRANCHING) or type(parent).__name__ == "TryStar":
            return False
        node = parent


def _inside(ctx, node, statement) -> bool:
    while node is not None:
        if node is statement:
            return True
        node = ctx.parents.get(node)
    return False


def _is_process(ctx, value) -> bool:
    if type(value) is V.MPObject:
        if value.kind != "Process" or value.boundary is not None:
            return False
        cls = value.subclass
        return cls is None or not _custom(ctx.facts.lineage(cls))
    if type(value) is V.Returned and ctx.resolver is not None and isinstance(value.node, ast.Call):
        return _imported_process_class(ctx.resolver, value.qualified)
    return False


def _custom(lineage) -> bool:
    """Does a class of the lineage decide what is pickled (`__getstate__`, `__reduce__`)?"""
    return any(isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef)) and f.name in CUSTOM
               for c in lineage if isinstance(c, ast.ClassDef) for f in c.body)


def _imported_process_class(resolver, qualified: str) -> bool:
    """Is `qualified` a class of a project module deriving from multiprocessing's Process (through bases of
    the same module), with no pickling method of its own?"""
    found = resolver.class_definition(qualified)
    module = qualified.rpartition(".")[0]
    for _ in range(MAX_BASES):
        if found is None:
            return False
        cls, imports = found
        if _custom([cls]):
            return False
        local = None
        for base in cls.bases:
            qualified_base = imports.qualify(base) if imports is not None else None
            if api_kind(qualified_base) in PROCESS_KINDS:
                return True
            if isinstance(base, ast.Name) and local is None:
                local = resolver.class_definition(f"{module}.{base.id}")
        found = local
    return False


def _starts_of(ctx, value) -> list:
    """[(node, where)] of the start() calls made on `value`."""
    return _calls_of(ctx, value, "start")


def _calls_of(ctx, value, name: str) -> list:
    if type(value) is V.MPObject:
        if name == "start":
            return [(s.node, s.where) for s in ctx.facts.starts if s.obj is value]
        return [(op.node, op.where) for op in ctx.facts.ops if op.obj is value and op.name == name]
    out = []
    receivers = ctx.facts.receivers
    for call, qualified, _args, _kwargs, where in ctx.facts.project_calls:
        if qualified.endswith("." + name):
            receiver = receivers.get((id(call), qualified))
            if type(receiver) is V.Returned and receiver.node is value.node:
                out.append((call, where))
    return out
