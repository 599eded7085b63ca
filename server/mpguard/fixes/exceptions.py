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
