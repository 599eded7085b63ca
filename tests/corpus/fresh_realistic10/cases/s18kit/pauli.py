"""Symplectic Pauli operators: rows of (x|z) bits and their commutation."""


def parse(term):
    x = tuple(1 if c in "XY" else 0 for c in term)
    z = tuple(1 if c in "ZY" else 0 for c in term)
    return x + z


def symplectic_inner(a, b):
    n = len(a) // 2
    return (sum(a[i] * b[n + i] for i in range(n)) + sum(a[n + i] * b[i] for i in range(n))) % 2


def commutes_row(args):
    row, others = args
    return [symplectic_inner(row, o) == 0 for o in others]
