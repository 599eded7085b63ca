"""What iterating over what another project module's function returns gives, when its items are the items of one
of its parameters, maybe regrouped (pyungo's `levels(nodes)`: `todo = list(nodes)`, `out.append([n for n in todo
if ...])`, `return out`, a list of lists of the nodes it was given).

The shape of the return is read from the walker's values in the function's own module (`returned_shape`), kept in
that module's summary (`ModuleSummary.shapes`, built only when a rule asks about a value that crosses), and made
again at a caller from what the call gives that parameter (`rebuilt`): `for level in levels(self.nodes): for n in
level: pool.apply_async(run_node, (n, ...))` then hands the pool the caller's own nodes. A shape is only claimed
when every return that holds something of a parameter says the same (an empty `return []` holds nothing)."""
from __future__ import annotations

import ast

from mpguard.semantic import values as V

MAX_DEPTH = 4  # nesting followed: a list of lists of items of a parameter is 3


def returned_shape(returned: list, function) -> tuple | None:
    """("param", name, position) | ("item", shape) | ("seq", shape): how the function's return values are built
    from one positional parameter, else None."""
    arguments = function.args
    positions = {a.arg: i for i, a in enumerate([*arguments.posonlyargs, *arguments.args])}
    shapes = {_shape(value, function, positions, 0) for value in returned} - {None, _EMPTY}
    return shapes.pop() if len(shapes) == 1 else None


_EMPTY = ("empty",)  # a container with no item: compatible with any shape


def _shape(value, function, positions: dict, depth: int):
    if value is None or depth > MAX_DEPTH:
        return None
    kind = type(value)
    if kind is V.Param:
        if value.function is function and value.kind == "positional" and value.name != "self":
            return "param", value.name, positions.get(value.name)
        return None
    if kind is V.Element:
        if value.key is not None or value.attr is not None or value.contents or value.stored is not None \
                or value.per_class is not None or value.spread or value.unpacked:
            return None
        inner = _shape(value.of, function, positions, depth + 1)
        return ("item", inner) if inner is not None and inner is not _EMPTY else None
    if kind is V.Sequence:
        if value.mapping or value.held:
            return None
        if not value.items:
            return _EMPTY
        shapes = {_shape(item, function, positions, depth + 1) for item in value.items}
        shapes.discard(_EMPTY)
        if len(shapes) != 1 or None in shapes:
            return None
        return "seq", shapes.pop()
    if kind is V.Union:
        shapes = {_shape(option, function, positions, depth + 1) for option in value.options} - {_EMPTY}
        return shapes.pop() if len(shapes) == 1 else None
    return None


def rebuilt(shape, call: V.Returned, passed):
    """The value the call `call` returns, built from what it gives the parameter the shape names
    (`passed(call, name, position)`), else None."""
    if shape is None:
        return None
    if shape[0] == "param":
        return passed(call, shape[1], shape[2])
    inner = rebuilt(shape[1], call, passed)
    if inner is None:
        return None
    return V.Element(call.node, inner) if shape[0] == "item" else V.Sequence(call.node, [inner])


def passed_to(value: V.Returned, param: str, position: int | None):
    """What the call `value` of another module's function gives its parameter `param` (by keyword, or at `position`
    before any `*args`), else None."""
    call = value.node
    given = value.keywords.get(param)
    positional = next((i for i, a in enumerate(call.args) if isinstance(a, ast.Starred)), len(call.args))
    if given is None and position is not None and position < positional:
        given = value.args[position]
    return given
