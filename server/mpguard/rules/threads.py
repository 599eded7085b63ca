"""MP423: a process forked while other threads of the parent are still running.

fork copies only the calling thread. Whatever the other threads were doing (holding a lock, inside
malloc, inside gRPC's or a Rust thread pool's own code) is frozen half-done in the child. MP305 is the
case where the child provably needs a lock such a thread holds; this rule is the general one, said only
when the model knows a thread is alive at the fork point:

- a `threading.Thread`/`Timer` started earlier in the same function (or in a function of this module
  called earlier there) and not joined in between; an instance of a project Thread subclass with its own
  `run()` counts, its code being that `run()`;
- a thread left running by a call made earlier, some calls away on either side (rules/thread_order.py): a
  function, method or constructor of this module or another project module that starts one and returns
  (semantic/thread_leavers.py), or a start in a function that a common caller, or the test runner
  (setUpClass before the test), runs before the function that forks; no join on the way;
- a thread starter of the catalog (data/boundaries.json `thread_starters`, semantic/threads.py): a
  ThreadPoolExecutor that has run a task and is not shut down (inside its `with` block), a ThreadPool,
  a gRPC channel or server;
- a thread that logs through a logger whose project handler holds a lock of its own across a blocking call in
  emit(), when the child logs through that logger too (rules/emit_locks.py): judged even when the thread does
  nothing else, since it lives as long as that emit waits;
- a process-wide ThreadPoolExecutor (kept by a factory in a class attribute or global) that the parent ran a task
  on and the child's own code asks for again (rules/reused_executors.py): the child gets it without its thread.

The fork points: a Process or Manager started, a Pool created, a ProcessPoolExecutor's first task, a library
pool's creation or first task (data/boundaries.json `starts`: pathos, mpire, pebble), under a start method that is
fork (explicit, the library's own, or Linux's default up to 3.13), and `os.fork()`.
Precision first: a `.join(...)` call anywhere between the two counts as the end of the thread, a
fork point in a loop (but a plain `for` that ends no thread, for a thread left running before it) or in a
branch that excludes the start is not judged, and child-only code is
skipped. A thread whose whole target is shown to hold only locks the child re-creates is not reported
(rules/thread_holds.py: a logging handler's lock, which logging re-initialises in a forked child; a module
lock that the module's `os.register_at_fork(after_in_child=...)` hook makes anew, or one the child's first
statements make anew, rules/child_resets.py; followed into what the thread calls of the project, another module's
class included), nor a thread of another module whose every lock the child's first statements make anew, nor one that takes every lock under a module
RLock the forking code holds at the fork (semantic/fork_locks.py: `with log.print_lock: p.start()`).
"""
from __future__ import annotations

import ast

from mpguard.fixes.spawn_context import spawn_context_fix
from mpguard.rules.fact_lookup import thread_starts_in
from mpguard.rules.registry import Rule, register
from mpguard.semantic.index import nodes_in
from mpguard.rules.lost_thread_work import lost_work
from mpguard.rules.emit_locks import held_in_emit
from mpguard.rules.thread_holds import holds_only_recreated, target_definition
from mpguard.rules.reused_executors import reused_executor
from mpguard.rules.thread_order import alive_through_calls, ends_between, serialised_at_fork

WARNING = ("DeprecationWarning: This process (pid=N) is multi-threaded, use of fork() may lead to deadlocks "
           "in the child.")
# Observed on 3.12.1 and 3.13.0 (tests/corpus/threads): Python warns with the caller of os.fork() as the
# location, and the default filters show DeprecationWarning only when that caller is __main__.
SHOWN = ("3.12+: " + WARNING + " Shown by default only for os.fork() called in __main__; a fork inside "
         "multiprocessing (popen_fork.py) warns silently unless -W default / -X dev / pytest shows it. "
         "No warning up to 3.11. The child may deadlock (no exception).")

FORK_WHILE_THREADS = register(Rule(
    "MP423", "fork-while-threads-run",
    "A process is forked while other threads of the parent are running",
    frozenset({"fork"}),
    {"fork": SHOWN},
    fix_title="Join or shut down the threads first, fork before starting them, or use a spawn or forkserver context",
))

PROCESS_KINDS = ("Process", "Manager")


def check(ctx) -> None:
    forks = list(_fork_points(ctx))
    if not forks:
        return
    held = {(f.code, f.start) for f in ctx.findings if f.code == "MP305"}
    for node, where, method, elsewhere, how, spawner in forks:
        looped = where.loop and not _first_turn_runs(ctx, node)
        if looped and not _plain_loops(ctx, node) or ctx.runs_in_child(where):
            continue
        methods = ctx.breaks(method, lambda m: m == "fork", elsewhere)
        if not methods and not getattr(methods, "platforms", None):
            continue
        if ("MP305", ctx.source.node_start(node)) in held:
            continue  # the specific finding (a lock the child needs) is already there
        lost = lost_work(ctx, node, where)  # a thread the child's log records are handed to (rules/lost_thread_work)
        if lost is not None:
            ctx.report("MP423", node, f"{lost[0]}; {how} forks this process while it runs: the child gets only "
                       f"the calling thread, so {lost[1]} (no error)", methods)
            continue
        emitting = held_in_emit(ctx, node, where) if not looped else None  # (rules/emit_locks)
        if emitting is not None:
            ctx.report("MP423", node, f"{emitting[0]} (thread started on line {emitting[1]}); {how} forks this process "
                       "while the thread may be inside that emit(): the child's copy of the lock stays held by a "
                       f"thread it does not have, and its first record through the logger waits forever; {SHOWN}",
                       methods, error=WARNING, fix=spawn_context_fix(ctx, spawner) if spawner is not None else None)
            continue
        alive = _alive_thread(ctx, node, where) if not looped else alive_through_calls(
            ctx, node, where, lambda start, fork=node: _judged_start(ctx, start, fork))
        if alive is None and not looped:  # a process-wide thread pool the child gets back without its thread
            alive = reused_executor(ctx, node, where)
        if alive is None:
            continue
        what, line = alive
        verb = "are" if what.startswith("the threads") else "is"
        ctx.report("MP423", node, f"{what} (line {line}) {verb} still running when {how} forks this process: the "
                   "child gets only the calling thread, and anything the others held stays held forever; "
                   f"{SHOWN}", methods, error=WARNING,
                   fix=spawn_context_fix(ctx, spawner) if spawner is not None else None)


def _fork_points(ctx):
    """(node, where, explicit method, elsewhere, how, the MPObject forking) for every place the parent forks."""
    for start in ctx.facts.starts:
        obj = start.obj
        if obj.kind in PROCESS_KINDS and obj.boundary is None:
            yield start.node, start.where, obj.method, obj.elsewhere, f"`{_call_name(start.node)}`", obj
    for creation in ctx.facts.creations:
        if creation.kind == "Pool" and creation.value.boundary is None:
            yield creation.node, creation.where, creation.value.method, creation.value.elsewhere, \
                f"`{_call_name(creation.node)}` (its workers are forked when it is made)", creation.value
    first = {}
    for submit in ctx.facts.submits:
        if submit.pool.kind == "Executor" and submit.pool.boundary is None:
            first.setdefault(id(submit.pool), submit)
    for submit in first.values():
        yield submit.node, submit.where, submit.pool.method, submit.pool.elsewhere, \
            "the first task of a ProcessPoolExecutor (its workers are forked then)", submit.pool
    yield from _library_fork_points(ctx)
    for effect in ctx.facts.effects_of("os.fork"):
        yield effect.node, effect.where, "fork", None, f"`{effect.detail}()`", None


def _library_fork_points(ctx):
    """The fork points of a third-party library's process pool (data/boundaries.json, kind "pool"): its creation
    when the catalog says it starts its workers there (pathos), else its first task (mpire's WorkerPool, pebble).
    Its start method is the pool's own (mpire forks whatever the default is) or the default's; a pool whose
    workers are not forked (loky) gives no method that `breaks` counts."""
    for creation in ctx.facts.creations:
        pool = creation.value
        boundary = pool.boundary
        if boundary is not None and boundary.kind == "pool" and boundary.get("starts") == "creation":
            yield creation.node, creation.where, pool.method, pool.elsewhere, \
                f"`{_call_name(creation.node)}` ({boundary.library}: its workers are forked when it is made)", None
    first = {}
    for submit in ctx.facts.submits:
        boundary = submit.pool.boundary
        if boundary is not None and boundary.kind == "pool" and boundary.get("starts") == "task":
            first.setdefault(id(submit.pool), submit)
    for submit in first.values():
        yield submit.node, submit.where, submit.pool.method, submit.pool.elsewhere, \
            f"the first task given to the pool ({submit.pool.boundary.library}: its workers are forked then)", None


def _first_turn_runs(ctx, node) -> bool:
    """Is each loop around `node` (up to its function) sure to run a first turn: a `for` over a non-empty literal
    or a `range(N)` with a constant N >= 1 (`for season in ("DJF", "JJA"): Process(...).start()`)? A thread
    started before the loop is then alive at the first fork."""
    parent = ctx.parents.get(node)
    while parent is not None and not isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Module)):
        if isinstance(parent, (ast.While, ast.AsyncFor, ast.comprehension)):
            return False
        if isinstance(parent, ast.For):
            it = parent.iter
            literal = isinstance(it, (ast.Tuple, ast.List, ast.Set)) and it.elts \
                and not any(isinstance(e, ast.Starred) for e in it.elts)
            counted = isinstance(it, ast.Call) and isinstance(it.func, ast.Name) and it.func.id == "range" \
                and len(it.args) == 1 and isinstance(it.args[0], ast.Constant) and type(it.args[0].value) is int \
                and it.args[0].value >= 1
            if not (literal or counted):
                return False
        parent = ctx.parents.get(parent)
    return True


def _plain_loops(ctx, node) -> bool:
    """Is each loop around `node` (up to its function) a `for` statement that ends no thread (no `.join()` nor
    `.cancel()` in it)? A thread left running before the loop is then running at each fork the loop makes
    (`for p in procs: p.start()`); whether the loop runs at all only decides whether there is a fork."""
    parent = ctx.parents.get(node)
    while parent is not None and not isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Module)):
        if isinstance(parent, (ast.While, ast.AsyncFor, ast.comprehension)):
            return False
        if isinstance(parent, ast.For) and any(
                isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in ("join", "cancel")
                for n in ast.walk(parent)):
            return False
        parent = ctx.parents.get(parent)
    return True


# Calls that keep a thread waiting (so it is surely still alive at a later fork).
BLOCKING = frozenset({"sleep", "wait", "get", "join", "acquire", "accept", "recv", "recv_bytes", "read", "readline",
                      "serve_forever", "poll", "select", "run_forever", "result", "communicate"})


def _short_lived(ctx, thread) -> bool:
    """Is the thread's target a function of this module that neither loops nor waits (`_report_status` logging
    one line under a lock, fresh_realistic5)? It has most likely ended before a later fork: not known alive there."""
    creation = getattr(thread, "creation", None)
    func = getattr(getattr(creation, "node", None), "func", None)
    if (getattr(func, "attr", None) or getattr(func, "id", None)) == "Timer":
        return False  # (a Timer waits its interval first: alive at a fork that follows soon)
    target = target_definition(ctx, creation) if creation is not None else None
    if target is None:
        return False
    foreign = ctx.parents.get(target) is None  # (another module's `run()`: its names are not this module's)
    for node in ast.walk(target):
        if isinstance(node, (ast.While, ast.For, ast.AsyncFor, ast.Await)):
            return False
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in BLOCKING:
                return False
            if getattr(node.func, "id", None) in ctx.facts.module_env or foreign and type(node.func) is ast.Name \
                    or isinstance(node.func, ast.Attribute) \
                    and type(node.func.value) is ast.Name and node.func.value.id == "self":
                return False  # (what it calls of this module may loop: not judged)
    return True


def _call_name(call: ast.Call) -> str:
    return ast.unparse(call.func) + "()"


def _alive_thread(ctx, fork, where):
    """(description, line) of a thread known to run at `fork`, else None."""
    for start in thread_starts_in(ctx, where.function):
        if start.where.order < where.order and not start.where.loop and not _short_lived(ctx, start.obj) \
                and not _exclusive(ctx, start.node, fork) and not _joined_between(ctx, start.node, fork, where.function) \
                and not holds_only_recreated(ctx, start.obj, fork) and not serialised_at_fork(ctx, fork, None, start.node.lineno):
            return f"the thread started by `{_call_name(start.node)}`", start.node.lineno
    for effect in ctx.facts.effects_of("thread-starter"):
        if effect.where.function is where.function and effect.where.order < where.order \
                and not _exclusive(ctx, effect.node, fork) and _starter_alive(ctx, effect, fork, where.function):
            return _starter_text(effect), effect.node.lineno
    return _alive_after_call(ctx, fork, where) or alive_through_calls(
        ctx, fork, where, lambda start: _judged_start(ctx, start, fork))


def _judged_start(ctx, start, fork) -> bool:
    """A thread start that may leave a thread running at `fork`: not short-lived, not holding only locks the
    forked child re-creates."""
    return not _short_lived(ctx, start.obj) and not holds_only_recreated(ctx, start.obj, fork) \
        and not serialised_at_fork(ctx, fork, None, start.node.lineno)


def _alive_after_call(ctx, fork, where):
    """A thread started by a function of this module that the forking code called earlier, and that
    the function itself did not join: `start_heartbeat()` then `Pool()`. One call deep."""
    info = ctx.facts.functions.get(where.function)
    calls = info.calls if info is not None else ctx.facts.module_calls
    for value, call, call_where in calls:
        definition = getattr(value, "definition", None)
        if not isinstance(definition, (ast.FunctionDef, ast.AsyncFunctionDef)) or call_where.order >= where.order \
                or call_where.loop:
            continue
        # what the callee leaves running first, the order of the calls only then (most callees start nothing,
        # and a long function has many calls before each fork: tests/test_scaling.py)
        found = _left_running(ctx, call, definition, fork)
        if found is not None and not _exclusive(ctx, call, fork) \
                and not _joined_between(ctx, call, fork, where.function):
            return found, call.lineno
    return None


def _left_running(ctx, call, definition, fork) -> str | None:
    """The words for a thread the function `definition` starts and leaves running, else None."""
    for start in ctx.facts.starts:
        if start.obj.kind == "Thread" and start.where.function is definition \
                and not _joined_after(ctx, start.node, definition) and not _short_lived(ctx, start.obj) \
                and not holds_only_recreated(ctx, start.obj, fork) and not serialised_at_fork(ctx, fork, None, start.node.lineno):
            return f"the thread that `{_call_name(call)}` starts (`{_call_name(start.node)}`)"
    for effect in ctx.facts.effects_of("thread-starter"):
        _name, entry = effect.detail
        if effect.where.function is definition and entry.get("starts") == "creation" \
                and not entry.get("ends") and not _in_with(ctx, effect.node):
            return f"{_starter_text(effect)}, made by `{_call_name(call)}`,"
    return None


def _starter_text(effect) -> str:
    _name, entry = effect.detail
    return f"the threads of `{_call_name(effect.node)}` ({entry.get('library', 'library')})"


def _starter_alive(ctx, effect, fork, function) -> bool:
    """Does the catalog's thread starter still have threads at `fork`? Its `with` block must enclose
    the fork, no ending method may be called on it in between, and a lazy one must have run a task."""
    _name, entry = effect.detail
    holder = ctx.parents.get(effect.node)
    bound = None
    if isinstance(holder, ast.withitem):
        block = ctx.parents.get(holder)
        if not ctx.inside(fork, block):
            return False  # the block ended: shutdown / terminate joined its threads
        bound = ast.unparse(holder.optional_vars) if holder.optional_vars is not None else None
    elif isinstance(holder, (ast.Assign, ast.AnnAssign)):
        targets = holder.targets if isinstance(holder, ast.Assign) else [holder.target]
        if len(targets) == 1 and isinstance(targets[0], (ast.Name, ast.Attribute)):
            bound = ast.unparse(targets[0])
    elif entry.get("ends"):
        return False  # not kept under a name we can follow: say nothing
    if entry.get("ends") and bound is None:
        return False
    calls = _method_calls_between(ctx, effect.node, fork, function, bound) if bound else []
    if any(name in entry.get("ends", ()) for name in calls):
        return False
    if entry.get("starts") == "first task":
        return any(name in entry.get("task_methods", ()) for name in calls)
    return True


def _method_calls_between(ctx, first, last, function, receiver: str) -> list:
    """Names of the methods called on `receiver` (its source text) between two nodes of `function`."""
    out = []
    for node in _calls_between(ctx, first, last, function):
        if isinstance(node.func, ast.Attribute) and ast.unparse(node.func.value) == receiver:
            out.append(node.func.attr)
    return out


def _joined_between(ctx, first, last, function) -> bool:
    """A `.join(...)` (or a Timer's `.cancel()`) between the thread's start and the fork: taken as the
    end of the thread, whatever it is called on (precision first); so is a call of what joins or cancels one
    (`service.stop()`, rules/thread_order.py)."""
    return any(isinstance(n.func, ast.Attribute) and n.func.attr in ("join", "cancel")
               and not isinstance(n.func.value, ast.Constant) for n in _calls_between(ctx, first, last, function)) \
        or ends_between(ctx, first, last, function)


def _joined_after(ctx, start, function) -> bool:
    return any(isinstance(n.func, ast.Attribute) and n.func.attr in ("join", "cancel")
               and _position(n) > _position(start) for n in _calls_in(ctx, function))


def _calls_between(ctx, first, last, function) -> list:
    lo, hi = _position(first), _position(last)
    return [n for n in _calls_in(ctx, function) if lo < _position(n) < hi]


def _calls_in(ctx, function) -> list:
    memo = ctx.memo.setdefault("MP423 calls", {})
    key = id(function)
    if key not in memo:
        memo[key] = [n for n in nodes_in(function if function is not None else ctx.tree) if isinstance(n, ast.Call)]
    return memo[key]


def _position(node) -> tuple:
    return node.lineno, node.col_offset


def _exclusive(ctx, a, b) -> bool:
    """In different branches of one if/else or try/except, judged from the statements holding them
    (a `with` item and its own body are not branches)."""
    return ctx.exclusive(ctx.statement_of(a), ctx.statement_of(b))



def _in_with(ctx, node) -> bool:
    return isinstance(ctx.parents.get(node), ast.withitem)
