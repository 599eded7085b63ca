"""A class that refuses to be pickled on purpose: the method pickle calls only raises.

google-cloud's `Client.__getstate__` raises `PicklingError("Pickling client objects is explicitly not
supported. ...")`; database handles, sockets wrappers and SDK sessions do the same with `TypeError`.
Pickle's algorithm asks the object's `__reduce_ex__`, which (unless overridden) asks `__reduce__`, which
(unless overridden) asks `__getstate__`: the first of these a class of the lineage defines is the one
that runs. When every path through its body ends in a `raise` (no `return` anywhere), every pickling of an instance
fails with that exception.

Any other body (one that drops a lock and returns the rest, one that raises only on a condition) is
the class deciding its own state: judged fine, as before.

cloudpickle and dill copy functions and classes by value, but an instance of any class still goes through
`obj.__reduce_ex__(protocol)` (neither registers a reducer for a user's class), so such a refusal holds for
every serializer: `refused_by_own_method` tells the serializer verdict (semantic/boundaries.verdict) so from
the description of the refused value, which ends with `REFUSES` when the innermost value refuses itself.
"""
from __future__ import annotations

import ast

from mpguard.semantic.local_values import own_nodes as _own_nodes

# The order pickle consults them in (object.__reduce_ex__ -> __reduce__ -> copyreg -> __getstate__).
ORDER = ("__reduce_ex__", "__reduce__", "__getstate__")
# How a description of a value (a Problem's `what`) ends when the value is an instance that refuses itself.
REFUSES = "only raises"


def refused_by_own_method(what: str) -> bool:
    """Is the value described by `what` (innermost last: "..., whose .cells is an instance of Cell, whose
    Cell.__reduce__ only raises") an instance whose own pickling method raises?"""
    return what.endswith(REFUSES)


def refusing_method(lineage: list) -> tuple[str, str, str] | None:
    """(class name, method name, error) when the pickling method the lineage's instances use only
    raises; `lineage` is the class and its bases of this module, nearest first (every class an
    `ast.ClassDef`). Also the way back: an object with `__slots__` and no `__setstate__` is rebuilt by
    setting each slot with setattr(), so a `__setattr__` that only raises (an immutable container:
    returns #202's `Success`) makes every unpickling fail."""
    for method in ORDER:
        for cls in lineage:
            found = _method(cls, method)
            if found is None:
                continue
            error = _only_raises(found)
            return (cls.name, method, error) if error is not None else None
    if any(_method(cls, "__setstate__") is not None for cls in lineage) or not any(_slots(cls) for cls in lineage):
        return None
    for cls in lineage:
        found = _method(cls, "__setattr__")
        if found is not None:
            error = _only_raises(found)
            return (cls.name, "__setattr__ (which unpickling calls to restore __slots__)", error) if error else None
    return None


def _method(cls: ast.ClassDef, name: str):
    return next((f for f in cls.body if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef)) and f.name == name), None)


def _slots(cls: ast.ClassDef) -> bool:
    """Does the class body name at least one slot (`__slots__ = ("_inner_value",)`)?"""
    for stmt in cls.body:
        if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__slots__" for t in stmt.targets):
            value = stmt.value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                return bool(value.value)
            if isinstance(value, (ast.Tuple, ast.List)):
                return bool(value.elts)
    return False


def _only_raises(function: ast.FunctionDef) -> str | None:
    """The error a function raises on every path: no `return` (nor `yield`) anywhere in it, and its body ends
    in a `raise SomeError(...)` (or an `if`/`else`, a `with`, whose every branch does). NEURON's hoc objects
    and tiktoken's CoreBPE refuse in one statement; a message built first (`msg = ...; raise TypeError(msg)`)
    refuses all the same. The text is quoted when the first argument is a literal string."""
    own = list(_own_nodes(function))
    if any(isinstance(node, (ast.Return, ast.Yield, ast.YieldFrom)) for node in own):
        return None  # a path that gives something back: the class deciding its own state
    terminal = _terminal_raise(function.body)
    if terminal is None:
        return None
    exc = terminal.exc
    call = exc if isinstance(exc, ast.Call) else None
    name = _name(call.func if call is not None else exc)
    if name is None or not (name.endswith("Error") or name.endswith("Exception")):
        return None  # `raise self._refusal()` or a bare re-raise: not a statement we can read
    if call is not None and call.args and isinstance(call.args[0], ast.Constant) \
            and isinstance(call.args[0].value, str):
        first = call.args[0].value.strip().splitlines()
        return f"{name}: {first[0]}" if first else name
    return name


def _terminal_raise(body: list) -> ast.Raise | None:
    """The `raise` that ends every path through `body` (the first branch's, when branches end in several), else None."""
    if not body:
        return None
    last = body[-1]
    if isinstance(last, ast.Raise):
        return last if last.exc is not None else None
    if isinstance(last, ast.If):
        first, other = _terminal_raise(last.body), _terminal_raise(last.orelse)
        return first if first is not None and other is not None else None
    if isinstance(last, (ast.With, ast.AsyncWith)):
        return _terminal_raise(last.body)
    return None



def _name(node) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None
