"""An object of a subclass of int, str, float, bytes, complex or tuple that pickle cannot rebuild (cogent3 #75,
fresh_reports17 cogent3_75: `class NotCompletedResult(int): def __new__(cls, type, origin, message, source=None)`).

pickle's own algorithm (protocol 2 and up, the one multiprocessing uses): `object.__reduce_ex__` looks up
`__getnewargs_ex__`, then `__getnewargs__` on the object, and reduces it to `copyreg.__newobj__(cls, *args)`, which
calls `cls.__new__(cls, *args)`. These built-in types define `__getnewargs__` as `(the plain value,)` (`(int(self),)`):
the rebuild calls the subclass's `__new__` with that one value. A `__new__` that requires more positional
arguments, or a keyword-only one, raises TypeError in the reader: the parent's result handler (a Pool hangs, an
executor breaks), or `get()`.

Said only along a chain of single bases read whole down to the built-in type: no class of it defines `__reduce__`, `__reduce_ex__`, `__getnewargs__` or `__getnewargs_ex__` (its own pickling),
and the `__new__` that runs is one of the project's, with no `*args`.
"""
from __future__ import annotations

import ast

OWN_PICKLING = ("__reduce__", "__reduce_ex__", "__getnewargs__", "__getnewargs_ex__")
# built-in types whose __getnewargs__ gives (the plain value,)
ONE_VALUE = frozenset({"int", "str", "float", "bytes", "complex", "tuple"})
MAX_CHAIN = 12


def newobj_problem(cls, base_of) -> tuple[str, str] | None:
    """(reason, error) when pickle cannot rebuild an instance of `cls` by `cls.__new__(cls, value)`; else None.
    Read along a chain of single bases (`base_of`: the project's classes, semantic/exception_args) down to the
    built-in type, named by its plain name and not shadowed by a class of the project."""
    chain, builtin, current = [], None, cls
    for _ in range(MAX_CHAIN):
        if not isinstance(current, ast.ClassDef) or len(current.bases) != 1 or current.keywords:
            return None
        chain.append(current)
        base = current.bases[0]
        found = base_of(current) if base_of is not None else None
        if isinstance(found, ast.ClassDef):
            current = found
            continue
        if isinstance(base, ast.Name) and base.id in ONE_VALUE:
            builtin = base.id
        break
    if builtin is None:
        return None
    new, owner = None, None
    for entry in chain:
        if any(isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef)) and f.name in OWN_PICKLING for f in entry.body):
            return None
        if new is None:
            new = next((f for f in entry.body if isinstance(f, ast.FunctionDef) and f.name == "__new__"), None)
            owner = entry
    if new is None:
        return None
    args = new.args
    if args.vararg is not None or args.posonlyargs or new.decorator_list:
        return None
    params = [a.arg for a in args.args[1:]]
    required = params[:len(params) - len(args.defaults)]
    keywords = [a.arg for a, default in zip(args.kwonlyargs, args.kw_defaults) if default is None]
    if len(required) > 1:
        missing, kind = required[1:], "positional"
    elif keywords and params:
        missing, kind = keywords, "keyword-only"
    else:
        return None
    error = f"TypeError: {owner.name}.__new__() missing {len(missing)} required {kind} " \
            f"argument{'s' if len(missing) > 1 else ''}: {_listed(missing)}"
    return (f"is a subclass of {builtin} whose __new__ needs {kind} arguments that pickle's rebuild "
            f"(`{cls.name}.__new__({cls.name}, {builtin}(value))`) never passes", error)


def _listed(names: list) -> str:
    """Python's own listing of missing arguments: 'a', 'a' and 'b', 'a', 'b', and 'c'."""
    quoted = [f"'{n}'" for n in names]
    if len(quoted) == 1:
        return quoted[0]
    if len(quoted) == 2:
        return f"{quoted[0]} and {quoted[1]}"
    return ", ".join(quoted[:-1]) + f", and {quoted[-1]}"
