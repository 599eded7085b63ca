"""MP206 at interpreter exit: the program ends right after it started a child that was given a Lock or Queue, and
nothing waits for the child (thingy_grabber #33: main() starts the Downloader processes, queues the work and the
None sentinels, and returns; the script ends).

Under spawn and forkserver a Lock or Queue is a named semaphore that the child opens by name while it unpickles
what it was given, after its own start-up. At exit multiprocessing runs its finalizers first (exit priority 0:
each semaphore is unlinked) and only then joins the non-daemonic children, so a child that is still starting
finds the name gone: `FileNotFoundError` in `SemLock._rebuild`. Keeping a reference does not help (the process
object, kept by multiprocessing until it is joined, holds the queue); only waiting does. Under fork the child
inherits the semaphore, which was unlinked when it was made.

Said only when all of these are shown, as `_dropped_on_return` (rules/pickling) judges a function that returns:
- a `start()` of a Process of this module (its arguments, or what its subclass's `__init__` keeps in `self`), or of
  a Process subclass of another project module (what its `__init__` keeps, by the module's summary), given a
  Lock, Value or Queue that the parent made;
- the child is not daemonic (nothing in the module or the subclass sets `daemon`);
- every way the program goes on from there ends it after quick work only: what follows the start() in its function
  (the rest of each block around it, a `finally`, a loop around it as a whole), and after each call of that
  function in its callers, a few calls up to the code under the main guard (an imported module's top-level code
  goes on with its importer's work), neither waits (join, get, sleep, a `with` on a
  lock, ...) nor calls anything but a few quick builtins and methods (print, put, logging, ...), the making or
  starting of a Process, or functions of this module that are quick in all they do (`_quick`: anything else may
  take as long as the child's start-up, and the child may then open the semaphore in time);
- the module neither registers an `atexit` handler nor leaves with `os._exit` (which skips the finalizers)."""
from __future__ import annotations

import ast

from mpguard.resolve.project import function_summary
from mpguard.semantic import values as V
from mpguard.semantic.flow import CallSite, bind_argument
from mpguard.rules.imported_process import inherited_init, kept_parameters
from mpguard.rules.lifecycle import creation_of
from mpguard.fixes.exit_join import join_before_exit_fix

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
LOOPS = (ast.For, ast.AsyncFor, ast.While)
# what holds a SemLock (a Value's lock; a Queue's read and write locks; a Pipe's ends hold none)
SEMAPHORE_KINDS = ("Lock", "Value", "Queue", "SimpleQueue")
CALLERS_UP = 3


def exit_unlinks(ctx, waits, not_fork) -> None:
    """`waits(ctx, node)`: a call that may wait for the children (rules/process_arguments.may_wait)."""
    if "start" not in ctx.source.text or _leaves_otherwise(ctx):
        return
    for start, where, obj, passed, cls in _children_given_semaphores(ctx):
        if not _ends_program(ctx, where, start, waits, 0) or _daemonic(ctx, cls, start):
            continue
        made = getattr(obj.node.func, "attr", None) or getattr(obj.node.func, "id", None) or obj.kind
        ctx.report("MP206", start, f"the program ends after this start() without waiting for the child, which was "
                   f"given the {made} made on line {obj.node.lineno}: at exit multiprocessing unlinks the semaphores "
                   "before it joins the children, so under spawn and forkserver a child still starting cannot open "
                   "it: FileNotFoundError: [Errno 2] No such file or directory (in the child; the parent exits 0)",
                   ctx.breaks(obj.method, not_fork, obj.elsewhere), fix=join_before_exit_fix(ctx, start),
                   related=((passed, "the object is given to the child here"),))


def _leaves_otherwise(ctx) -> bool:
    """An atexit handler may wait for the children; `os._exit` skips the finalizers."""
    text = ctx.source.text
    return "atexit" in text or "_exit" in text


def _children_given_semaphores(ctx):
    """(the start() call, its Where, the semaphore object, the call that gave it, the subclass or None) of each
    start of a child that is given a Lock, Value or Queue."""
    for start in ctx.facts.starts:
        creation = creation_of(ctx, start.obj) if start.obj.kind == "Process" else None
        if creation is None or not ctx.in_parent(start.where):
            continue
        cls = start.obj.subclass
        if cls is None:
            given = [ctx.flow.resolve(value) for _expr, value in creation.args]
        else:
            given = list(_kept_locally(ctx, cls, start.obj.node))
        for value in given:
            if _semaphore(value):
                yield start.node, start.where, value, creation.node, cls
                break
    built = None
    for call, qualified, _args, _kwargs, where in ctx.facts.project_calls:
        if not qualified.endswith(".start"):
            continue
        instance = ctx.facts.receivers.get((id(call), qualified))
        if type(instance) is not V.Returned:
            continue
        if built is None:
            built = {id(c): (c, a, k, w) for c, _q, a, k, w in ctx.facts.project_calls}
        made = built.get(id(instance.node))
        summary, name = function_summary(ctx.resolver, instance.qualified) if made is not None else (None, None)
        if summary is None:
            continue
        init = inherited_init(summary, name)
        sinks = [s for s in summary.sinks.get(name, ()) if s.role == "process-state"] if init is not None else []
        site = CallSite(made[0], made[1], made[2], True, made[3])
        for sink in sinks:
            value = bind_argument(init, site, V.Param(made[0], init, sink.param, sink.kind), ctx.flow.resolve)
            if _semaphore(value):
                yield call, where, value, made[0], summary.definitions.get(name)
                break


def _kept_locally(ctx, cls, made):
    """What the call `made` gives the parameters the (inherited) __init__ of this module's Process subclass `cls`
    keeps in `self`."""
    lineage = [c for c in ctx.facts.lineage(cls) if isinstance(c, ast.ClassDef)]
    init = next((f for c in lineage for f in c.body if isinstance(f, FUNCS) and f.name == "__init__"), None)
    site = next((s for s in ctx.facts.call_sites.get(init, ()) if s.call is made), None) \
        if init is not None else None
    if site is None:
        return
    for param, _line in kept_parameters(init):
        yield bind_argument(init, site, V.Param(site.call, init, param, "positional"), ctx.flow.resolve)


def _semaphore(value) -> bool:
    return type(value) is V.MPObject and value.kind in SEMAPHORE_KINDS and isinstance(value.node, ast.Call)


def _daemonic(ctx, cls, start) -> bool:
    """Daemonic children are terminated at exit (`daemon=` given, or a `daemon` attribute set in the module or
    in the subclass): not judged."""
    if any(isinstance(n, ast.Attribute) and n.attr == "daemon" and isinstance(n.ctx, ast.Store)
           for n in (*ctx.nodes_of(ctx.tree), *(ast.walk(cls) if cls is not None else ()))):
        return True
    return "daemon" in ctx.source.text and any(isinstance(n, ast.keyword) and n.arg in ("daemon", None)
                                               for n in ctx.nodes_of(ctx.tree))


def _ends_program(ctx, where, node, waits, depth: int) -> bool:
    """Does the program end after `node` (run at `where`), running only quick work? Module-level code counts only
    under the main guard: a module that is imported goes on with its importer's work."""
    function = where.function
    scope = function if function is not None else ctx.tree
    if depth > CALLERS_UP or type(scope) not in (*FUNCS, ast.Module) or function is None and not where.guarded \
            or not _rest_is_quick(ctx, ctx.statement_of(node), scope, waits):
        return False
    if function is None:
        return True
    sites = ctx.facts.call_sites.get(function, ())
    return bool(sites) and all(site.where is not None and site.where.function is not function
                               and _ends_program(ctx, site.where, site.call, waits, depth + 1)
                               for site in sites)


def _rest_is_quick(ctx, statement, scope, waits) -> bool:
    """Is everything that runs after `statement` in `scope` quick: the later statements of each block around it,
    a `finally` around it, and the whole of a loop around it (which runs it again)?"""
    node = statement
    while node is not None and node is not scope:
        holder = ctx.parents.get(node)
        if holder is None or holder is not scope and isinstance(holder, (*FUNCS, ast.ClassDef, ast.Lambda)):
            return False
        if isinstance(holder, LOOPS):
            later = [holder]
        else:
            later = []
            for field in ("body", "orelse", "finalbody", "handlers"):
                block = getattr(holder, field, None)
                if type(block) is list and node in block:
                    later = block[block.index(node) + 1:]
            if isinstance(holder, ast.Try):
                later = [*later, *holder.finalbody]
        if not all(_quick(ctx, n, waits) for s in later for n in ast.walk(s)):
            return False
        node = holder
    return node is scope


def _quick(ctx, node, waits) -> bool:
    """Does `node` take no noticeable time (much less than a child's start-up): not a wait, not a `with` on an
    object that may be held (a Lock), and, for a call, one of a few quick builtins and methods, a Process made or
    started, or a function of this module that is quick in all it does."""
    if isinstance(node, ast.withitem):
        return isinstance(node.context_expr, ast.Call) and _quick_call(ctx, node.context_expr, waits)
    if waits(ctx, node):
        return False
    return not isinstance(node, ast.Call) or _quick_call(ctx, node, waits)


def _quick_call(ctx, node, waits) -> bool:
    if waits(ctx, node):
        return False
    callee = _callees(ctx).get(id(node))
    if callee is not None:
        return _quick_function(ctx, callee, waits)
    if id(node) in _processes(ctx):
        return True
    func = node.func
    if isinstance(func, ast.Name):
        return func.id in QUICK_BUILTINS and func.id not in ctx.facts.module_env
    if not isinstance(func, ast.Attribute):
        return False
    qualified = ctx.imports.qualify(func)
    if qualified is not None and "." in qualified:
        return qualified in QUICK_FUNCTIONS or qualified.partition(".")[0] == "logging"
    if func.attr == "put" and _bounded_queue(ctx):
        return False  # (a put on a full queue waits until a child takes an item: the child has started)
    return func.attr in QUICK_METHODS


def _bounded_queue(ctx) -> bool:
    """Does the module make a Queue with a size (`Queue(maxsize)`)?"""
    if "exit_unlink bounded" not in ctx.memo:
        ctx.memo["exit_unlink bounded"] = any(c.kind == "Queue" and (c.node.args or c.node.keywords)
                                              for c in ctx.facts.creations if isinstance(c.node, ast.Call))
    return ctx.memo["exit_unlink bounded"]


def _quick_function(ctx, function, waits) -> bool:
    memo = ctx.memo.setdefault("exit_unlink quick", {})
    if function not in memo:
        memo[function] = False  # (a function that calls itself: not quick)
        memo[function] = all(_quick(ctx, n, waits) for n in ctx.nodes_of(function))
    return memo[function]


def _callees(ctx) -> dict:
    """id(call) -> the def of this module it calls (a class's __init__ for a constructor), once per analysis."""
    if "exit_unlink callees" not in ctx.memo:
        ctx.memo["exit_unlink callees"] = {id(site.call): function for function, sites in ctx.facts.call_sites.items()
                                           for site in sites}
    return ctx.memo["exit_unlink callees"]


def _processes(ctx) -> set:
    """ids of the calls that make or start a Process (this module's, or a subclass of another module's)."""
    if "exit_unlink processes" not in ctx.memo:
        out = {id(c.node) for c in ctx.facts.creations if c.kind == "Process"} | {id(s.node) for s in ctx.facts.starts}
        for call, qualified, _a, _k, _w in ctx.facts.project_calls:
            instance = ctx.facts.receivers.get((id(call), qualified))
            if qualified.endswith(".start") and type(instance) is V.Returned:
                out.update((id(call), id(instance.node)))
        ctx.memo["exit_unlink processes"] = out
    return ctx.memo["exit_unlink processes"]


# quick work: builtins that make or show a value, logging, and the methods that hand work to a queue or list
QUICK_BUILTINS = frozenset({"print", "len", "str", "repr", "int", "float", "bool", "list", "dict", "set", "tuple",
                            "range", "enumerate", "zip", "sorted", "min", "max", "sum", "isinstance", "super", "format",
                            "exit", "quit"})
QUICK_FUNCTIONS = frozenset({"sys.exit", "os.getpid"})
QUICK_METHODS = frozenset({"put", "put_nowait", "start", "append", "extend", "format", "__init__", "debug", "info",
                           "warning", "warn", "error", "exception", "critical", "log", "write", "flush", "items",
                           "keys", "values", "upper", "lower", "strip", "split"})
