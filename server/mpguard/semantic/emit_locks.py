"""A lock of its own that an object's method holds across a wait (MP423's logging handlers, rules/emit_locks.py).

    class BatchingHandler(logging.Handler):
        def __init__(self):
            super().__init__()
            self._batch_lock = threading.Lock()      # the handler's own lock: logging does not re-create it
        def emit(self, record):
            with self._batch_lock:
                ...
                time.sleep(self.slow_flush)          # held while it waits

A thread inside such a method holds the lock for the length of the wait; a process forked then gets the lock
held by a thread it does not have. logging re-creates in a forked child only the handler locks it knows of (each
Handler's `self.lock`, 3.7+: bpo-6721), not the ones a handler makes itself. Read from the class's syntax alone:
a `with self.<name>:` (no `as`) in the method whose body makes a call that waits (lock_graph.waits:
`time.sleep`, an Event's `.wait()`, a queue's `.get()`, `.recv()`, ...), `self.<name>` bound only in `__init__`, there to a
`threading.Lock()` or `RLock()`. A class that reads the process it runs in or registers at-fork hooks
(served_queues.FORK_AWARE) is passed over: it may make the lock anew in the child."""
from __future__ import annotations

import ast
from dataclasses import dataclass

from mpguard.semantic.local_values import own_nodes
from mpguard.semantic.served_queues import FORK_AWARE
from mpguard.semantic.lock_graph import waits

LOCK_MAKERS = frozenset({"threading.Lock", "threading.RLock"})
FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


@dataclass(frozen=True)
class HeldLock:
    attribute: str  # `self.<attribute>`
    line: int  # of the blocking call made under it


def held_across_wait(cls, qualify, method: str) -> HeldLock | None:
    """The lock of its own that `cls`'s `method` holds across a blocking call (see the module's words), else
    None. `qualify`: the import map of the class's module."""
    if not isinstance(cls, ast.ClassDef):
        return None
    methods = {f.name: f for f in cls.body if isinstance(f, FUNCS)}
    init, judged = methods.get("__init__"), methods.get(method)
    if init is None or judged is None or any(type(n) is ast.Attribute and qualify(n) in FORK_AWARE
                                             for n in ast.walk(cls)):
        return None
    locks = _own_locks(cls, init, qualify)
    for node in own_nodes(judged):
        if type(node) is not ast.With:
            continue
        held = [item.context_expr.attr for item in node.items if item.optional_vars is None
                and _self_attribute(item.context_expr) and item.context_expr.attr in locks]
        if not held:
            continue
        for inner in (n for stmt in node.body for n in ast.walk(stmt)):
            if type(inner) is ast.Call and waits(inner, qualify):
                return HeldLock(held[0], inner.lineno)
    return None


def _own_locks(cls, init, qualify) -> set:
    """The attributes `__init__` binds to a new threading lock and no method binds again."""
    made = {n.targets[0].attr for n in own_nodes(init) if type(n) is ast.Assign and len(n.targets) == 1
            and _self_attribute(n.targets[0]) and type(n.value) is ast.Call and qualify(n.value.func) in LOCK_MAKERS}
    if not made:
        return made
    bound = {}
    for node in ast.walk(cls):
        if type(node) is ast.Attribute and type(node.ctx) is not ast.Load and node.attr in made:
            bound[node.attr] = bound.get(node.attr, 0) + 1
    return {name for name in made if bound.get(name) == 1}


def _self_attribute(node) -> bool:
    return type(node) is ast.Attribute and type(node.value) is ast.Name and node.value.id == "self"
