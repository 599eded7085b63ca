"""A thread left running by a call made earlier, possibly in another function (MP423, rules/threads.py).

The thread may be started some calls away from the fork: by a call of a function, method or constructor of this
module or another project module that leaves it running (semantic/thread_leavers.py: `RUNTIME.parallel_sum()` ->
`self.ensure_started()` -> `self._thread.start()`), and the fork may be some calls below the function that
started it (`warmer.start()` in `main()`, then `scan_domains()` makes the Pool), or in a test method while the
thread was started in `setUpClass` (the runner's order, semantic/test_runner.py). Which runs first is
rules/call_order.py's answer: each side lifted to the one call of its function until a common caller (or the
test runner) orders them.

Precision first: a `.join()`/`.cancel()` on the way ends the thread (whatever it is called on): after the
start in the function that starts it and in each function between it and the common caller, between the two in
the common caller, before the fork in each function between the common caller and the fork, and in a test hook
the runner calls between the two."""
from __future__ import annotations

import ast

from mpguard.rules import call_order
from mpguard.semantic import values as V
from mpguard.rules.child_resets import child_resets, module_takes
from mpguard.rules.fact_lookup import thread_starts
from mpguard.semantic import test_runner
from mpguard.semantic.fork_locks import SERIALISED_FACT, serialised_fact, serialised_starts
from mpguard.semantic.index import nodes_in
from mpguard.semantic.named_modules import names_module
from mpguard.semantic.thread_leavers import (ENDS, Walks, callee_key, external, external_ends, leavers, local_instances,
                                             may_leave)

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


def alive_through_calls(ctx, fork, where, direct):
    """(description, line) of a thread a call made before `fork` left running, else None. `direct`: a test of
    a `threading.Thread` start fact (rules/threads.py: not short-lived, not holding only re-created locks)."""
    for w, call, text, origin, line in _candidates(ctx, fork, direct):
        if w.loop or ctx.runs_in_child(w) or call is fork:
            continue
        if origin is not None and not _child_reaches(ctx, fork, origin):
            continue
        if serialised_at_fork(ctx, fork, origin, line):
            continue
        if w.function is where.function:
            if w.order < where.order and not ctx.exclusive(ctx.statement_of(call), ctx.statement_of(fork)) \
                    and not ends_between(ctx, call, fork, w.function):
                return text, call.lineno
        elif _runs_first_unended(ctx, (w, call), (where, fork)):
            return text, call.lineno
    return None


def _candidates(ctx, fork, direct):
    """(where, call, description, origin, line) of each call that leaves a thread running, and of each thread
    start; `origin`: the other module whose code starts the thread, None for this one; `line`: the line of the
    start (or of the call that leaves it) in `origin`."""
    for start in thread_starts(ctx):
        if direct(start):
            yield start.where, start.node, f"the thread started by `{ast.unparse(start.node.func)}()`", None, \
                start.node.lineno
    yield from _leaving_calls(ctx)


def _leaving_calls(ctx) -> list:
    """(where, call, description, origin) of each call that leaves a thread running (once per module)."""
    memo = ctx.memo.setdefault("MP423 leaving calls", [])
    if not memo:
        memo.append(list(_find_leaving_calls(ctx)))
    return memo[0]


def _find_leaving_calls(ctx):
    calls = [(None, c) for c in ctx.facts.module_calls] + \
        [(f, c) for f, info in ctx.facts.functions.items() for c in info.calls]
    # A call below is found only when it is a call of one of the module's own leavers or of another project
    # module's: when no call of the module can be either (`may_leave`), none is (and the module's defs are not
    # walked for their keys and leavers; their "ends" are read when a start is judged: `_ending_calls`).
    own = _own_leavers(ctx) if may_leave(ctx.tree, ctx.imports.qualify, ctx.resolver) else None
    # The calls judged by their key here; the others are judged below by what the value flow names them
    # (`STATS.start_flusher()` on a module-level `STATS = Stats()` of another module's class is
    # `pkg.stats.Stats.start_flusher`, which neither `may_leave` nor the syntax of the call tells).
    seen = set()
    for function, (value, call, w) in calls if own is not None else ():
        if id(call) in seen:
            continue
        key = _key_of(ctx, value, call, function)
        if key is None:
            continue
        seen.add(id(call))
        found = external(ctx.resolver, key[1:]) if key.startswith("=") else own["leaves"].get(key)
        if found is not None:
            yield w, call, f"the thread that `{ast.unparse(call.func)}()` leaves running", found[1], found[0]
    for e, qualified, _args, _kwargs, w in ctx.facts.project_calls:
        found = external(ctx.resolver, qualified) if id(e) not in seen else None
        if found is not None:
            seen.add(id(e))
            yield w, e, f"the thread that `{ast.unparse(e.func)}()` leaves running", found[1], found[0]


def serialised_at_fork(ctx, fork, origin: str | None, line: int) -> bool:
    """Does the forking code hold, at `fork`, a module RLock under which the thread started at `line` of `origin`
    (None: this module) takes every lock (semantic/fork_locks.py: `with dag_log.print_lock: p.start()`)? That
    thread is then outside all its locked work, holding nothing the child could need."""
    held = held_at(ctx, fork)
    if not held:
        return False
    if origin is None:
        memo = ctx.memo.setdefault("MP423 serialised", [])
        if not memo:
            memo.append(serialised_starts(ctx.tree, ctx.imports.qualify))
        names = memo[0].get(line, ())
        return any(type(e) is ast.Name and e.id in names for e in held)
    fact = ctx.resolver.module_fact(origin, SERIALISED_FACT, serialised_fact) \
        if hasattr(ctx.resolver, "module_fact") else None
    locks = {f"{origin}.{name}" for name in (fact or {}).get(str(line), ())}
    return any(ctx.imports.qualify(e) in locks for e in held)


def held_at(ctx, node) -> list:
    """The expressions of the `with` blocks around `node` in its function (`with lock:`, no `as`)."""
    held, child, parent = [], node, ctx.parents.get(node)
    while parent is not None and not isinstance(parent, (*FUNCS, ast.Lambda, ast.Module, ast.ClassDef)):
        if type(parent) is ast.With and any(child is stmt for stmt in parent.body):
            held.extend(item.context_expr for item in parent.items if item.optional_vars is None)
        child, parent = parent, ctx.parents.get(parent)
    return held


def _child_reaches(ctx, fork, module: str) -> bool:
    """Does the code the forked child runs (a Process's target, the tasks of a Pool or executor, followed into
    this module's functions) name something of `module`, whose thread runs at the fork? A thread another
    module leaves running matters to a child that uses that module (its locks, its objects); one that never
    does (the workers return their log lines: opentargets data_pipeline #472's fix) is not judged (precision
    first; a thread of this module is judged as before), nor is one whose every lock (what the module's code
    enters or acquires) the child's first statements make anew (rules/child_resets.py: Qubes' restore re-making
    its log handler's lock in the extraction process). Naming the module counts (also through a function of another
    project module the child runs: semantic/named_modules.py), and so does being handed an
    object that module made (`restorelog.install()`'s logger kept by the worker object the Process is given: the
    child's `self.log.info(...)` runs the module's handler, whose lock the module's thread may hold)."""
    targets, handed = child_targets(ctx, fork)
    if not targets:
        return False
    takes = module_takes(ctx, module)
    if takes and takes <= child_resets(ctx, fork):
        return False  # (the child's first statements give each lock the module takes a new one: none is the copy)
    defs = [d for value, _expr in targets for d in ctx.definitions_of(value)]
    exprs = [expr for _value, expr in targets if expr is not None]
    exprs.extend(n for expr in handed for n in ast.walk(expr) if isinstance(n, (ast.Name, ast.Attribute)))
    reached = ctx.reachable(defs)
    for func in reached:
        exprs.extend(n for n in nodes_in(func) if isinstance(n, (ast.Name, ast.Attribute)))
    prefix = module + "."
    # a call the child makes that the value flow names as the module's (`STATS.add(...)` on a module-level
    # `STATS = Stats()` of the module's class: its code, and its object's lock, are the module's)
    if any(w.function in reached and qualified.startswith(prefix)
           for _e, qualified, _args, _kwargs, w in ctx.facts.project_calls):
        return True
    others = set()
    for expr in exprs:
        qualified = ctx.imports.qualify(expr)
        if qualified and (qualified == module or qualified.startswith(prefix)):
            return True
        if qualified and "." in qualified:
            others.add(qualified)
    # a function of another project module the child runs (the task `fit` of `from pkg.eis import fit`), which
    # names the module itself or through what it calls (semantic/named_modules.py)
    if any(names_module(ctx.resolver, qualified, module) for qualified in sorted(others)):
        return True
    return any(_made_by(ctx.flow.resolve(value), prefix, 0, set()) for value in _handed_values(ctx, fork))


def _handed_values(ctx, fork) -> list:
    """The values of the arguments of the Process started at `fork` (none for a pool: its tasks' arguments are
    judged by their names only)."""
    for start in ctx.facts.starts:
        if start.node is fork:
            creation = getattr(start.obj, "creation", None)
            return [value for _expr, value in creation.args] if creation is not None else []
    return []


def _made_by(value, prefix: str, depth: int, seen: set) -> bool:
    """Is `value` an object a function or class of the module `prefix` names made (`restorelog.install()`'s
    logger, kept by an object handed to the child: the child's calls on it run that module's code, its handler's
    `emit` taking the lock), or does it hold one (an object's constructor arguments, a sequence's items)?"""
    if value is None or depth > 4 or id(value) in seen:
        return False
    seen.add(id(value))
    kind = type(value)
    if kind is V.Returned:
        return value.qualified.startswith(prefix)
    if kind is V.Instance:
        made = getattr(value.cls, "qualified", "") or ""
        return made.startswith(prefix) or any(_made_by(a, prefix, depth + 1, seen) for a in value.args)
    if kind is V.Element:
        return _made_by(value.of, prefix, depth + 1, seen)
    if kind is V.Sequence:
        return any(_made_by(item, prefix, depth + 1, seen) for item in value.items)
    if kind is V.Union:
        return any(_made_by(option, prefix, depth + 1, seen) for option in value.options)
    return False


def child_targets(ctx, fork) -> tuple:
    """([(value, expression)] of what the child forked at `fork` runs, [expressions of what it is handed]); no
    targets when not known (`os.fork()`, a Process subclass)."""
    for start in ctx.facts.starts:
        if start.node is fork:
            creation = getattr(start.obj, "creation", None)
            if creation is None or creation.target is None:
                return [], []
            return [(creation.target, creation.target_expr)], [expr for expr, _value in creation.args]
    for creation in ctx.facts.creations:
        if creation.node is fork:
            pool = creation.value
            break
    else:
        submits = [s for s in ctx.facts.submits if s.node is fork]
        pool = submits[0].pool if submits else None
    if pool is None:
        return [], []
    tasks = [s for s in ctx.facts.submits if s.pool is pool and s.func is not None]
    out = [(s.func, s.func_expr) for s in tasks]
    made = getattr(pool, "creation", None)
    if made is not None and made.initializer is not None:
        out.append((made.initializer, made.initializer_expr))
    return out, [expr for s in tasks for expr, _value in s.args]


def _own_leavers(ctx) -> dict:
    memo = ctx.memo.setdefault("MP423 leavers", [])
    if not memo:
        memo.append(leavers(ctx.tree, ctx.imports.qualify, ctx.resolver, walks=_walks(ctx)))
    return memo[0]


def _key_of(ctx, value, call, function):
    """The call's key among this module's leavers (semantic/thread_leavers.py), or `=qualified`."""
    definition = getattr(value, "definition", None)
    if isinstance(definition, ast.ClassDef) and ctx.parents.get(definition) is ctx.tree:
        return definition.name
    if isinstance(definition, FUNCS):
        owner = ctx.parents.get(definition)
        if owner is ctx.tree:
            return definition.name
        if isinstance(owner, ast.ClassDef) and ctx.parents.get(owner) is ctx.tree:
            return f"{owner.name}.{definition.name}"
        return None
    return _ast_key(ctx, call, function)


def _ast_key(ctx, call, function):
    """The call's key read from its syntax (semantic/thread_leavers.callee_key), in `function`."""
    cls = ctx.parents.get(function) if function is not None else None
    classes, top = _names(ctx)
    locals_ = _locals(ctx, function, classes) if isinstance(function, FUNCS) else {}  # (not a lambda's)
    return callee_key(call, cls if isinstance(cls, ast.ClassDef) else None, ctx.imports.qualify, classes, {},
                      locals_, top)


def _locals(ctx, function, classes) -> dict:
    memo = ctx.memo.setdefault("MP423 locals", {})
    if id(function) not in memo:
        memo[id(function)] = local_instances(function, classes, _walks(ctx))
    return memo[id(function)]


def _walks(ctx) -> Walks:
    """The own nodes of the module's defs, listed once for the leavers and the calls' keys."""
    return ctx.memo.setdefault("MP423 walks", Walks())


def _names(ctx):
    memo = ctx.memo.setdefault("MP423 names", [])
    if not memo:
        memo.append(({c.name: c for c in ctx.tree.body if isinstance(c, ast.ClassDef)},
                     {f.name for f in ctx.tree.body if isinstance(f, FUNCS)}))
    return memo[0]


def runs_first_unended(ctx, first, second) -> bool:
    """Does `first` (where, call or thread start) run before `second` (where, fork) in another function, with no
    end of a thread (a join, a call of what joins) on the way? (`_runs_first_unended`)"""
    return _runs_first_unended(ctx, first, second)


def _runs_first_unended(ctx, first, second) -> bool:
    """Does `first` (where, call) run before `second` (where, fork), with no end of a thread on the way?"""
    ups = call_order.lifted(ctx, *second)
    downs = call_order.lifted(ctx, *first)
    for i, (func, order, node) in enumerate(downs):
        for j, (other_func, other_order, other_node) in enumerate(ups):
            if other_func is not func or node is other_node:
                continue
            if func is test_runner.RUNNER:
                if not test_runner.runs_first(order, other_order) or _hook_ends(ctx, order, other_order):
                    return False
            elif not (order < other_order and not ctx.exclusive(ctx.statement_of(node), ctx.statement_of(other_node))) \
                    or ends_between(ctx, node, other_node, func):
                return False
            return not any(_ends_after(ctx, n, f) for f, _o, n in downs[:i]) \
                and not any(_ends_before(ctx, n, f) for f, _o, n in ups[:j])
    return False


def _hook_ends(ctx, first, second) -> bool:
    """Does a test hook the runner calls between the phases `first` and `second` end a thread (setUp joining
    what setUpClass started)?"""
    for func in ctx.test_entry_points:
        at = test_runner.phase(func, ctx.parents.get(func))
        if at is not None and test_runner.runs_first(first, at) and test_runner.runs_first(at, second) \
                and _ends(ctx, func, lambda n: True):
            return True
    return False


def ends_between(ctx, a, b, function) -> bool:
    lo, hi = _position(a), _position(b)
    return _ends(ctx, function, lambda n: lo < _position(n) < hi)


def _ends_after(ctx, node, function) -> bool:
    at = _position(node)
    return _ends(ctx, function, lambda n: _position(n) > at)


def _ends_before(ctx, node, function) -> bool:
    at = _position(node)
    return _ends(ctx, function, lambda n: _position(n) < at)


def _ends(ctx, function, where) -> bool:
    """A `.join()` or `.cancel()` call, or a call of what joins or cancels a thread (`service.stop()` whose body
    joins; semantic/thread_leavers.py), among the calls of `function` that `where` keeps."""
    return any(where(n) for n in _ending_calls(ctx, function))


def _ending_calls(ctx, function) -> list:
    """The calls of `function` that end a thread, found once per function: a rule asks about many pairs of
    (start, fork) in one function, and walking the function for each pair made a long function cubic
    (tests/test_scaling.py)."""
    memo = ctx.memo.setdefault("MP423 ending calls", {})
    if id(function) not in memo:
        ending = []
        for n in nodes_in(function if function is not None else ctx.tree):
            if not isinstance(n, ast.Call):
                continue
            if isinstance(n.func, ast.Attribute) and n.func.attr in ENDS and not isinstance(n.func.value, ast.Constant):
                ending.append(n)
                continue
            key = _ast_key(ctx, n, function)
            if key is None:  # (`STATS.stop()` on an object of another module's class: named by the value flow)
                key = _flow_keys(ctx).get(id(n))
            if key is not None and (external_ends(ctx.resolver, key[1:]) if key.startswith("=")
                                    else key in _own_leavers(ctx)["ends"]):
                ending.append(n)
        memo[id(function)] = (function, ending)  # (the function kept alive with its id)
    return memo[id(function)][1]



def _flow_keys(ctx) -> dict:
    """id(call) -> its key for the calls the value flow names: a def of this module (`loader.end()` on a
    `loader = Loader()` of the main block, `Loader.end`), or `=qualified` for another project module's
    (`ctx.facts.project_calls`); once per module."""
    memo = ctx.memo.setdefault("MP423 flow keys", [])
    if not memo:
        keys = {id(e): "=" + qualified for e, qualified, _args, _kwargs, _w in ctx.facts.project_calls}
        calls = [(None, c) for c in ctx.facts.module_calls] + \
            [(f, c) for f, info in ctx.facts.functions.items() for c in info.calls]
        for function, (value, call, _w) in calls:
            if id(call) not in keys and isinstance(getattr(value, "definition", None), (ast.ClassDef, *FUNCS)):
                key = _key_of(ctx, value, call, function)
                if key is not None:
                    keys[id(call)] = key
        memo.append(keys)
    return memo[0]


def _position(node) -> tuple:
    return node.lineno, node.col_offset
