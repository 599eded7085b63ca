"""What a value sent to a child may be, as the analysis followed it: parameters and call results to
what they resolve to, container items, union options (and, when asked, a partial's function and
arguments). Fix builders read the leaves: the refused objects to replace, the bound methods sent."""
from __future__ import annotations

from mpguard.semantic import values as V

DEPTH = 8  # steps followed from the values given; each value is visited once


def reached(ctx, values, through_partials: bool = False):
    """Each leaf value `values` may be (not a parameter, call result, element, container or union)."""
    seen = set()
    todo = [(value, 0) for value in values]
    while todo:
        value, depth = todo.pop()
        if value is None or id(value) in seen or depth > DEPTH:
            continue
        seen.add(id(value))
        if isinstance(value, (V.Param, V.CallResult, V.Element)):
            todo.append((ctx.flow.resolve(value), depth + 1))
        elif isinstance(value, V.Sequence):
            todo.extend((item, depth + 1) for item in value.items)
        elif isinstance(value, V.Union):
            todo.extend((option, depth + 1) for option in value.options)
        elif through_partials and isinstance(value, V.Partial):
            todo.extend((item, depth + 1) for item in [value.func, *getattr(value, "args", ())])
        else:
            yield value
