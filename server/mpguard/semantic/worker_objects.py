"""A worker object a pool's initializer builds from what the caller gives, whose method the pool's tasks call
(processpool-python #5: `ProcessPool(worker_class, n)` hands `worker_class` to
`ProcessPoolExecutor(initializer=_init_worker, initargs=(worker_class,))`; `_init_worker` binds the module global
`_worker = worker_class()`, and each job `_run_job` returns `_worker.run(*args)`).

What that method returns or raises is what the task sends back to the parent: the caller's class decides it. The
helper's summary names the constructor's (or function's) parameter and the method, a sink of role
"worker-method" (linter/summaries; rules/worker_methods.py judges the class the caller passes, or the class of
this module the pool is given).

Followed only on the straight path: the initializer binds the global at the top of its body (`g = param()` or
`g = param`), the task calls `g.method(...)` outside any `try` that could catch what it raises, and the task is
submitted to the pool made with that initializer."""
from __future__ import annotations

import ast

from mpguard.semantic import values as V

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
TRIES = (ast.Try, getattr(ast, "TryStar", ast.Try))


def worker_methods(facts, tree: ast.Module) -> list:
    """[(given, creation, method, call node)]: a pool's initializer builds its global worker object from `given`
    and the pool's task calls `method` of it at `call node`. `given` is what the pool's initargs hold at the
    parameter the object is built from (a V.Param of a function or constructor of this module: the callers decide,
    linter/summaries), or the class of this module the initializer calls by name (`_worker = Worker()`)."""
    found = []
    for creation in facts.creations:
        init = creation.initializer
        definition = init.definition if type(init) is V.Callable and init.kind == "module" else None
        if creation.kind not in ("Pool", "Executor") or not isinstance(definition, FUNCS):
            continue
        tasks = [s.func.definition for s in facts.submits
                 if s.pool is creation.value and type(s.func) is V.Callable and isinstance(s.func.definition, FUNCS)]
        for name, source in _globals_built(definition).items():
            if type(source) is int:
                given = creation.initargs[source][1] if source < len(creation.initargs) else None
            else:
                cls = [c for c in tree.body if type(c) is ast.ClassDef and c.name == source]
                given = V.Callable(definition, "module", source, cls[0]) if len(cls) == 1 else None
            if given is None:
                continue
            for task in tasks:
                for call in _method_calls(task, name):
                    found.append((given, creation, call.func.attr, call))
    return found


def _globals_built(init) -> dict:
    """{global name: parameter index, or a class name} for each `global g` the initializer binds, at the top of its
    body, to one of its positional parameters, to that parameter called (`_worker = worker_class()`), or to a
    class called by name (`_worker = Worker()`)."""
    params = [a.arg for a in (*init.args.posonlyargs, *init.args.args)]
    declared = {n for stmt in init.body if type(stmt) is ast.Global for n in stmt.names}
    out = {}
    for stmt in init.body:
        if type(stmt) is not ast.Assign or len(stmt.targets) != 1 or type(stmt.targets[0]) is not ast.Name:
            continue
        target, value = stmt.targets[0].id, stmt.value
        if target not in declared:
            continue
        source = value.func if type(value) is ast.Call else value
        if type(source) is ast.Name and source.id in params:
            out[target] = params.index(source.id)
        elif type(source) is ast.Name and type(value) is ast.Call:
            out[target] = source.id
    return out


def _method_calls(task, name: str) -> list:
    """`name.method(...)` calls in `task` outside any `try` with handlers, when `task` never binds `name` itself."""
    if any(type(n) is ast.Name and n.id == name and type(n.ctx) is not ast.Load for n in ast.walk(task)):
        return []
    out = []

    def visit(node, guarded: bool) -> None:
        if type(node) in TRIES and node.handlers:
            for stmt in node.body:
                visit(stmt, True)
            for part in (*node.handlers, *node.orelse, *node.finalbody):
                visit(part, guarded)
            return
        if isinstance(node, (*FUNCS, ast.Lambda, ast.ClassDef)) and node is not task:
            return
        if type(node) is ast.Call and type(node.func) is ast.Attribute and type(node.func.value) is ast.Name \
                and node.func.value.id == name and not guarded:
            out.append(node)
        for child in ast.iter_child_nodes(node):
            visit(child, guarded)

    visit(task, False)
    return out
