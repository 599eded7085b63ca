"""MP208 for an exception class of another module (a helper package of the project): pickle rebuilds an
exception as `cls(*exc.args)`, and the class's `__init__` refuses what reached `args` (`ClientError(message,
request_id)` passing only the message on). The class itself lives in a file this finding cannot edit.

The fix registers a pickling function for the class in the module that raises it:

    import copyreg
    from r7kit.errors import ClientError


    def _reduce_exception(exc):
        state = dict(exc.__dict__, args=exc.args)
        if isinstance(exc, OSError):
            state.update(errno=exc.errno, strerror=exc.strerror, filename=exc.filename, filename2=exc.filename2)
        return copyreg.__newobj__, (type(exc),), state


    copyreg.pickle(ClientError, _reduce_exception)

pickle consults `copyreg.dispatch_table` before the class's own `__reduce_ex__` (multiprocessing's
ForkingPickler copies the table whenever it is made). The registration is a module-level statement of the
module whose function raises, so it has run in every process that runs that function: the parent, a forked
child (inherited), a spawned or forkserver child (which imports the module to find its task). The parent
unpickles `cls.__new__(cls)` and sets `args`, the attributes, and for an OSError its `errno`, `strerror` and
file names: the same exception, without a call of `__init__` (semantic/reducers.py: the rule then no longer
reports the class).

UNSAFE: `__init__` does not run for the parent's copy (what it does besides storing its arguments is not
repeated). No fix when the class, or a base class of the project, defines its own pickling (`__reduce__`,
`__getstate__`, `__setstate__`, ...), `__new__`, `__slots__` or `__setattr__`, has a metaclass, is
decorated, or derives from a class neither of the project nor of the standard library (a class of several
bases: each base of the project or a builtin exception, all of them judged); nor when the raised class is not
named through a module-level import of this module.
"""
from __future__ import annotations

import ast

from mpguard.semantic.exception_args import UNKNOWN
from mpguard.text.findings import Applicability, Fix
from mpguard.fixes import _text as T

REDUCER = "_reduce_exception"
OWN_PICKLING = frozenset({"__reduce__", "__reduce_ex__", "__getstate__", "__setstate__", "__getnewargs__",
                          "__getnewargs_ex__", "__new__", "__slots__", "__setattr__", "__copy__", "__deepcopy__"})


def reducer_text(copyreg: str, name: str, nl: str) -> str:
    return (f"def {name}(exc):{nl}"
            f'{T.INDENT}"""Pickle by state: pickle would call the class with `exc.args`, which __init__ refuses."""{nl}'
            f"{T.INDENT}state = dict(exc.__dict__, args=exc.args){nl}"
            f"{T.INDENT}if isinstance(exc, OSError):{nl}"
            f"{T.INDENT * 2}state.update(errno=exc.errno, strerror=exc.strerror, filename=exc.filename, "
            f"filename2=exc.filename2){nl}"
            f"{T.INDENT}return {copyreg}.__newobj__, (type(exc),), state{nl}")


def _check_lineage(cls, base_of) -> None:
    """CannotFix unless every class of the lineage (all bases: python-can's `ICSInitializationError(ICSApiError,
    CanInitializationError)`) is of the project or a builtin exception, and none pickles or builds itself its own
    way: the reducer's `__new__` plus state then rebuilds what pickle would have."""
    every = getattr(base_of, "every", None)
    todo, seen = [cls], set()
    while todo:
        current = todo.pop()
        if not isinstance(current, ast.ClassDef):
            raise T.CannotFix("a base class out of reach")
        if id(current) in seen:
            continue
        seen.add(id(current))
        if len(seen) > 24:
            raise T.CannotFix("too many bases")
        if current.keywords or current.decorator_list or not current.bases:
            raise T.CannotFix("a metaclass or a decorator")
        for stmt in current.body:
            names = T.bound_names(stmt) if not isinstance(stmt, (ast.Assign, ast.AnnAssign)) else {
                t.id for t in (stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target])
                if isinstance(t, ast.Name)}
            if names & OWN_PICKLING:
                raise T.CannotFix("the class pickles or builds itself its own way")
        if len(current.bases) > 1:
            if every is None:
                raise T.CannotFix("several bases")
            for entry in every(current):
                if entry is None or (isinstance(entry, str) and not entry.startswith("builtins.")):
                    raise T.CannotFix("a base class of another library")
                if not isinstance(entry, str):
                    todo.append(entry)
            continue
        base = base_of(current) if base_of is not None else UNKNOWN
        if base is None:
            continue  # a class of the standard library: BaseException's state is args and __dict__
        if base is UNKNOWN:
            raise T.CannotFix("a base class of another library")
        todo.append(base)


def _class_expr(effect):
    made = getattr(effect.detail, "node", None)
    if not isinstance(made, ast.Call):
        made = effect.node.exc if isinstance(effect.node, ast.Raise) else None
    if not isinstance(made, ast.Call):
        raise T.CannotFix("not a call of the class")
    expr = made.func
    root = expr
    while isinstance(root, ast.Attribute):
        root = root.value
    if not isinstance(root, ast.Name):
        raise T.CannotFix("the class is not named")
    return expr, root.id


def _binding_import(ctx, name: str):
    """The one top-level statement binding `name`, an import (else CannotFix)."""
    binders = [s for s in ctx.tree.body if name in T.bound_names(s)]
    if len(binders) != 1 or not isinstance(binders[0], (ast.Import, ast.ImportFrom)):
        raise T.CannotFix("the class is not bound by one module-level import")
    return binders[0]


def _registrations(ctx, copyreg: str, reducer: str) -> list:
    return [s for s in ctx.tree.body if isinstance(s, ast.Expr) and isinstance(s.value, ast.Call)
            and ctx.imports.qualify(s.value.func) == "copyreg.pickle" and len(s.value.args) == 2
            and isinstance(s.value.args[1], ast.Name) and s.value.args[1].id == reducer]


def _fix(ctx, effect, cls, base_of):
    if ctx.parents.get(effect.node) is None:
        raise T.CannotFix("not a statement of this module")
    _check_lineage(cls, base_of)
    expr, root = _class_expr(effect)
    binder = _binding_import(ctx, root)
    # after the import block that binds the class, not between its imports
    body = ctx.tree.body
    index = next(i for i, s in enumerate(body) if s is binder)
    while index + 1 < len(body) and isinstance(body[index + 1], (ast.Import, ast.ImportFrom)):
        index += 1
    anchor = body[index]
    copyreg, import_edit = T.need_module(ctx, "copyreg")
    nl = T.newline(ctx)
    text = reducer_text(copyreg, REDUCER, nl)
    existing = next((s for s in body if isinstance(s, ast.FunctionDef) and s.name == REDUCER), None)
    registration = f"{copyreg}.pickle({T.node_text(ctx, expr)}, {{name}}){nl}"
    if existing is not None and T.rows_text(ctx, T.first_row(existing), existing.end_lineno) == text:
        # a fix of another class wrote the function: one more registration, after the function, the import
        # and the registrations made so far
        later = max([anchor, existing, *_registrations(ctx, copyreg, REDUCER)], key=lambda s: s.end_lineno)
        line = registration.format(name=REDUCER)
        if isinstance(later, ast.Expr):
            edit = T.insert_at_row(ctx, later.end_lineno + 1, line)
        else:
            edit = T.insert_block(ctx, T.next_statement_row(ctx, later), line)
        edits = [import_edit, edit]
    else:
        name = REDUCER if existing is None and REDUCER not in T.all_names(ctx) else T.fresh_name(ctx, REDUCER)
        text = reducer_text(copyreg, name, nl)
        block = f"{text}{nl}{nl}{registration.format(name=name)}"
        edits = [import_edit, T.insert_block(ctx, T.next_statement_row(ctx, anchor), block)]
    return Fix(f"Register a pickling function for `{cls.name}` with copyreg, which rebuilds it from its state in "
               "the parent (unsafe: `__init__` does not run for the parent's copy)", Applicability.UNSAFE,
               T.merge_edits(edits))


def _raised_in_helper(ctx, call, module, classes):
    """MP208 for a class another module's function raises in a task of this module (cattrs #666's
    ForbiddenExtraKeysError, raised by `structure()`): the same registration, after importing the class by name
    from the module that defines it (`from opskit.structure import ForbiddenExtraKeysError`). `classes`: [(class,
    base_of)], every class the call may raise from that module (sh #439's `raise _BY_CODE.get(code,
    ErrorReturnCode)(...)` builds any of three): copyreg looks a class up by its exact type, so each is registered,
    or none."""
    if ctx.parents.get(call) is None or not all(cls.name.isidentifier() for cls, _ in classes):
        raise T.CannotFix("not a call of this module")
    for cls, base_of in classes:
        _check_lineage(cls, base_of)
    body = ctx.tree.body
    if any(isinstance(s, ast.FunctionDef) and s.name == REDUCER for s in body) or REDUCER in T.all_names(ctx):
        raise T.CannotFix("a reducer exists already")
    nl = T.newline(ctx)
    placed = [T.after_class_import(ctx, module, cls.name) for cls, _ in classes]
    anchor = placed[0][0]
    if any(found is not anchor for found, _ in placed):
        raise T.CannotFix("the classes are imported in different places")
    copyreg, import_edit = T.need_module(ctx, "copyreg")
    registrations = "".join(f"{copyreg}.pickle({cls.name}, {REDUCER}){nl}" for cls, _ in classes)
    block = f"{reducer_text(copyreg, REDUCER, nl)}{nl}{nl}{registrations}"
    edits = [import_edit]
    imported = [cls.name for (cls, _), (_, line) in zip(classes, placed) if line is not None]
    if imported:
        edits.append(T.insert_at_row(ctx, anchor.end_lineno + 1, f"from {module} import {', '.join(imported)}{nl}"))
    edits.append(T.insert_block(ctx, T.next_statement_row(ctx, anchor), block))
    names = ", ".join(f"`{cls.name}`" for cls, _ in classes)
    return Fix(f"Register a pickling function for {names} (from {module}) with copyreg, which rebuilds "
               f"{'it' if len(classes) == 1 else 'each'} from its state in the parent (unsafe: `__init__` does not "
               "run for the parent's copy)", Applicability.UNSAFE, T.merge_edits(edits))


# Public builders (the rule calls them): None when out of reach or when the result would not parse.
foreign_exception_fix = T.fix_builder(_fix)
raised_in_helper_fix = T.fix_builder(_raised_in_helper)
