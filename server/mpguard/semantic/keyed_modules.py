"""A module chosen from a table of getters by a key the callers give.

    def get_mp():
        import multiprocessing
        return multiprocessing

    BACKENDS = {"mp": get_mp, "ray": get_ray}     # get_ray returns ray.util.multiprocessing

    def run(inputs, backend=None):
        backend = backend or "mp"
        multiprocessing = BACKENDS[backend]()
        with multiprocessing.Pool(2) as pool: ...

`BACKENDS[backend]()` under a key that is not known is one of several different modules: none of them is known
(precision first), so `multiprocessing.Pool(...)` is no known stdlib Pool. A key the walker knows (a constant, a
local bound to one) picks its entry before this (expressions.py). A key the callers give through one parameter
is a condition on that parameter (`picks`): each module keeps the table keys that give it, and a process object a
call of that module makes is kept only as a parameter condition on its function (facts.param_spawns): a caller
whose argument (or the default it leaves) is a literal picking that entry starts processes; any other argument
picks no known module. The parameter may be rebound first by `p = p or C` or `if p is None: p = C` (the
program's own default), nothing else.
"""
from __future__ import annotations

import ast

from mpguard.semantic import values as V

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
LITERALS = (str, int, float, bool, type(None))


def different_modules(made: list) -> bool:
    """Do the calls of a table's items give modules, not all the same one?"""
    names = {one.qualified for one in made if type(one) is V.ModuleRef}
    return len(names) > 1 or (len(names) == 1 and any(type(one) is not V.ModuleRef for one in made))


def picked_modules(subscript: ast.Subscript, container, made_by_item: dict, function):
    """The modules `TABLE[key]()` may give, each carrying the condition on the caller's parameter that picks it
    (V.ModuleRef.picked); None when the key is not one parameter's literal or the table not a dict literal of
    constant keys (a module not known). `made_by_item`: id(item) -> what calling it gave."""
    if type(container) is not V.Sequence or type(container.node) is not ast.Dict \
            or len(container.items) != len(container.node.keys):
        return None  # (a table the program adds to: its keys are not all in sight)
    param, fallback = _key_parameter(subscript.slice, function)
    if param is None:
        return None
    keys_of: dict = {}  # qualified module -> the table keys that give it
    for key, value in zip(container.node.keys, container.items):
        one = made_by_item.get(id(value))
        if not isinstance(key, ast.Constant) or type(key.value) not in LITERALS or type(one) is not V.ModuleRef:
            return None
        keys_of.setdefault(one.qualified, []).append(key.value)
    return V.Union(subscript, [V.ModuleRef(subscript, qualified, picked=("picks", param, tuple(keys), fallback))
                               for qualified, keys in keys_of.items()])


def defaulted_parameter(key: ast.expr, function) -> bool:
    """Is `key` a parameter of `function` that the function gives its own default (`p = p or C`, ...)?"""
    return _key_parameter(key, function)[1] is not None


def _key_parameter(key: ast.expr, function) -> tuple:
    """(parameter, fallback) when `key` is a parameter of `function`, rebound at most once, at the top of its body
    and before any other use, by `p = p or C` (fallback ("or", C)) or `if p is None: p = C` (("none", C))."""
    if type(key) is not ast.Name or not isinstance(function, FUNCS):
        return None, None
    a = function.args
    if key.id not in {p.arg for p in (*getattr(a, "posonlyargs", ()), *a.args, *a.kwonlyargs)}:
        return None, None
    stores = [n for n in ast.walk(function) if type(n) is ast.Name and n.id == key.id and type(n.ctx) is not ast.Load]
    stores += [n for n in ast.walk(function) if isinstance(n, (ast.Global, ast.Nonlocal)) and key.id in n.names]
    if not stores:
        return key.id, None
    if len(stores) > 1:
        return None, None
    for stmt in function.body:
        fallback = _fallback(stmt, key.id)
        if fallback is not None:
            before = stmt.lineno < key.lineno and any(n is stores[0] for n in ast.walk(stmt))
            return (key.id, fallback) if before else (None, None)
    return None, None


def _fallback(stmt, name: str) -> tuple | None:
    if type(stmt) is ast.Assign and len(stmt.targets) == 1 and type(stmt.targets[0]) is ast.Name \
            and stmt.targets[0].id == name and type(stmt.value) is ast.BoolOp and type(stmt.value.op) is ast.Or \
            and len(stmt.value.values) == 2 and type(stmt.value.values[0]) is ast.Name \
            and stmt.value.values[0].id == name and _literal(stmt.value.values[1]):
        return ("or", stmt.value.values[1].value)
    if type(stmt) is ast.If and not stmt.orelse and len(stmt.body) == 1 and type(stmt.body[0]) is ast.Assign:
        test, body = stmt.test, stmt.body[0]
        if type(test) is ast.Compare and type(test.left) is ast.Name and test.left.id == name \
                and len(test.ops) == 1 and type(test.ops[0]) is ast.Is and type(test.comparators[0]) is ast.Constant \
                and test.comparators[0].value is None and len(body.targets) == 1 \
                and type(body.targets[0]) is ast.Name and body.targets[0].id == name and _literal(body.value):
            return ("none", body.value.value)
    return None


def _literal(expr) -> bool:
    return type(expr) is ast.Constant and type(expr.value) in LITERALS


def picks(key: tuple, expr) -> bool:
    """Does the argument `expr` pick one of the table keys of the condition `key` ("picks", parameter, keys,
    fallback)? Only a literal argument does: anything else picks no known module (precision first)."""
    if type(expr) is not ast.Constant or type(expr.value) not in LITERALS:
        return False
    value, fallback = expr.value, key[3]
    if fallback is not None and fallback[0] == "or" and not value:
        value = fallback[1]
    elif fallback is not None and fallback[0] == "none" and value is None:
        value = fallback[1]
    return any(type(value) is type(k) and value == k for k in key[2])


SPAWNERS = frozenset({"Process", "Pool", "Executor", "Manager"})  # the objects whose making starts processes


def picked_call(facts, e: ast.Call, condition: tuple, made, function, forget) -> None:
    """What `module.Pool(...)` of a picked module made (`made`, from the call of the module itself) is no known
    object (forgotten with every fact about it: `forget`, library_calls.forget_pools); a process object's making
    stays as the parameter condition under which the module is the one that made it (facts.param_spawns)."""
    for one in made.options if type(made) is V.Union else (made,):
        if type(one) is V.MPObject:
            if one.kind in SPAWNERS and function is not None:
                facts.param_spawns.append((function, e, (condition, True), one.method))
            forget(facts, {id(one)})
