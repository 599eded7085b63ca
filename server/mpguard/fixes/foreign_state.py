"""MP201 / MP203: an object of another project module's class that keeps a threading lock (modin #711's Engine and
its `_pool_lock`, rl-agents #74's RawEpisodeMonitor and its `_lock`), sent to a child from this module.

The class lives in a file this finding cannot edit, so the module that sends it registers a pickling function for
it with copyreg (pickle consults `copyreg.dispatch_table` before the class's own `__reduce_ex__`; multiprocessing's
ForkingPickler copies the table whenever it is made):

    def _reduce_Engine(obj):
        state = obj.__dict__.copy()
        state.pop("_pool_lock", None)
        return _rebuild_Engine, (type(obj), state)


    def _rebuild_Engine(cls, state):
        obj = cls.__new__(cls)
        obj.__dict__.update(state)
        obj._pool_lock = threading.RLock()
        return obj


    copyreg.pickle(Engine, _reduce_Engine)

The copy gets a new lock of its own, as a forked child does. UNSAFE: the lock no longer orders anything across the
processes. Only for fields built by a call without arguments of threading's Lock, RLock, Event, Condition,
Semaphore or BoundedSemaphore, each built one way, when every other field the class builds is one pickle takes;
no fix for a class that pickles its own way (`__getstate__`, `__reduce__`, `__slots__`, ...), has bases, a
decorator or a metaclass, or whose name this module binds otherwise.
"""
from __future__ import annotations

import ast

from mpguard.semantic.pickled_stores import unpicklable_expr
from mpguard.text.findings import Applicability, Fix
from mpguard.fixes import _text as T
from mpguard.fixes.pickled_state import CUSTOM, methods_of, self_assignments

LOCKS = frozenset(f"threading.{name}" for name in ("Lock", "RLock", "Event", "Condition", "Semaphore",
                                                   "BoundedSemaphore"))


def _fix(ctx, definition):
    found = _foreign_class(ctx, definition)
    if found is None and isinstance(definition, ast.ClassDef) and ctx.parents.get(definition) is not None:
        found = _held_foreign_class(ctx, definition)  # a class of this module whose field holds such an object
    if found is None:
        raise T.CannotFix("no class of another project module")
    qualified, cls, imports = found
    fields = _lock_fields(cls, imports)
    module, _, name = qualified.rpartition(".")
    nl = T.newline(ctx)
    reducer, rebuild = f"_reduce_{name}", f"_rebuild_{name}"
    if {reducer, rebuild} & set(T.all_names(ctx)):
        raise T.CannotFix("the names are taken")
    anchor, class_import = T.after_class_import(ctx, module, name, "the class name is bound otherwise")
    copyreg, copyreg_edit = T.need_module(ctx, "copyreg")
    threading, threading_edit = T.need_module(ctx, "threading")
    drops = "".join(f'{T.INDENT}state.pop("{field}", None){nl}' for field, _kind in fields)
    builds = "".join(f"{T.INDENT}obj.{field} = {threading}.{kind}(){nl}" for field, kind in fields)
    block = (f"def {reducer}(obj):{nl}"
             f'{T.INDENT}"""Pickle {_article(name)} {name} without its lock, which pickle refuses; the copy gets its own."""{nl}'
             f"{T.INDENT}state = obj.__dict__.copy(){nl}{drops}"
             f"{T.INDENT}return {rebuild}, (type(obj), state){nl}{nl}{nl}"
             f"def {rebuild}(cls, state):{nl}"
             f"{T.INDENT}obj = cls.__new__(cls){nl}"
             f"{T.INDENT}obj.__dict__.update(state){nl}{builds}"
             f"{T.INDENT}return obj{nl}{nl}{nl}"
             f"{copyreg}.pickle({name}, {reducer}){nl}")
    edits = [copyreg_edit, threading_edit]
    if class_import is not None:
        edits.append(T.insert_at_row(ctx, anchor.end_lineno + 1, class_import))
    edits.append(T.insert_block(ctx, T.next_statement_row(ctx, anchor), block))
    names = ", ".join(f"`{field}`" for field, _kind in fields)
    return Fix(f"Register a pickling function for `{name}` (from {module}) with copyreg that leaves {names} out and "
               "builds a new one in the process that unpickles it (unsafe: each process gets its own, as with fork)",
               Applicability.UNSAFE, T.merge_edits(edits))


def _lookup(ctx):
    return getattr(ctx.resolver, "class_definition", None) if getattr(ctx, "resolver", None) is not None else None


def _foreign_class(ctx, definition):
    """(qualified name, ClassDef, its module's imports) when `definition` is another project module's class that
    this module names through a module-level import: of the class itself, or of its module (`from s18kit import
    procinfo`, then `procinfo.ProcessInfo()`: psutil's shape in referee #6)."""
    lookup = _lookup(ctx)
    if lookup is None or not isinstance(definition, ast.ClassDef) or ctx.parents.get(definition) is not None:
        return None
    imported = sorted(set((ctx.imports.names or {}).values())) if ctx.imports is not None else []
    for qualified in [*imported, *(f"{q}.{definition.name}" for q in imported)]:
        found = lookup(qualified)
        if found is not None and found[0] is definition:
            return qualified, found[0], found[1]
    return None


def _held_foreign_class(ctx, definition):
    """The one class of another project module whose objects the fields of `definition` hold and that keeps a
    lock (`self.monitor = RawEpisodeMonitor()`)."""
    lookup = _lookup(ctx)
    if lookup is None:
        return None
    found = {}
    for method in methods_of(definition):
        for _name, value in self_assignments(method):
            if isinstance(value, ast.Call):
                qualified = ctx.imports.qualify(value.func)
                entry = lookup(qualified) if qualified else None
                if entry is not None and isinstance(entry[0], ast.ClassDef) and ctx.parents.get(entry[0]) is None:
                    try:
                        _lock_fields(entry[0], entry[1])
                    except T.CannotFix:
                        continue
                    found[qualified] = (qualified, entry[0], entry[1])
    return next(iter(found.values())) if len(found) == 1 else None


def _lock_fields(cls, imports) -> list:
    """[(field, threading class)]: the lock fields the class builds, when they are all it keeps that pickle
    refuses (else CannotFix)."""
    if cls.bases or cls.keywords or cls.decorator_list:
        raise T.CannotFix("bases, a metaclass or a decorator")
    if any(T.bound_names(stmt) & CUSTOM or (isinstance(stmt, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id in CUSTOM for t in stmt.targets)) for stmt in cls.body):
        raise T.CannotFix("the class pickles its own way")
    fields: dict = {}
    for method in methods_of(cls):
        for name, value in self_assignments(method):
            qualified = imports.qualify(value.func) if isinstance(value, ast.Call) else None
            if qualified in LOCKS and not value.args and not value.keywords:
                kind = qualified.rpartition(".")[2]
                if fields.setdefault(name, kind) != kind:
                    raise T.CannotFix("a field built two ways")
            elif unpicklable_expr(value, imports) is not None or name in fields:
                raise T.CannotFix("a field pickle refuses that is not a lock")
    if not fields:
        raise T.CannotFix("no lock field")
    return sorted(fields.items())


# Public builder: None when out of reach or when the result would not parse.
foreign_state_fix = T.fix_builder(_fix)


def _article(name: str) -> str:
    return "an" if name[:1].lower() in "aeiou" else "a"
