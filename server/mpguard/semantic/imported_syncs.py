"""The multiprocessing Queue, Lock or Value another project module makes at its top and binds to a global, with the
context it comes from: `method_queue = multiprocessing.Queue()` (the default context) or `_ctx.Queue()` after
`_ctx = multiprocessing.get_context("spawn")` (NiceGUI's native-mode queues, fresh_reports20 kasanice1). An
importer that hands `native_queues.method_queue` (or an object holding it) to a child hands that very object: a
SemLock tied to the context it was made in, which a child of another context refuses, and a pool task refuses
whatever the context.

Read from that module's syntax tree alone (`ProjectResolver.module_global`: the one plain assignment at its top that
binds the name; a name rebound anywhere is not judged), with its own imports. Only constructors that always make a
SemLock: RawValue/RawArray and a Value or Array given `lock=` hold none (or maybe none) and are left out; a context
named by anything but a string constant is unknown and the object is not judged (precision first)."""
from __future__ import annotations

import ast

from mpguard.semantic import values as V
from mpguard.semantic.names import CONTEXT_METHODS, api_kind

SEMLOCK_KINDS = frozenset({"Queue", "SimpleQueue", "Lock", "Value"})
LOCKLESS = frozenset({"RawValue", "RawArray"})  # shared memory without a SemLock: any child may be given it
UNKNOWN = object()


def imported_sync(resolver, qualified: str):
    """A V.MPObject for the SemLock-backed object the project module of `qualified` binds that global to at its top
    (`node`: the constructor call in that module's tree, `method`: the explicit context's start method or None for
    the default context, `module`: that module), else None."""
    lookup = getattr(resolver, "module_global", None)
    names = getattr(resolver, "module_names", None)
    module, _, _name = qualified.rpartition(".")
    if lookup is None or names is None or not module:
        return None
    made = lookup(qualified)
    if not isinstance(made, ast.Call) or any(k.arg == "lock" or k.arg is None for k in made.keywords):
        return None  # (`lock=False`, or a `**options` that may say so: no SemLock, or not known)
    found = names(module)
    imports = found[1] if found is not None else None
    if imports is None:
        return None
    factory = made.func.attr if isinstance(made.func, ast.Attribute) else getattr(made.func, "id", "")
    if factory in LOCKLESS:
        return None
    kind = api_kind(imports.qualify(made.func))
    method = None
    if kind is None and isinstance(made.func, ast.Attribute):  # `ctx.Queue()`: a method of a context
        method = _context_method(made.func.value, imports, lambda name: lookup(f"{module}.{name}"))
        kind = CONTEXT_METHODS.get(made.func.attr) if method is not UNKNOWN else None
    if kind not in SEMLOCK_KINDS:
        return None
    return V.MPObject(made, kind, method, factory=factory, module=module)


def _context_method(expr, imports, global_value):
    """The start method of the context `expr` names (None: the default context), or UNKNOWN: a call of
    `multiprocessing.get_context(...)` with no argument or a string constant, or a global of the same module bound
    once to such a call."""
    if isinstance(expr, ast.Name):
        expr = global_value(expr.id)
    if not isinstance(expr, ast.Call) or api_kind(imports.qualify(expr.func)) != "get_context":
        return UNKNOWN
    given = [*expr.args, *(k.value for k in expr.keywords if k.arg == "method")]
    if len(given) != len(expr.args) + len(expr.keywords) or len(given) > 1:
        return UNKNOWN  # (`*args`, `**options`, another keyword)
    if not given:
        return None  # the default context
    arg = given[0]
    if isinstance(arg, ast.Constant) and (arg.value is None or isinstance(arg.value, str)):
        return arg.value
    return UNKNOWN
