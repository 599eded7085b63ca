"""The parameter test a process start is made under, as a summary keeps it for callers in other modules
(linter/bound_state: `if num_processes > 1:` -> (where, "num_processes", "Gt", 1)), and whether a caller's literal
argument passes it (rules/bound_targets)."""
from __future__ import annotations

# operator names as ast spells them -> how they compare (kept by name: a summary holds plain values)
OPERATORS = {"Gt": lambda a, b: a > b, "GtE": lambda a, b: a >= b, "Lt": lambda a, b: a < b,
             "LtE": lambda a, b: a <= b, "Eq": lambda a, b: a == b, "NotEq": lambda a, b: a != b}


def holds(condition, value) -> bool | None:
    """Whether `condition` ((where, name, operator or None for a truth test, constant)) holds for the literal
    `value`; None when it cannot be told (values that do not compare)."""
    _where, _name, operator, constant = condition
    try:
        return bool(value) if operator is None else bool(OPERATORS[operator](value, constant))
    except TypeError:
        return None
