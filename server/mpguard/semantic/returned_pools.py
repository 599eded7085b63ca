"""A process pool another project module's helper makes and hands back: `def prefork_worker_pool(n): import billiard;
return billiard.Pool(n)` (fresh_libs11 recsys314, Celery's prefork workers), `def make_pool(): pool =
multiprocessing.Pool(4); return pool`. The caller's `with helper(1) as worker: worker.apply(task)` submits to that
pool as if it had made it: its tasks are pickled for it and run in its (daemonic) workers.

Read from the helper's syntax tree alone (no walk of its module), with its module's imports and its own: every
`return` of a top-level function (no generator) gives a new pool or executor of multiprocessing or a drop-in copy of
it (billiard, multiprocess, torch.multiprocessing), written as the call itself or as a local name the function
binds once to it. The start method must be told by the text: the default one (None: the caller's, as for a pool
it makes itself), a drop-in's own default (billiard's), or `get_context("<method>")` written at the call; anything
else (a context the callers pass, a keyword that may give one) leaves the helper's result unknown."""
from __future__ import annotations

import ast
import copy
import weakref

from mpguard.semantic import values as V
from mpguard.semantic.boundaries import default_method
from mpguard.semantic.library_calls import drop_in_serializer
from mpguard.semantic.local_values import local_values, own_nodes
from mpguard.semantic.project_functions import function_with_imports
from mpguard.semantic.names import CONTEXT_METHODS, api_kind

POOL_KINDS = frozenset({"Pool", "Executor"})
CONTEXT_KEYWORDS = frozenset({"context", "mp_context"})  # a pool's or an executor's context, given at the call
UNKNOWN = object()


def returned_pool(resolver, qualified: str) -> tuple | None:
    """(kind, start method or None, the platforms' other methods or None, the qualified constructor) of the pool
    every return of the project function `qualified` makes, else None."""
    found = function_with_imports(resolver, qualified)
    if found is None:
        return None
    definition, names, _module = found
    # (every walk that calls the function asked again, and each walked its body twice: a twelfth of checking dask.
    # The answer depends on the definition and the module's imports alone, the same objects while the project
    # index keeps them: kept with the definition, as long as it lives.)
    kept = _ANSWERS.get(definition)
    found = kept.get(id(names[1])) if kept is not None else None
    if found is not None and found[0] is names[1]:
        return found[1]
    answer = _returned_pool(definition, names[1])
    if kept is None:
        kept = _ANSWERS[definition] = {}
    kept[id(names[1])] = (names[1], answer)
    return answer


# definition -> {id(its module's imports): (those imports, `_returned_pool` of them)}
_ANSWERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _returned_pool(definition, module_imports) -> tuple | None:
    imports = _with_own_imports(module_imports, definition)
    returns = []
    for node in own_nodes(definition):
        if isinstance(node, (ast.Yield, ast.YieldFrom)):
            return None  # a generator: the call gives a generator, not the pool
        if isinstance(node, ast.Return):
            returns.append(node.value)
    if not returns:
        return None
    found = {_made_pool(_bound_call(definition, value), imports) for value in returns}
    return found.pop() if len(found) == 1 and None not in found else None


def _with_own_imports(imports, definition):
    """The module's ImportMap with the function's own imports added (`import billiard` inside the helper)."""
    own = [n for n in own_nodes(definition) if isinstance(n, (ast.Import, ast.ImportFrom))]
    if not own:
        return imports
    extended = copy.copy(imports)
    extended.names = dict(imports.names)
    extended.submodules = list(imports.submodules)
    for node in own:
        extended.add(node)
    return extended


def _bound_call(definition, value):
    """`value` itself, or for a local name the call the function binds it to, every time (one value only)."""
    if isinstance(value, ast.Name):
        values = local_values(definition, value.id)
        return values[0] if values and len(values) == 1 else None
    return value


def _made_pool(call, imports) -> tuple | None:
    if not isinstance(call, ast.Call) or any(k.arg is None for k in call.keywords) \
            or any(isinstance(a, ast.Starred) for a in call.args):
        return None
    qualified = imports.qualify(call.func)
    kind = api_kind(qualified)
    method, elsewhere = None, None
    if kind is None and isinstance(call.func, ast.Attribute) and isinstance(call.func.value, ast.Call):
        # `multiprocessing.get_context("spawn").Pool(n)`
        method = _context_method(call.func.value, imports)
        kind = CONTEXT_METHODS.get(call.func.attr) if method is not UNKNOWN else None
        qualified = f"{imports.qualify(call.func.value.func)}.{call.func.attr}" if kind is not None else None
    elif kind in POOL_KINDS:
        given = [k.value for k in call.keywords if k.arg in CONTEXT_KEYWORDS]
        if given:
            method = _context_method(given[0], imports)
            if method is UNKNOWN:
                return None
        else:
            default = default_method(qualified.split(".")[0])
            if default is not None:  # billiard.Pool(): billiard's own default
                method, elsewhere = default[0], tuple(sorted(default[1].items()))
    if kind not in POOL_KINDS:
        return None
    return kind, method, elsewhere, qualified


def _context_method(expr, imports):
    """The start method `multiprocessing.get_context(<constant>)` names (None for no argument), else UNKNOWN."""
    if not isinstance(expr, ast.Call) or api_kind(imports.qualify(expr.func)) != "get_context" or expr.keywords:
        return UNKNOWN
    if not expr.args:
        return None
    arg = expr.args[0]
    return arg.value if len(expr.args) == 1 and isinstance(arg, ast.Constant) and isinstance(arg.value, str) \
        else UNKNOWN


def pool_value(node: ast.Call, made: tuple) -> V.MPObject:
    """The pool a call of the helper gives, as the caller's value (`node`: that call, in the caller's tree)."""
    kind, method, elsewhere, qualified = made
    value = V.MPObject(node, kind, method, elsewhere=dict(elsewhere) if elsewhere else None)
    value.serializer = drop_in_serializer(V.ModuleRef(node, qualified))  # (multiprocess: dill)
    return value
