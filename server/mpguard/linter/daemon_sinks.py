"""Parameters of a project module's functions whose callable runs in a daemonic process of that module
(for the summaries other modules read: `linter.summaries`).

A task cluster starts one daemonic worker per task and calls, in it, the function its caller handed
over (django-q's cluster: `spawn_process(func, args, results)` -> `Process(target=_run_task,
args=(func, args, results), daemon=True)` -> `_run_task` calls `func(*args)`). Whether that function
starts processes of its own (and so fails: daemonic processes are not allowed to have children) is
known only at the caller, several modules away: the summary names the parameter (a sink of role
"daemon-run"), and the caller's rule judges what it passes (rules/daemon_handover).
"""
from __future__ import annotations

import ast

from mpguard.semantic import values as V
from mpguard.semantic.flow import bind_argument
from mpguard.semantic.index import nodes_in

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)

MAX_HOPS = 8  # parameters followed back through the module's calls at most


def daemon_runs(ctx, top: dict, called: list):
    """[(parameter, creation, when)]: a parameter of a top-level function or method (`top`: def -> name) that a
    function running in a daemonic process of this module calls; the Creation of that process (or pool); `when`
    (the class's __init__ parameter, its truth) if the constructor picks that pool by a parameter, else None.
    `called`: `called_in_daemons(ctx)`."""
    found = []
    seen = set()
    for param, spawner in called:
        key = (id(param.function), param.name, id(spawner))
        if param.function in top and key not in seen:
            seen.add(key)
            found.append((param, spawner, None))
    # a Pool's workers are daemonic too: `def run_parallel(func, items): with Pool() as p: p.map(func, items)`
    for submit in ctx.facts.submits:
        if not V.daemonic_pool(submit.pool) or type(submit.func) is not V.Param:
            continue
        creation = next((c for c in ctx.facts.creations if c.value is submit.pool), None)
        when = None
        if id(submit.node) in ctx.maybe_own_workers:  # a daemonic pool or one making its own workers
            when = constructor_choice(ctx, creation) if creation is not None else None
            if when is None:
                continue
        for param in _origins(ctx, submit.func) if creation is not None else ():
            key = (id(param.function), param.name, id(creation))
            if param.function in top and key not in seen and (when is None or _method_of_class(ctx, param, when)):
                seen.add(key)
                found.append((param, creation, when and when[1:]))
    return found


def called_in_daemons(ctx) -> list:
    """(parameter, creation) for each parameter of this module's functions whose callable a function running in
    a daemonic child of this module calls, traced back through the module's calls and the processes' args."""
    found = []
    for child in ctx.children:
        # (a Pool task too: `_execute(name, args)` calling what a registry keeps, `TaskApp.registry[name]`, filled
        # by the method `task(self, func)`, whose parameter is then the sink)
        if not child.daemonic or child.role not in ("target", "task"):
            continue
        spawner = child.spawner if child.role == "target" else \
            next((c for c in ctx.facts.creations if c.value is child.spawner.pool), None)
        if spawner is None:
            continue
        inside = ctx.reachable([child.definition])
        for func in inside:
            info = ctx.facts.functions.get(func)
            for value, _call, _where in info.calls if info is not None else ():
                # (a parameter, or what a dict a registering function fills gives: `HANDLERS[event](payload)`)
                for given in _params_in(value):
                    if child.role == "task" and type(given) is V.Param and given.function is child.definition \
                            and given.site is None:
                        # the task's own parameter: what this pool call hands it (`apply_async(_trace_task, job)`
                        # with `job = (name, self.registry[name], args, kwargs)`: celery-like apps, lungmask #47)
                        found.extend((handed, spawner) for handed in _task_argument(ctx, child.spawner, given))
                for param in (p for given in _params_in(value) for p in _origins(ctx, given)):
                    if child.role == "task" and param.function in inside:
                        continue  # (a parameter of the task's chain: a caller calling that function runs it at home)
                    found.append((param, spawner))
    return found


def _task_argument(ctx, submit, param: V.Param) -> list:
    """The parameters of this module's functions whose value a pool call (`submit`) hands the task's `param`, when
    the call's arguments are the task's by position (`apply_async(f, (a, b))`, `submit(f, a, b)`)."""
    task = param.function
    if getattr(submit, "method_name", None) not in ("apply", "apply_async", "submit") or not isinstance(task, FUNCS) \
            or task.args.vararg is not None:
        return []
    positional = [a.arg for a in (*task.args.posonlyargs, *task.args.args)]
    if param.name not in positional or len(submit.args) != len(positional) \
            or any(type(expr) is ast.Starred for expr, _v in submit.args):
        return []
    value = submit.args[positional.index(param.name)][1]
    return [p for given in _params_in(value) for p in _origins(ctx, given) if p.function is not task]


def daemon_decorators(ctx, top: dict, called: list):
    """[(parameter, creation, factory)]: a parameter of the decorator that a top-level function or method
    (`factory`, in `top`) returns, its nested function, whose callable runs in a daemonic child of this module
    (`def fit(self, key): def register(fn): self._ops[key] = fn; return fn; return register`, the object's `run`
    handing `self._ops[key]` to a daemonic Process that calls it): applying `@obj.fit("query")` hands the
    decorated function to that child."""
    found, seen = [], set()
    for param, spawner in called:
        factory = ctx.parents.get(param.function)
        key = (id(param.function), param.name, id(spawner))
        if factory in top and key not in seen and param.kind == "positional" \
                and _returns_own(factory, param.function) and _first_parameter(param.function) == param.name:
            seen.add(key)
            found.append((param, spawner, factory))
    return found


def _returns_own(factory, nested) -> bool:
    """`factory` returns its nested def `nested` (by name, never rebinding it), as a decorator factory does."""
    if not isinstance(factory, FUNCS) or not isinstance(nested, FUNCS) or nested not in factory.body:
        return False
    returns, stores, todo = [], 0, list(factory.body)
    while todo:  # the factory's own statements and expressions, not those of the functions it defines
        node = todo.pop()
        if isinstance(node, ast.Return):
            returns.append(node)
        elif isinstance(node, ast.Name) and node.id == nested.name and not isinstance(node.ctx, ast.Load):
            stores += 1
        if not isinstance(node, (*FUNCS, ast.Lambda, ast.ClassDef)):
            todo.extend(ast.iter_child_nodes(node))
    return bool(returns) and not stores and all(isinstance(r.value, ast.Name) and r.value.id == nested.name
                                                for r in returns)


def _first_parameter(func) -> str | None:
    """The parameter a decorator's call fills with the decorated function (its only positional one)."""
    positional = [a.arg for a in (*func.args.posonlyargs, *func.args.args)]
    return positional[0] if len(positional) == 1 else None


def constructor_choice(ctx, creation):
    """(__init__, parameter, truth) when the pool class of `creation` is picked in a constructor by a conditional
    expression on its parameter (`pool_cls = _NonDaemonPool if allow_nesting else Pool; self.pool =
    pool_cls(n)`): the truth of that parameter that picks this daemonic Pool; None otherwise."""
    function = creation.where.function
    call = creation.node
    if not isinstance(function, ast.FunctionDef) or function.name != "__init__" or not isinstance(call, ast.Call):
        return None
    chooser = call.func
    if isinstance(chooser, ast.Name):  # a name bound once, in __init__, to the conditional expression
        bindings = [n for n in nodes_in(function) if isinstance(n, ast.Assign) and len(n.targets) == 1
                    and isinstance(n.targets[0], ast.Name) and n.targets[0].id == chooser.id]
        stores = [n for n in nodes_in(function) if isinstance(n, ast.Name) and n.id == chooser.id
                  and not isinstance(n.ctx, ast.Load)]
        chooser = bindings[0].value if len(bindings) == 1 and len(stores) == 1 else None
    if not isinstance(chooser, ast.IfExp):
        return None
    test, truth = chooser.test, True
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        test, truth = test.operand, False
    params = [a.arg for a in (*function.args.posonlyargs, *function.args.args, *function.args.kwonlyargs)]
    if not isinstance(test, ast.Name) or test.id not in params[1:] \
            or any(isinstance(n, ast.Name) and n.id == test.id and not isinstance(n.ctx, ast.Load)
                   for n in nodes_in(function)):
        return None
    # which branch names this (daemonic) pool: the other one names a subclass that makes its own workers
    own = next((c.value.subclass.name for c in ctx.facts.creations
                if c.node is call and c.value.kind == "Pool" and c.value.own_workers and c.value.subclass), None)
    names = [b.id if isinstance(b, ast.Name) else None for b in (chooser.body, chooser.orelse)]
    if own is None or own not in names or names.count(own) != 1:
        return None
    return function, test.id, truth if names[1] == own else not truth


def _method_of_class(ctx, param, when) -> bool:
    """The sink's function is a method of the class whose __init__ picks the pool."""
    return ctx.parents.get(param.function) is ctx.parents.get(when[0])


def _origins(ctx, param: V.Param) -> list:
    """The parameters of top-level functions a parameter's value comes from: through the module's call
    sites and the processes started with it (a target's parameters hold the Process's `args`)."""
    flow = ctx.flow
    out, todo, seen = [], [(param, 0)], set()
    while todo:
        current, hops = todo.pop()
        if id(current) in seen or hops > MAX_HOPS:
            continue
        seen.add(id(current))
        sites = flow.passing(current)
        if not sites:
            out.append(current)
            continue
        for site in sites:
            value = bind_argument(current.function, site, current)
            todo.extend((option, hops + 1) for option in _params_in(value))
    return out


def _params_in(value) -> list:
    """The parameters a value may be: itself, an option of a union, or an item of a container read by a key not
    known here (`self._ops[key]`, the dict a registering method fills with its parameter: any of its items)."""
    out = []
    for option in value.options if type(value) is V.Union else [value]:
        if type(option) is V.Element and type(option.of) is V.Sequence and option.attr is None \
                and not isinstance(option.key, ast.Constant):
            out.extend(item for item in option.of.items if type(item) is V.Param)
        elif type(option) is V.Param:
            out.append(option)
    return out


MAPPING = frozenset({"map", "map_async", "imap", "imap_unordered"})


def daemon_methods(ctx, owners: dict):
    """[(parameter, creation, method)]: a parameter of a top-level function or method (`owners`) whose items a
    Pool of this module maps a task of this module over, the task calling `method` of its item
    (`def run(self, nodes): with Pool() as p: p.map(_run_node, nodes)` with `def _run_node(node): return
    node.run()`, nipype's MultiProc plugin): that method runs in a daemonic worker."""
    found = []
    for submit in ctx.facts.submits:
        task = getattr(submit.func, "definition", None) if type(submit.func) is V.Callable else None
        if not V.daemonic_pool(submit.pool) or id(submit.node) in ctx.maybe_own_workers \
                or submit.method_name not in MAPPING or not submit.task_args \
                or len(submit.task_args) != 1 or not isinstance(task, ast.FunctionDef) or not task.args.args:
            continue
        creation = next((c for c in ctx.facts.creations if c.value is submit.pool), None)
        item = submit.task_args[0][1]
        given = item.of if type(item) is V.Element and item.key is None and item.attr is None else None
        if creation is None or type(given) is not V.Param:
            continue
        for method in _called_methods(task, task.args.args[0].arg):
            for param in _origins(ctx, given):
                if param.function in owners:
                    found.append((param, creation, method))
    return found


def _called_methods(task, name: str) -> list:
    """The methods `task` calls on its parameter `name` in its own body (`node.run()`), if it never rebinds it."""
    if any(isinstance(n, ast.Name) and n.id == name and not isinstance(n.ctx, ast.Load) for n in ast.walk(task)):
        return []
    out = []
    for node in ast.walk(task):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name) \
                and node.func.value.id == name and node.func.attr not in out:
            out.append(node.func.attr)
    return out
