"""The process and the queue another project module's helper makes and hands back as a tuple (rocketride-org/
rocketride-server PR #847, fresh_reports25 rocketride847):

    def start(code):                                   # r28kit/sandbox.py
        result_queue = multiprocessing.Queue()
        proc = multiprocessing.Process(target=_sandbox_child, args=(code, result_queue), daemon=True)
        proc.start()
        return proc, result_queue

The caller's `proc, result_queue = sandbox.start(code)` holds that child and the queue it writes to, as if it had
made them: `proc.join(timeout)` before `result_queue.get()` joins a child that may still be flushing its result into
the pipe (MP410, rules/lifecycle.all_ops). Read from the helper's syntax tree alone, with its module's imports (as
semantic/returned_pools reads a pool a helper returns): every `return` of the top-level function is the same tuple of
local names, each bound once in it to a `Process(target=<a function of that module>, args=(...))` or a `Queue()`;
any other item is not known."""
from __future__ import annotations

import ast
import weakref

from mpguard.semantic.local_values import FUNCS, local_values, own_nodes
from mpguard.semantic.project_functions import function_with_imports
from mpguard.semantic.names import api_kind

QUEUE_KINDS = frozenset({"Queue", "SimpleQueue"})


def returned_children(resolver, qualified: str) -> tuple | None:
    """Per position of the tuple the project function `qualified` returns: ("Process", the target's qualified name,
    its `args` items, whether daemonic), ("Queue" or "SimpleQueue",) or None (not known); None when the function's
    returns are not such a tuple holding at least one process. A `args` item is ("returned", position) for a name the
    tuple returns too, ("param", the helper's parameter name), or ("expr", the expression in the helper's tree)."""
    found = function_with_imports(resolver, qualified)
    if found is None:
        return None
    definition, names, module = found
    kept = _ANSWERS.get(definition)
    if kept is not None and kept[0] is names[1]:
        return kept[1]
    answer = _children(definition, names, module)
    _ANSWERS[definition] = (names[1], answer)
    return answer


# definition -> (its module's imports, `_children` of them): one answer per definition while the index keeps it
_ANSWERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _children(definition, names, module: str) -> tuple | None:
    shapes = set()
    for node in own_nodes(definition):
        if isinstance(node, (ast.Yield, ast.YieldFrom)):
            return None  # a generator: the call gives a generator
        if isinstance(node, ast.Return):
            value = node.value
            if type(value) is not ast.Tuple or not value.elts or any(type(e) is not ast.Name for e in value.elts):
                return None
            shapes.add(tuple(e.id for e in value.elts))
    if len(shapes) != 1:
        return None
    returned = shapes.pop()
    params = {a.arg for a in (*definition.args.posonlyargs, *definition.args.args, *definition.args.kwonlyargs)}
    out = tuple(_item(definition, name, returned, params, names, module) for name in returned)
    return out if any(item is not None and item[0] == "Process" for item in out) else None


def _item(definition, name: str, returned: tuple, params: set, names, module: str):
    values = local_values(definition, name)
    call = values[0] if values and len(values) == 1 else None
    if type(call) is not ast.Call or any(type(a) is ast.Starred for a in call.args) \
            or any(k.arg is None for k in call.keywords):
        return None
    kind = api_kind(names[1].qualify(call.func))
    if kind in QUEUE_KINDS:
        return (kind,)
    if kind != "Process" or call.args:
        return None
    keywords = {k.arg: k.value for k in call.keywords}
    target = keywords.get("target")
    if type(target) is not ast.Name or not isinstance(names[0].get(target.id), FUNCS):
        return None  # (a function of the helper's module, defined at its top)
    given = keywords.get("args")
    if given is not None and (type(given) not in (ast.Tuple, ast.List) or any(type(e) is ast.Starred for e in given.elts)):
        return None
    args = tuple(("returned", returned.index(e.id)) if type(e) is ast.Name and e.id in returned
                 else ("param", e.id) if type(e) is ast.Name and e.id in params else ("expr", e)
                 for e in (given.elts if given is not None else ()))
    daemon = keywords.get("daemon")
    return "Process", f"{module}.{target.id}", args, type(daemon) is ast.Constant and daemon.value is True
