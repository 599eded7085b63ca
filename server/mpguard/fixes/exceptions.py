"""MP208: an exception class pickle cannot rebuild, because its __init__ needs arguments it does
not pass to Exception.__init__ (pickle calls `cls(*self.args)`).

The fix keeps the message and `args` as they are: __init__ also records its own arguments, and a
`__reduce__` rebuilds the exception from them (plus its __dict__). SAFE: str(exc), exc.args and
the attributes are unchanged; only the pickled form differs.
"""
from __future__ import annotations

import ast

from mpguard.text.findings import Applicability, Fix
from mpguard.fixes import _text as T

STORE = "_init_args"


def _fix(ctx, cls):
    if not isinstance(cls, ast.ClassDef) or ctx.parents.get(cls) is None:
        return None  # not a class of this module
    init = next((f for f in cls.body if isinstance(f, ast.FunctionDef) and f.name == "__init__"), None)
    if init is None or init.args.kwonlyargs or init.args.kwarg or init.args.vararg or init.args.posonlyargs:
        raise T.CannotFix("signature not handled")
    names = {f.name for f in cls.body if isinstance(f, T.FUNCS)}
    if names & {"__reduce__", "__reduce_ex__", "__getnewargs__", "__getnewargs_ex__"}:
        raise T.CannotFix("custom pickling")
    params = [a.arg for a in init.args.args[1:]]
    if not params or not T.owns_lines(ctx, init):
        raise T.CannotFix("nothing to record")
    nl = T.newline(ctx)
    body_indent = T.block_indent(ctx, init.body)
    indent = T.indent_of(ctx, T.first_row(init))
    values = ", ".join(params) + ("," if len(params) == 1 else "")
    self_name = init.args.args[0].arg
    record = f"{body_indent}{self_name}.{STORE} = ({values}){nl}"
    first = init.body[0]
    # after a docstring, before everything else (so a failing super().__init__ still records them)
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
        at = first.end_lineno + 1
    else:
        at = T.with_comments(ctx, T.first_row(first))
    if T.first_row(first) == init.lineno:
        raise T.CannotFix("one-line __init__")
    reduce = (f"{nl}{indent}def __reduce__(self):{nl}"
              f"{indent}{T.INDENT}return (type(self), self.{STORE}, self.__dict__){nl}")
    edits = [T.insert_at_row(ctx, at, record), T.insert_at_row(ctx, init.end_lineno + 1, reduce)]
    return Fix(f"Record the arguments of `{cls.name}.__init__` and rebuild the exception from them in "
               "`__reduce__`", Applicability.SAFE, T.merge_edits(edits))


# Public builders (rules call these): None when out of reach or when the result would not parse.
exception_init_fix = T.fix_builder(_fix)


def _with_state(ctx, cls, rebuild):
    """MP208: an exception that keeps an object pickle refuses as an attribute (`self.seat_map =
    seat_map`, whose class stores a threading.RLock): the class of that object leaves the refused field
    out of its pickled state (`pickled_state`), and when pickle cannot rebuild the exception from its
    args either (`rebuild`), `__init__` records them too. Both, or no fix: one alone leaves the reply
    unpicklable. UNSAFE: each process gets its own lock (or connection, file ...)."""
    from mpguard.fixes.pickled_state import pickled_state_fix

    if not isinstance(cls, ast.ClassDef) or ctx.parents.get(cls) is None:
        raise T.CannotFix("not a class of this module")
    holders = []
    pickler = ctx.pickler
    for name, value in (pickler.attributes or {}).get(cls, ()):
        problem = pickler.object_problem(value, pool_task=False)
        if problem is None:
            continue
        if problem.kind != "state" or not isinstance(problem.definition, ast.ClassDef) or problem.definition is cls:
            raise T.CannotFix(f"`{name}` holds something no class of this module builds")
        if problem.definition not in holders:
            holders.append(problem.definition)
    if not holders:
        raise T.CannotFix("no attribute holds the refused state")
    edits = []
    for holder in holders:
        fix = pickled_state_fix(ctx, holder)
        if fix is None:
            raise T.CannotFix(f"no fix for the state of `{holder.name}`")
        edits += fix.edits
    if rebuild:
        edits += _fix(ctx, cls).edits
    names = ", ".join(f"`{h.name}`" for h in holders)
    return Fix(f"Leave the fields pickle refuses out of the state of {names}, kept by `{cls.name}`"
               + (f", and record the arguments of `{cls.name}.__init__`" if rebuild else "")
               + " (unsafe: each process gets its own)", Applicability.UNSAFE, T.merge_edits(edits))


exception_state_fix = T.fix_builder(_with_state)
