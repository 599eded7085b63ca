"""The method resolution order of a class read from source: Python's C3 linearization over its bases.

Which `__init__` building an object runs, and which class `super()` in it reaches next, are looked up along
the MRO of the object's class, not along the first base alone: `class ICSInitializationError(ICSApiError,
CanInitializationError): pass` runs `ICSApiError.__init__`, whose `super().__init__` then reaches
`CanInitializationError` (the next class of ICSInitializationError's MRO) before `CanError`.

The caller says what each base is (`every(cls)`: the class definitions of the project, a name for a class of
a library, whose own order is not read; it comes, whole, where its name does) or that one is not known (then
no order is told). C3 is exact for the classes read; a library class stands for itself alone, so two library
bases that share their own bases (`KeyError`, `ValueError`) are ordered as Python orders them, both after the
project classes that derive from them."""
from __future__ import annotations

import ast

MAX_CLASSES = 64  # classes in one order at most (deeper or cyclic hierarchies: no order told)


class Unknown(Exception):
    """A base that cannot be read, a cycle, or bases that C3 cannot order (Python refuses such a class)."""


def linearize(cls: ast.ClassDef, every, memo: dict | None = None) -> list | None:
    """The MRO of `cls` without `object`: class definitions and library names, first to last; None when it
    cannot be told. `every(cls)` gives the entries for a class's bases in their order (an `ast.ClassDef`, a
    library class's name, or None for a base that is not known). `memo` (by id of the class) keeps the
    order of each class read once per caller."""
    memo = {} if memo is None else memo
    try:
        return _order(cls, every, memo, ())
    except Unknown:
        return None


def _order(cls, every, memo: dict, stack: tuple) -> list:
    known = memo.get(id(cls))
    if known is not None:
        return known
    if cls in stack or len(stack) > MAX_CLASSES:
        raise Unknown
    bases = every(cls)
    if bases is None or any(base is None for base in bases):
        raise Unknown
    sequences = [(_order(base, every, memo, (*stack, cls)) if isinstance(base, ast.ClassDef) else [base])
                 for base in bases]
    found = [cls, *_merge([*sequences, list(bases)])]
    if len(found) > MAX_CLASSES:
        raise Unknown
    memo[id(cls)] = found
    return found


def _merge(sequences: list) -> list:
    """C3's merge: take the first head that is in no other sequence's tail, until all are empty."""
    sequences = [list(s) for s in sequences if s]
    out = []
    while sequences:
        for sequence in sequences:
            head = sequence[0]
            if not any(_within(head, other[1:]) for other in sequences):
                break
        else:
            raise Unknown  # "Cannot create a consistent method resolution order"
        out.append(head)
        sequences = [rest for rest in (s[1:] if _same(s[0], head) else s for s in sequences) if rest]
    return out


def _same(one, other) -> bool:
    """Class definitions are the same by identity, library classes by name."""
    return one is other if isinstance(one, ast.AST) or isinstance(other, ast.AST) else one == other


def _within(entry, sequence) -> bool:
    return any(_same(entry, e) for e in sequence)
