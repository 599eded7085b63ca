"""Constructor arguments of a project class that a method of the class pickles with `self` (python-cluster #33,
fresh_reports21 pycluster33): `Matrix(data, combinfunc)` keeps `self.combinfunc = combinfunc`, and
`Matrix.genmatrix` starts `Process(target=self.worker)`. Under spawn and forkserver `start()` pickles the
bound method, so the object with everything it keeps: a lambda the caller gave the constructor is refused there.

The caller is in another module (the class and its `Process` are here, the lambda there), so the summary names,
for each method that starts such a Process, the constructor parameters the object keeps in `self`
(`ModuleSummary.bound_state`, keyed "Class.method"). Also one class handing what it keeps on to such a class in a
method (`HierarchicalClustering.getlevel` calls `Matrix(self.data, self.distance).genmatrix(...)`: its constructor's
`distance_function`, kept as `self.distance`, reaches Matrix's `combinfunc`), followed while something new is found.
The caller's rule (rules/bound_targets) judges what its construction call passed. A class that pickles itself its
own way (`__getstate__`, `__reduce__`) is left out: it decides what is sent.
"""
from __future__ import annotations

import ast

from mpguard.semantic import values as V
from mpguard.semantic.dataclass_init import generated_init
from mpguard.semantic.local_values import assigned_once
from mpguard.semantic.start_tests import OPERATORS, holds

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
OWN_PICKLING = ("__getstate__", "__reduce__", "__reduce_ex__")
MAX_ROUNDS = 8  # classes handing what they keep on to one another: rounds of the search at most
FALSE = "never"  # a condition that the values at hand make false: no start on that path


def bound_state(ctx, tree: ast.Module) -> dict:
    """"Class.method" -> ((constructor parameter, line of the Process(...) that pickles it, its explicit start
    method or None, the condition it is started under or None), ...). A condition is (where, name, operator,
    constant): the start happens when the constructor's (where "init") or the method's (where "call") parameter
    `name` compares so with the constant (`num_processes > 1`; operator None: when it is true)."""
    classes = {c.name: c for c in tree.body if isinstance(c, ast.ClassDef)
               and not any(isinstance(f, FUNCS) and f.name in OWN_PICKLING for f in c.body)}
    if not classes:
        return {}
    kept = {name: _kept(cls) for name, cls in classes.items()}
    out: dict = {}
    for creation in ctx.facts.creations:
        if creation.kind != "Process":
            continue
        function, owner = _method_of(ctx.parents, creation.node)
        if owner is None or owner.name not in classes or not (
                _self_method(creation.target_expr, function, owner) or _held_by_target(ctx, creation, function, owner)):
            continue
        condition = _start_condition(ctx.parents, creation.node, function, kept[owner.name])
        if condition is FALSE:
            continue
        key = f"{owner.name}.{function.name}"
        for param in kept[owner.name].values():
            _add(out, key, (param, creation.node.lineno, creation.method, condition))
    for _ in range(MAX_ROUNDS if out else 0):  # (nothing starts such a Process here: nothing to hand on)
        if not _handed_on(classes, kept, out):
            break
    return {key: tuple(found) for key, found in out.items()}


def _add(out: dict, key: str, entry: tuple) -> bool:
    found = out.setdefault(key, [])
    if any(e[0] == entry[0] for e in found):
        return False
    found.append(entry)
    return True


def _handed_on(classes: dict, kept: dict, out: dict) -> bool:
    """One round: a method of a class that builds another class of this module from what it keeps in `self` and
    calls on the new object a method found to pickle it (`Matrix(self.data, self.distance).genmatrix(n)`, or
    `m = Matrix(...)` then `m.genmatrix(n)`). True when something was added."""
    added = False
    for cls in classes.values():
        mine = kept[cls.name]
        for method in cls.body:
            if not isinstance(method, FUNCS) or method.name == "__init__" or not mine:
                continue
            self_name = method.args.args[0].arg if method.args.args else None
            for made, called, call_node in _built_then_called(method):
                other = classes.get(made.func.id)
                entries = out.get(f"{made.func.id}.{called}", ()) if other is not None else ()
                if not entries:
                    continue
                for param, line, start_method, condition in entries:
                    condition = _moved(condition, call_node, _def_of(other, called), mine, method, self_name) \
                        if condition is None or condition[0] == "call" \
                        else _moved(condition, made, _def_of(other, "__init__"), mine, method, self_name)
                    if condition is FALSE:
                        continue
                    for attribute in _given_as(made, other, param, self_name):
                        if attribute in mine:
                            added |= _add(out, f"{cls.name}.{method.name}",
                                          (mine[attribute], line, start_method, condition))
    return added


def _built_then_called(method):
    """(the `Cls(...)` call, the method name) for `Cls(...).m(...)` and for `x = Cls(...)` followed by `x.m(...)`
    in the same function (x assigned once)."""
    names: dict = {}
    assigned: dict = {}
    for node in ast.walk(method):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            assigned[node.targets[0].id] = assigned.get(node.targets[0].id, 0) + 1
            if _class_call(node.value):
                names[node.targets[0].id] = node.value
    for node in ast.walk(method):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        receiver = node.func.value
        if _class_call(receiver):
            yield receiver, node.func.attr, node
        elif isinstance(receiver, ast.Name) and receiver.id in names and assigned.get(receiver.id) == 1:
            yield names[receiver.id], node.func.attr, node


def _class_call(node) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name)


def _given_as(made: ast.Call, cls: ast.ClassDef, param: str, self_name) -> list:
    """The attributes of `self` the call `made` passes to the constructor parameter `param` of `cls`."""
    init = next((f for f in cls.body if isinstance(f, FUNCS) and f.name == "__init__"), None)
    if init is None or any(isinstance(a, ast.Starred) for a in made.args):
        return []
    params = [a.arg for a in init.args.args[1:]]
    given = [k.value for k in made.keywords if k.arg == param]
    if param in params and params.index(param) < len(made.args):
        given.append(made.args[params.index(param)])
    return [g.attr for g in given if isinstance(g, ast.Attribute) and isinstance(g.value, ast.Name)
            and g.value.id == self_name]


def _kept(cls: ast.ClassDef) -> dict:
    """attribute -> the __init__ parameter it keeps (`self.distance = distance_function`), for the parameters
    __init__ never rebinds."""
    init = next((f for f in cls.body if isinstance(f, FUNCS) and f.name == "__init__"), None) \
        or generated_init(cls)  # (a dataclass's: each field kept from its parameter, semantic/dataclass_init)
    if init is None or not init.args.args:
        return {}
    self_name = init.args.args[0].arg
    params = {a.arg for a in (*init.args.args[1:], *init.args.kwonlyargs)}
    rebound = {n.id for n in ast.walk(init) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)}
    out = {}
    for node in ast.walk(init):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Name) and node.value.id in params - rebound:
            for target in node.targets:
                if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) \
                        and target.value.id == self_name:
                    out[target.attr] = node.value.id
    return out


def _method_of(parents: dict, node):
    """(the def, its class) when `node` is inside a method of a top-level class (also in a comprehension of it)."""
    current = parents.get(node)
    while current is not None and not isinstance(current, FUNCS):
        current = parents.get(current)
    owner = parents.get(current) if current is not None else None
    return (current, owner) if isinstance(owner, ast.ClassDef) else (None, None)


def _self_method(target, function, owner: ast.ClassDef) -> bool:
    """`target` is `self.<method>` of the class (a bound method: pickled with its object)."""
    if not (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and function.args.args
            and target.value.id == function.args.args[0].arg):
        return False
    return any(isinstance(f, FUNCS) and f.name == target.attr for f in owner.body)




def _held_by_target(ctx, creation, function, owner: ast.ClassDef) -> bool:
    """`target` is `x.<method>` of an object that holds this object: `x` bound once in the method to what a
    method of the class called on `self` gives (`queue = self.queue(name)`, a memoizing accessor returning
    `JobQueue(env=self, ...)`: sqs-workers #16's SQSEnv.process_queues), whose value (the walker's, through the
    module's flow) is a bound method of an object whose fields or constructor arguments hold an instance of this
    class. Pickling the bound method pickles that object, and this one with it."""
    target = creation.target_expr
    if not (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and function.args.args):
        return False
    me, local = function.args.args[0].arg, target.value.id
    bound = assigned_once(function).get(local)
    if not (isinstance(bound, ast.Call) and isinstance(bound.func, ast.Attribute)
            and isinstance(bound.func.value, ast.Name) and bound.func.value.id == me
            and any(isinstance(f, FUNCS) and f.name == bound.func.attr for f in owner.body)):
        return False
    value = ctx.flow.resolve(creation.target) if creation.target is not None else None
    options = value.options if type(value) is V.Union else (value,)
    for option in options:
        held = option.instance if type(option) is V.BoundMethod else None
        if type(held) is not V.Instance:
            continue
        parts = [*(held.fields or {}).values(), *held.args]
        if any(type(p) is V.Instance and p.cls is not None and p.cls.definition is owner for p in parts):
            return True
    return False


def _start_condition(parents: dict, node, function, kept: dict):
    """The test of a method parameter the start is made under (`if use_multiprocessing:` with
    `use_multiprocessing = num_processes > 1`, or `if num_processes > 1:` itself): ("call", parameter, operator,
    constant); of an attribute kept from a constructor parameter (`if self.parallel:`): ("init", that parameter,
    ...). None when no enclosing `if` of the method tests one. A test of anything else is not read (as when the
    class and its caller share a module)."""
    params = {a.arg for a in function.args.args[1:]}
    self_name = function.args.args[0].arg if function.args.args else None
    locals_ = assigned_once(function)

    def subject(expr):
        if isinstance(expr, ast.Name) and expr.id in params:
            return "call", expr.id
        if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name) and expr.value.id == self_name \
                and expr.attr in kept:
            return "init", kept[expr.attr]
        return None

    child, current = node, parents.get(node)
    while current is not None and current is not function:
        if isinstance(current, ast.If) and child in current.body:
            found = _tested(current.test, subject, locals_)
            if found is not None:
                return found
        child, current = current, parents.get(current)
    return None


def _tested(test, subject, locals_: dict, depth: int = 0):
    if isinstance(test, ast.Name) and test.id in locals_ and subject(test) is None and depth < 3:
        return _tested(locals_[test.id], subject, locals_, depth + 1)
    if subject(test) is not None:
        return (*subject(test), None, None)
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and type(test.ops[0]).__name__ in OPERATORS \
            and subject(test.left) is not None and isinstance(test.comparators[0], ast.Constant):
        return (*subject(test.left), type(test.ops[0]).__name__, test.comparators[0].value)
    return None


def _def_of(cls: ast.ClassDef, name: str):
    return next((f for f in cls.body if isinstance(f, FUNCS) and f.name == name), None)


def _moved(condition, call: ast.Call, called, mine: dict, method, self_name):
    """A condition on a parameter of `called` (the method called, or the constructor of the object built: "call"
    or "init"), said in terms of the calling method: the argument
    the call gives there is a constant (decided now: None or FALSE), `self.<attr>` kept from the caller's
    constructor parameter ("init", that parameter), or the calling method's own parameter ("call", it); a
    parameter left to its default is decided by the default. FALSE too when it cannot be told (silent)."""
    if condition is None:
        return condition
    if called is None or any(isinstance(a, ast.Starred) for a in call.args):
        return FALSE
    params = [a.arg for a in called.args.args[1:]]
    name = condition[1]
    if name not in params:
        return FALSE
    given = next((k.value for k in call.keywords if k.arg == name), None)
    at = params.index(name)
    if given is None and at < len(call.args):
        given = call.args[at]
    if given is None:
        defaults = called.args.defaults
        first = len(params) - len(defaults)
        given = defaults[at - first] if at >= first else None
    if isinstance(given, ast.Constant):
        return None if holds(condition, given.value) else FALSE
    if isinstance(given, ast.Attribute) and isinstance(given.value, ast.Name) and given.value.id == self_name \
            and given.attr in mine:
        return ("init", mine[given.attr], condition[2], condition[3])
    if isinstance(given, ast.Name) and given.id in {a.arg for a in method.args.args[1:]}:
        return ("call", given.id, condition[2], condition[3])
    return FALSE
