"""MP416: a worker process that can raise before it puts its result, while the parent waits for that result in a
`get()` without a timeout.

    def _worker(ns, work_q, result_q):
        while True:
            path = work_q.get()
            ...
            entries = dfs.list_dir(ns, path)    # another project module: raises PermissionError on a denied path
            result_q.put((path, entries))
    ...
    procs = [ctx.Process(target=_worker, args=(self.ns, work_q, result_q)) for _ in range(n)]
    ...
    while processed < queued:
        path, entries = result_q.get()          # the worker that raised never puts: waits forever

An exception a Process target does not catch ends that process (its traceback is printed there); nothing reaches
the parent, whose `get()` waits for an item that never comes (daos-stack/daos PR #18414, fresh_reports18
daos18414). Under every start method.

Said only when all of these are shown:
- the process runs a def of this module given the queue as an argument, and it calls `.put(...)` on that parameter;
  or it is a Process subclass of this module whose `__init__` keeps the queue in a field (the one value stored
  there) and whose `run()` calls `self.<field>.put(...)` (fonduer #362's UDF, fresh_reports20);
- before that put, on every way to it in that code, a `raise`, or a call of a function of this or another project
  module whose own code raises outside any `try` (one call deep), the function named or kept in a field of the
  object (`self.extractor(doc)`: the one function stored there);
- no `try` of that code encloses the raise or the call (a handler or a `finally` may put something, or report the
  error; a `try` elsewhere, `except Empty: break` around the read of the inbox, cannot catch it);
- the function that makes the process reads the queue with `get()` (no timeout, blocking), itself or in a def of this
  module it calls giving it the queue (`self._collect(out_queue, n)`), and neither it nor what it calls asks whether
  a child is still there (`is_alive`, `exitcode`, `sentinel`, `connection.wait`)."""
from __future__ import annotations

import ast

from mpguard.rules import ending_tasks
from mpguard.rules.registry import Rule, register
from mpguard.semantic import values as V
from mpguard.semantic.flow import bind_argument
from mpguard.semantic.local_values import own_nodes
from mpguard.semantic.platforms import ALL_METHODS

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
QUEUES = ("Queue", "SimpleQueue")
TRIES = (ast.Try, getattr(ast, "TryStar", ast.Try))
LIVENESS = frozenset({"is_alive", "exitcode", "sentinel", "wait"})

LOST_RESULT = register(Rule(
    "MP416", "worker-raises-before-put",
    "A worker process can raise before it puts its result (or marks its item done), and the parent waits for it in "
    "get() without a timeout (or in a JoinableQueue's join())",
    ALL_METHODS, {m: "No exception in the parent: the worker's traceback is printed in the worker, and the parent "
                  "waits in get() forever (hang)" for m in ("fork", "spawn", "forkserver")},
    severity="error", fix_title="Catch the worker's exception and put it on the queue (re-raise it in the parent), "
    "use a Pool or executor whose results re-raise, or get() with a timeout and check the workers",
))


def check(ctx) -> None:
    ending_tasks.check(ctx)  # a Pool task that can end its worker: the pool's map() waits forever
    reads = None  # (id(queue), id(function)) -> the first blocking get() on it there: built once, when a queue is given
    judged: dict = {}  # (id(target), put receiver) -> a raise on the way to its put: once per target
    liveness: dict = {}  # id(scope) -> does it ask whether a child is alive: once per function
    for creation in ctx.facts.creations:
        if creation.kind != "Process" or not ctx.in_parent(creation.where):
            continue
        given = list(producers(ctx, creation))
        if not given:
            continue
        function = creation.where.function
        scope = function if function is not None else ctx.tree  # (the module's own code: under its main guard)
        if type(scope) not in (*FUNCS, ast.Module):
            continue
        if reads is None:
            reads = _blocking_reads(ctx)
        if not any((id(queue), id(function)) in reads for _target, _receiver, queue in given):
            continue
        if id(scope) not in liveness:
            liveness[id(scope)] = asks_liveness(scope) or any(
                asks_liveness(callee) for callee in _callees(ctx, function) if type(callee) in FUNCS)
        if liveness[id(scope)]:
            continue
        for target, receiver, queue in given:
            read = reads.get((id(queue), id(function)))
            if read is None:
                continue
            key = (id(target), receiver)
            if key not in judged:
                judged[key] = raise_before_put(ctx, target, receiver)
            if judged[key] is None:
                continue
            what, line = judged[key]
            name = target.name if target.name != "run" else f"{creation.value.subclass.name}.run"
            ctx.report("MP416", read, f"`{ast.unparse(read)}` waits without a timeout for what "
                       f"`{name}` puts, and `{name}` can raise before its put ({what}, line {line}): "
                       "the exception ends that process (its traceback is printed there, never sent), and this "
                       "get() waits forever", ALL_METHODS,
                       related=((creation.node, "the worker process"),))
            return


def producers(ctx, creation):
    """(the def the process runs, the text of what it puts on: a parameter or `self.<field>`, the queue) for each
    Queue the process is given: a target's argument, or what the Process subclass's `__init__` keeps in `self`
    (its `run()` being the code)."""
    cls = creation.value.subclass
    if cls is None:
        targets = [t for t in ctx.definitions_of(creation.target) if type(t) in FUNCS] if creation.args else []
        for target in targets:
            params = [a.arg for a in (*target.args.posonlyargs, *target.args.args)]
            for index, (_expr, value) in enumerate(creation.args):
                if index < len(params) and _queue(ctx, value) is not None:
                    yield target, params[index], _queue(ctx, value)
        return
    if not isinstance(cls, ast.ClassDef):
        return
    lineage = [c for c in ctx.facts.lineage(cls) if isinstance(c, ast.ClassDef)]
    run = next((f for c in lineage for f in c.body if type(f) in FUNCS and f.name == "run"), None)
    if run is None or not run.args.args:
        return
    fields: dict = {}
    for c in lineage:
        for name, value in ctx.facts.instance_attributes.get(c, ()):
            fields.setdefault(name, []).append(_queue(ctx, value))
    me = run.args.args[0].arg
    for name, queues in fields.items():
        if len(queues) == 1 and queues[0] is not None:  # (one binding, of a queue: known to be that queue)
            yield run, f"{me}.{name}", queues[0]


def _queue(ctx, value):
    queue = ctx.flow.resolve(value)
    return queue if type(queue) is V.MPObject and queue.kind in QUEUES else None


def _callees(ctx, function) -> list:
    info = ctx.facts.functions.get(function)
    return [getattr(value, "definition", None) for value, _call, _w in info.calls] if info is not None else []


def _blocking_reads(ctx) -> dict:
    """(id(queue), id(function)) -> the first `get()` on that queue that blocks without a timeout: in that function, or
    in a def of this module it calls giving it the queue (`self._collect(out_queue, n)` reading `out_queue.get()`)."""
    out: dict = {}
    for op in ctx.facts.ops:
        if op.name == "get" and op.obj.kind in QUEUES and not op.node.args and not op.node.keywords:
            out.setdefault((id(op.obj), id(op.where.function)), op.node)
    for callee, sites in ctx.facts.call_sites.items():
        if type(callee) not in FUNCS:
            continue
        gets = [n for n in own_nodes(callee) if type(n) is ast.Call and type(n.func) is ast.Attribute
                and n.func.attr == "get" and not n.args and not n.keywords and type(n.func.value) is ast.Name]
        for get in sorted(gets, key=lambda n: (n.lineno, n.col_offset)):
            param = V.Param(callee, callee, get.func.value.id, "positional")
            if param.name not in {a.arg for a in (*callee.args.posonlyargs, *callee.args.args)} \
                    or _rebound(callee, param.name):
                continue
            for site in sites:
                if site.where is None or site.where.function is callee:
                    continue
                queue = bind_argument(callee, site, param, ctx.flow.resolve)
                queue = _queue(ctx, queue) if queue is not None else None
                if queue is not None:
                    out.setdefault((id(queue), id(site.where.function)), get)
    return out


def _rebound(function, name: str) -> bool:
    return any(type(n) is ast.Name and n.id == name and type(n.ctx) is not ast.Load for n in own_nodes(function))


def asks_liveness(function) -> bool:
    return any(type(n) is ast.Attribute and n.attr in LIVENESS for n in own_nodes(function))


def raise_before_put(ctx, target, receiver: str, methods=("put", "put_nowait"), every: bool = False):
    """(what, line) of a raise on the way to the target's first `<receiver>.put(...)` that no `try` of the target
    encloses (a handler or a `finally` may put something, or report the error), else None. `methods`: the calls
    waited for (`task_done` of a JoinableQueue); `every`: on the way to any of them, not only the first."""
    puts = [n for n in own_nodes(target) if type(n) is ast.Call and type(n.func) is ast.Attribute
            and n.func.attr in methods and ast.unparse(n.func.value) == receiver]
    if not puts:
        return None
    puts.sort(key=lambda n: (n.lineno, n.col_offset))
    for put in puts if every else puts[:1]:
        found = _raise_on_the_way(ctx, target, put)
        if found is not None:
            return found
    return None


def _raise_on_the_way(ctx, target, put):
    tries = [n for n in own_nodes(target) if type(n) in TRIES]
    before = [n for n in own_nodes(target) if type(n) in (ast.Raise, ast.Call) and n is not put and (
        ctx.inside(n, put) or (n.lineno, n.col_offset) < (put.lineno, put.col_offset) and _on_the_way(ctx, n, put))
        and not any(ctx.inside(n, t) for t in tries)]
    for node in sorted(before, key=lambda n: (n.lineno, n.col_offset)):
        if type(node) is ast.Raise and node.exc is not None:
            return f"`raise {ast.unparse(node.exc)}`", node.lineno
        if type(node) is ast.Call:
            raised = _callee_raise(ctx, node, target)
            if raised is not None:
                return f"`{ast.unparse(node.func)}(...)` may raise {raised}", node.lineno
    return None


def _callee_raise(ctx, call, target):
    """The class a function of this or another project module that `call` calls raises in its own code, outside any
    `try` (`raise PermissionError(...)` under a test on its arguments), else None. The function may be one the
    target's object keeps in a field (`self.extractor(doc)`: the one value its class stores there)."""
    callee = None
    if type(call.func) is ast.Name:
        callee = next((f for f in ctx.tree.body if type(f) in FUNCS and f.name == call.func.id), None)
    elif _own_field(call.func, target):
        callee = _field_function(ctx, target, call.func.attr)
    if callee is None and ctx.resolver is not None and hasattr(ctx.resolver, "definition"):
        qualified = ctx.imports.qualify(call.func)
        callee = ctx.resolver.definition(qualified) if qualified else None
    if type(callee) not in FUNCS or any(type(n) in TRIES for n in own_nodes(callee)):
        return None
    for node in own_nodes(callee):
        if type(node) is ast.Raise and node.exc is not None:
            made = node.exc.func if type(node.exc) is ast.Call else node.exc
            return ast.unparse(made)
    return None


def _own_field(func, target) -> bool:
    return type(func) is ast.Attribute and type(func.value) is ast.Name and bool(target.args.args) \
        and func.value.id == target.args.args[0].arg


def _field_function(ctx, target, name: str):
    """The def of this module the field `name` of the target's class (and its bases of this module) holds, when
    it is bound once, to a function, and not assigned in the target itself."""
    cls = ctx.parents.get(target)
    if not isinstance(cls, ast.ClassDef) or any(type(n) is ast.Attribute and n.attr == name
                                                  and type(n.ctx) is not ast.Load for n in own_nodes(target)):
        return None
    kept = [v for c in ctx.facts.lineage(cls) if isinstance(c, ast.ClassDef)
            for n, v in ctx.facts.instance_attributes.get(c, ()) if n == name]
    if len(kept) != 1:
        return None
    held = ctx.flow.resolve(kept[0])
    if type(held) is V.ModuleRef and ctx.resolver is not None and hasattr(ctx.resolver, "definition"):
        return ctx.resolver.definition(held.qualified)  # (a function of another project module, passed in)
    defs = ctx.definitions_of(held)
    return defs[0] if len(defs) == 1 and type(defs[0]) in FUNCS else None


def _on_the_way(ctx, node, put) -> bool:
    """Does every way to the put run `node`: it is in the header of a statement enclosing the put (a loop's test or
    iterable), or in a simple statement (or a compound one's header) of a block the put is in, before it?"""
    statement = node
    while statement is not None and not isinstance(statement, ast.stmt):
        statement = ctx.parents.get(statement)
    if statement is None or _in_body(ctx, node, statement):
        return False  # (inside a branch or loop body of its own: not run on every way)
    if ctx.inside(put, statement):
        return True
    holder = ctx.parents.get(statement)
    for field in ("body", "orelse", "finalbody"):
        block = getattr(holder, field, None)
        if type(block) is list and statement in block:
            return any(ctx.inside(put, later) for later in block[block.index(statement) + 1:])
    return False


def _in_body(ctx, node, statement) -> bool:
    """Is `node` inside one of the blocks of the compound `statement` (not its test or header)?"""
    return any(ctx.inside(node, s) for field in ("body", "orelse", "finalbody", "handlers")
               for s in getattr(statement, field, ()) or ())
