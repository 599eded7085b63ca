"""MP417: `join()` waits for a child whose work loop can no longer end, because the function joining it has already
stopped what the child waits on or asks on every turn.

Two ways, each said only on evidence:

- **Feeder threads stopped** (NVlabs/GA3C PR 23): the child (a Process subclass) waits in an untimed `get()` on a
  queue it keeps in a field, on every turn of its work loop (a `while` that only a signal from outside ends); the
  only code that puts on that queue (every `.<field>.put(...)` of the module) runs in threads this function has
  joined before the child's join, and nothing before those joins sets the flag the child's loop tests. The
  child blocks in that `get()` for good, and the join waits for it.

      def predict(self, state):
          self.prediction_q.put((self.id, state))
          return self.wait_q.get()            # fed only by the server's predictor threads
      ...
      self.stop_predictors.set()
      for t in threads: t.join()              # nobody feeds wait_q any more
      for agent in self.agents: agent.join()  # waits forever

- **Manager shut down** (brickbots/PiFinder PR 476): the child was given a proxy of a manager, and its work loop,
  `while True: try: ... except Exception: ...`, calls that proxy first on every turn of the `try`, and no handler
  leaves the loop; the function shuts the manager down after starting the child, and puts the message the child
  returns on only after that. Every later proxy call raises (the server is gone), the handler swallows it and
  starts the turn again before the stop message is read: the join waits forever.

Silent when the function ends the child (`terminate`, `kill`) or asks whether it is alive, when the join has a
timeout, and whenever the queue goes anywhere the analysis cannot follow."""
from __future__ import annotations

import ast

from mpguard.rules.lifecycle import creation_of
from mpguard.rules.registry import Rule, register
from mpguard.rules.thread_holds import target_definition
from mpguard.rules.waits import bounded_wait
from mpguard.semantic import values as V
from mpguard.semantic.first_calls import first_calls, may_leave
from mpguard.semantic.local_values import own_nodes
from mpguard.semantic.platforms import ALL_METHODS

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
QUEUES = ("Queue", "SimpleQueue", "JoinableQueue")
PUTS = ("put", "put_nowait")
QUEUE_METHODS = frozenset({"put", "put_nowait", "get", "get_nowait", "empty", "full", "qsize", "close",
                           "join_thread", "cancel_join_thread", "task_done"})
ENDS_CHILD = frozenset({"terminate", "kill", "is_alive", "exitcode", "sentinel"})
BROAD = ("Exception", "BaseException")
MANAGER_BASES = ("multiprocessing.managers.BaseManager", "multiprocessing.managers.SyncManager")
DEPTH = 4  # calls followed from the child's loop to the wait

STOPPED_SOURCE = register(Rule(
    "MP417", "join-after-stopping-child-source",
    "join() waits for a child that waits on threads or a manager the same function already stopped",
    ALL_METHODS, {m: "No exception: the child waits (or retries) forever on what the parent stopped, and join() "
                  "never returns (hang)" for m in ("fork", "spawn", "forkserver")},
    severity="error", fix_title="Stop the child before what it waits on (send its stop message first), or give "
    "its wait a timeout and let it leave when the source is gone",
))


def check(ctx) -> None:
    joins = [op for op in ctx.facts.ops if op.name == "join" and op.obj.kind == "Process"
             and type(op.where.function) in FUNCS and ctx.in_parent(op.where) and not bounded_wait(ctx, op.node)]
    if not joins:
        return
    memo: dict = {}
    for join in joins:
        function = join.where.function
        key = ("ends child", id(function))
        if key not in memo:  # (once per function: a function may join many children)
            memo[key] = any(type(n) is ast.Attribute and n.attr in ENDS_CHILD for n in own_nodes(function))
        if memo[key]:
            continue
        creation = creation_of(ctx, join.obj)
        if creation is None:
            continue
        found = _starved(ctx, join, creation, memo) or _retrying(ctx, join, creation, memo)
        if found is not None:
            message, related = found
            ctx.report("MP417", join.node, message, ALL_METHODS, related=related)


# ---- a queue fed only by threads already joined ----------------------------------------------------------------

def _starved(ctx, join, creation, memo):
    cls = creation.value.subclass
    if not isinstance(cls, ast.ClassDef):
        return None
    lineage = [c for c in ctx.facts.lineage(cls) if isinstance(c, ast.ClassDef)]
    run = _method(lineage, "run")
    loop = _work_loop(run) if run is not None else None
    if loop is None or not _ends_from_outside(loop):
        return None
    gets = _untimed_gets(ctx, memo)
    get = _reach(ctx, loop.body, lineage, lambda call: id(call) in gets, 0, memo)
    if get is None or type(get.func.value) is not ast.Attribute:
        return None
    field = get.func.value.attr
    feeders = _feeders(ctx, field, lineage, memo)
    if not feeders:
        return None
    joined = _joined_threads(ctx, join, feeders)
    if joined is None:
        return None
    last = max(joined, key=lambda n: (n.lineno, n.col_offset))
    if _flag_set_before(ctx, join.where.function, loop.test, last):
        return None
    name = f"{cls.name}.run"
    return (f"join() waits for `{name}`, whose work loop waits in `{ast.unparse(get)}` (line {get.lineno}) with no "
            f"timeout; only threads this function already joined (line {last.lineno}) put on `{field}`, so nothing "
            "will ever come: the child blocks there and the join waits forever",
            ((get, "the child waits here on every turn"), (last, "the threads feeding it are joined here")))


def _untimed_gets(ctx, memo) -> dict:
    if "gets" not in memo:
        memo["gets"] = {id(op.node): op.obj for op in ctx.facts.ops if op.name == "get"
                        and op.obj.kind in QUEUES and not op.node.args and not op.node.keywords}
    return memo["gets"]


def _feeders(ctx, field: str, lineage, memo) -> list | None:
    """The defs that put on `<...>.<field>`: every use of the field in the module is a queue method called on it,
    and the child's own class never puts on it; else None."""
    key = ("feeders", field)
    if key in memo:
        return memo[key]
    feeders, known = [], True
    for node in _attributes(ctx, field):
        if type(node.ctx) is not ast.Load:
            continue
        method = ctx.parents.get(node)
        call = ctx.parents.get(method)
        if not (type(method) is ast.Attribute and method.attr in QUEUE_METHODS and type(call) is ast.Call
                and call.func is method):
            known = False  # (the queue goes somewhere else)
            break
        if method.attr in PUTS:
            owner = ctx.enclosing_function(call)
            if type(owner) not in FUNCS or any(ctx.inside(owner, c) for c in lineage):
                known = False
                break
            feeders.append(owner)
    memo[key] = feeders if known else None
    return memo[key]


def _attributes(ctx, field: str) -> list:
    return [n for n in ast.walk(ctx.tree) if type(n) is ast.Attribute and n.attr == field]


def _joined_threads(ctx, join, feeders) -> list | None:
    """The untimed joins, before `join` and on every way to it in its function, of every thread whose target is
    one of the feeders; None when a feeder is not known to run in such a thread."""
    function = join.where.function
    threads = [c for c in ctx.facts.creations if c.kind == "Thread"]
    out = []
    for feeder in set(feeders):
        runs = [c for c in threads if target_definition(ctx, c) is feeder]
        if not runs:
            return None
        for thread in runs:
            ends = [op.node for op in ctx.facts.ops if op.name == "join" and op.obj is thread.value
                    and op.where.function is function and not bounded_wait(ctx, op.node)
                    and (op.node.lineno, op.node.col_offset) < (join.node.lineno, join.node.col_offset)
                    and _straight(ctx, op.node, function)]
            if not ends:
                return None
            out.append(ends[0])
    return out


def _straight(ctx, node, function) -> bool:
    """Is `node` run on every way through `function` (only `for`, `with` and `try` bodies around it)?"""
    parent = ctx.parents.get(node)
    while parent is not None and parent is not function:
        if isinstance(parent, (ast.If, ast.While, ast.IfExp, ast.ExceptHandler, ast.BoolOp, *FUNCS, ast.Lambda)):
            return False
        parent = ctx.parents.get(parent)
    return parent is function


def _flag_set_before(ctx, function, test, last) -> bool:
    """Does the function set, before the threads' joins, something the child's loop test reads (`exit_flag`)?
    Then the child may have left its loop before the feed stopped."""
    names = {n.attr for n in ast.walk(test) if type(n) is ast.Attribute and n.attr != "value"}
    for node in own_nodes(function):
        if (node.lineno if hasattr(node, "lineno") else 0, getattr(node, "col_offset", 0)) >= (last.lineno,
                                                                                             last.col_offset):
            continue
        if isinstance(node, (ast.Assign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(type(n) is ast.Attribute and n.attr in names for t in targets for n in ast.walk(t)):
                return True
        if type(node) is ast.Call and type(node.func) is ast.Attribute and node.func.attr in ("set", "clear") \
                and any(type(n) is ast.Attribute and n.attr in names for n in ast.walk(node.func.value)):
            return True
    return False


def _ends_from_outside(loop) -> bool:
    """A work loop that nothing of the child's own ends: a constant true test, or one that reads no local name
    (`while self.exit_flag.value == 0`: only another process changes it), and no exit in its body."""
    if may_leave_loop(loop):
        return False
    if isinstance(loop.test, ast.Constant):
        return bool(loop.test.value)
    return not any(type(n) is ast.Name and n.id != "self" for n in ast.walk(loop.test))


def may_leave_loop(loop) -> bool:
    return any(may_leave(s) for s in loop.body)


# ---- a manager shut down under a child that retries ------------------------------------------------------------

def _retrying(ctx, join, creation, memo):
    targets = [t for t in ctx.definitions_of(creation.target) if type(t) in FUNCS] if creation.args else []
    if len(targets) != 1:
        return None
    target, function = targets[0], join.where.function
    params = [a.arg for a in (*target.args.posonlyargs, *target.args.args)]
    for index, (_expr, value) in enumerate(creation.args):
        made = _proxy_call(ctx, ctx.flow.resolve(value))
        if made is None or index >= len(params):
            continue
        manager = ast.unparse(made.func.value)
        shutdown = next((n for n in own_nodes(function) if type(n) is ast.Call and type(n.func) is ast.Attribute
                         and n.func.attr == "shutdown" and ast.unparse(n.func.value) == manager), None)
        if shutdown is None or not _straight(ctx, shutdown, function) or not _between(shutdown, creation, join):
            continue
        spin = _spin(ctx, target, params[index], memo)
        if spin is None:
            continue
        call, stops = spin
        if not _stop_sent_after(ctx, function, shutdown, stops):
            continue
        local = ctx.parents.get(call) is not None  # (the proxy call may be in another module's helper)
        where = f"line {call.lineno}" if local else "in another module"
        related = ((shutdown, "the manager is shut down here"),) + (
            ((call, "the child calls the proxy here on every turn"),) if local else ())
        return (f"join() waits for `{target.name}`, which can no longer end: `{ast.unparse(shutdown)}` (line "
                f"{shutdown.lineno}) stops the manager whose proxy it calls first on every turn (`{ast.unparse(call)}`, "
                f"{where}), its handler swallows the error and starts the turn again, and the message it "
                "stops on is put only after the shutdown: the child retries forever and the join never returns",
                related)
    return None


def _proxy_call(ctx, value):
    """The call that made a manager proxy (`self.manager.SharedState()`), for a proxy of a manager: a
    `multiprocessing.Manager()` or a BaseManager subclass of this or another project module."""
    if type(value) is V.MPObject and value.kind == "ManagerProxy":
        node = value.node
    elif type(value) is V.Returned and type(value.receiver) is V.Returned and _manager_class(ctx, value.receiver.qualified):
        node = value.node
    elif type(value) is V.Returned and type(value.receiver) is V.MPObject and value.receiver.kind == "Manager":
        node = value.node
    else:
        return None
    return node if type(node) is ast.Call and type(node.func) is ast.Attribute else None


def _manager_class(ctx, qualified) -> bool:
    if not qualified or ctx.resolver is None or not hasattr(ctx.resolver, "class_definition"):
        return False
    found = ctx.resolver.class_definition(qualified)
    if found is None:
        return False
    cls, imports = found
    return any(imports is not None and imports.qualify(base) in MANAGER_BASES for base in cls.bases)


def _between(shutdown, creation, join) -> bool:
    return (creation.node.lineno, creation.node.col_offset) < (shutdown.lineno, shutdown.col_offset) \
        < (join.node.lineno, join.node.col_offset)


def _spin(ctx, target, param: str, memo):
    """(the proxy call, the constants the child stops on) when the target's `while True` loop holds a `try` whose
    every turn calls a method of the proxy first, whose handlers swallow every exception and leave nothing, and
    whose only ways out are `return`s under a test of an item against a constant; else None."""
    loop = _work_loop(target)
    if loop is None or not (isinstance(loop.test, ast.Constant) and loop.test.value):
        return None
    tries = [s for s in loop.body if isinstance(s, ast.Try)]
    if len(tries) != 1:
        return None
    trial = tries[0]
    if any(may_leave(s) for s in loop.body if s is not trial) or any(may_leave(s) for s in (*trial.orelse,
                                                                                            *trial.finalbody)):
        return None
    if not any(_broad(h) for h in trial.handlers) or any(may_leave(h) or _exits(h) for h in trial.handlers):
        return None
    stops = _stop_constants(ctx, trial, loop)
    if stops is None:
        return None
    call = _reach_param(ctx, trial.body, param, 0, memo)
    return (call, stops) if call is not None else None


def _broad(handler) -> bool:
    kind = handler.type
    return kind is None or type(kind) is ast.Name and kind.id in BROAD


def _exits(handler) -> bool:
    return any(type(n) is ast.Call and (getattr(n.func, "attr", None) or getattr(n.func, "id", None))
               in ("exit", "_exit", "abort") for n in ast.walk(handler))


def _stop_constants(ctx, trial, loop) -> list | None:
    """The constants the child's `return`s in the `try` test an item against (`if frame == "stop": return`);
    None when a way out is anything else (a `break` of the outer loop, a `return` under another test)."""
    out = []
    for node in ast.walk(trial):
        if isinstance(node, ast.Break) and _loop_of(ctx, node) is loop:
            return None
        if isinstance(node, ast.Return):
            guard = ctx.parents.get(node)
            stop = _tested_constant(guard.test) if isinstance(guard, ast.If) and node in guard.body else None
            if stop is None:
                return None
            out.append(stop)
    return out or None


def _loop_of(ctx, node):
    parent = ctx.parents.get(node)
    while parent is not None and not isinstance(parent, (ast.For, ast.While, *FUNCS)):
        parent = ctx.parents.get(parent)
    return parent


def _tested_constant(test):
    """The constant of `NAME == CONST` / `NAME is None` (either side), else None."""
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], (ast.Eq, ast.Is)):
        left, right = test.left, test.comparators[0]
        if isinstance(right, ast.Constant) and isinstance(left, ast.Name):
            return right
        if isinstance(left, ast.Constant) and isinstance(right, ast.Name):
            return left
    return None


def _stop_sent_after(ctx, function, shutdown, stops) -> bool:
    """Is every `.put(CONST)` of a stop constant in the function after the shutdown (and is there one), with other
    work of the parent between them (a statement that calls something)? A stop put right after the shutdown most
    likely reaches the child while it waits in its turn, before its next proxy call; work in between gives the
    child that next turn against the dead manager (PiFinder: the settings are saved first)."""
    puts = [n for n in own_nodes(function) if type(n) is ast.Call and type(n.func) is ast.Attribute
            and n.func.attr in PUTS and len(n.args) == 1 and isinstance(n.args[0], ast.Constant)
            and any(n.args[0].value == s.value and type(n.args[0].value) is type(s.value) for s in stops)]
    if not puts or any((p.lineno, p.col_offset) < (shutdown.lineno, shutdown.col_offset) for p in puts):
        return False
    first = min(puts, key=lambda n: (n.lineno, n.col_offset))
    start, stop = ctx.statement_of(shutdown), ctx.statement_of(first)
    block = next((getattr(holder, f) for holder in (ctx.parents.get(start),) for f in ("body", "orelse", "finalbody")
                  if start in (getattr(holder, f, None) or ())), None)
    if block is None or stop not in block:
        return False
    between = block[block.index(start) + 1:block.index(stop)]
    return any(type(n) is ast.Call for s in between for n in ast.walk(s))


def _reach_param(ctx, block, param: str, depth: int, memo):
    """The first method call on the object `param` names that `block` surely makes, following the calls that pass
    it on (this module's defs, another project module's functions) up to DEPTH calls deep."""
    for call in first_calls(block):
        func = call.func
        if type(func) is ast.Attribute and type(func.value) is ast.Name and func.value.id == param:
            return call
        positions = [i for i, a in enumerate(call.args) if type(a) is ast.Name and a.id == param]
        if not positions or depth >= DEPTH:
            continue
        callee = _function_of(ctx, call, memo)
        if callee is None:
            continue
        names = [a.arg for a in (*callee.args.posonlyargs, *callee.args.args)]
        if positions[0] >= len(names) or any(type(n) is ast.Name and n.id == names[positions[0]]
                                             and type(n.ctx) is not ast.Load for n in own_nodes(callee)):
            continue
        key = ("param", id(callee), names[positions[0]])
        if key not in memo:
            memo[key] = None  # (a recursion meets itself: nothing found on that way)
            memo[key] = _reach_param(ctx, callee.body, names[positions[0]], depth + 1, memo)
        if memo[key] is not None:
            return memo[key]
    return None


def _function_of(ctx, call, memo):
    if type(call.func) is ast.Name:
        local = next((f for f in ctx.tree.body if type(f) in FUNCS and f.name == call.func.id), None)
        if local is not None:
            return local
    if ctx.resolver is None or not hasattr(ctx.resolver, "definition"):
        return None
    qualified = ctx.imports.qualify(call.func)
    found = ctx.resolver.definition(qualified) if qualified else None
    return found if type(found) in FUNCS else None


# ---- shared ----------------------------------------------------------------------------------------------------

def _method(lineage, name: str):
    return next((f for c in lineage for f in c.body if type(f) in FUNCS and f.name == name), None)


def _work_loop(function):
    """The `while` of the function's own block that its run reaches (nothing before it can leave)."""
    for stmt in function.body:
        if isinstance(stmt, ast.While):
            return stmt
        if may_leave(stmt):
            return None
    return None


def _reach(ctx, block, lineage, hit, depth: int, memo):
    """The first call `hit` accepts that `block` surely makes, following `self.<method>(...)` calls of the child's
    class up to DEPTH calls deep."""
    for call in first_calls(block):
        if hit(call):
            return call
        func = call.func
        if depth >= DEPTH or not (type(func) is ast.Attribute and type(func.value) is ast.Name
                                  and func.value.id == "self"):
            continue
        method = _method(lineage, func.attr)
        if method is None:
            continue
        key = ("method", id(method))
        if key not in memo:
            memo[key] = None
            memo[key] = _reach(ctx, method.body, lineage, hit, depth + 1, memo)
        if memo[key] is not None:
            return memo[key]
    return None
