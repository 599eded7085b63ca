"""What a Process is given (its target's arguments, MP203-MP206): what pickle refuses while the child spawns, the
sync objects created inline that die with the dropped args, and Process objects that are never started."""
from __future__ import annotations

import ast

from mpguard.semantic import values as V
from mpguard.semantic.platforms import ALL_METHODS, REIMPORTING
from mpguard.fixes.arguments import keep_alive_fix, kept_by_object_fix
from mpguard.fixes.start_method import same_context_fix
from mpguard.rules.fact_lookup import first_of, starts_of
from mpguard.rules.loop_items import dropped_loop_item
from mpguard.rules.started_processes import started_problem
from mpguard.rules.pickle_reports import not_fork, through, library_label, report_argument
from mpguard.rules.context_mismatch import SEMLOCK, CONTEXT_BOUND, mismatch_through_parameter, held_mismatch
from mpguard.rules.rebuilt_copies import reported_here


def never_started(ctx, creation) -> bool:
    """A Process that is built but provably never started (a preview, a dry run): its target and
    arguments are never pickled. Only when every `.start` of the module is on a process we follow,
    and the code that built it is this module's own (called here, or run at import)."""
    if creation.value.start_seen or creation.value.subclass is not None:
        return False
    if _only_looked_at(ctx, creation):
        return True
    if ctx.facts.unresolved_starts:
        return False
    function = creation.where.function
    return function is None or function in ctx.facts.call_sites


# Calls that only look at an object: handing a Process to them does not start it.
LOOKING = {"print", "len", "repr", "str", "bool", "id", "isinstance", "type", "hash", "vars"}


def _only_looked_at(ctx, creation) -> bool:
    """`proc = Process(...)` in a function whose every later use of `proc` only looks at it (printed,
    asserted, `self.assertTrue(proc)`): it cannot be started, whatever else the module starts."""
    function = creation.where.function
    assign = ctx.parents.get(creation.node)
    if function is None or not (isinstance(assign, ast.Assign) and len(assign.targets) == 1
                                and isinstance(assign.targets[0], ast.Name)):
        return False
    name = assign.targets[0].id
    scope = ctx.index.scope(function)
    if name in scope.globals or name not in scope.stores:
        return False
    for load in ctx.index.loads_of(name):
        if load.function is not function:
            if load.function is not None and ctx.inside(load.function, function):
                return False  # a nested function reads it: it may start it
            continue  # another function's own `proc`
        parent = ctx.parents.get(load.node)
        if isinstance(parent, ast.Attribute) and parent.attr in ("name", "pid", "daemon", "exitcode", "is_alive"):
            continue
        if isinstance(parent, ast.Assert):
            continue
        if isinstance(parent, ast.Call) and load.node in parent.args:
            callee = parent.func
            if isinstance(callee, ast.Name) and callee.id in LOOKING:
                continue
            if isinstance(callee, ast.Attribute) and callee.attr.startswith("assert"):
                continue
        return False
    return True


def check_process_args(ctx, creation) -> None:
    methods = ctx.breaks(creation.method, not_fork, creation.value.elsewhere)
    started = first_of(starts_of(ctx, creation.value))  # (where its args are pickled)
    refused = False
    for index, (expr, value) in enumerate(creation.args):
        problem = while_spawning(ctx.pickler.object_problem(value, pool_task=False))
        refused = refused or problem is not None
        if problem is None and started is not None:  # (keepmenu #181: a Process started before this one)
            problem = started_problem(ctx, value, started.node, started.where)
        if problem is not None and "queue.Queue" in problem.what:
            # A forked child fills its own copy of a thread queue: the parent waits forever.
            report_argument(ctx, problem, creation.node, "Process args", ALL_METHODS, value)
            continue
        report_argument(ctx, through(problem, creation.value.serializer), creation.node,
                        "Process args" + library_label(creation.value), methods, value)
        if creation.method in REIMPORTING:
            mismatch_through_parameter(ctx, creation, value, "the args")
        if creation.method in REIMPORTING and not isinstance(value, (V.MPObject, V.Param)):
            held_mismatch(ctx, creation, value, "a Process")
        if isinstance(value, V.MPObject) and value.kind in ("Queue", "SimpleQueue", "Lock", "Value", "PipeEnd"):
            # (a Pipe's ends hold no SemLock: the child of any context gets a duplicate of the descriptor)
            if creation.method in REIMPORTING and value.method is None and value.kind in CONTEXT_BOUND:
                ctx.report("MP205", creation.node, f"a {value.kind} from the default context is passed to a "
                           f"{creation.method}-context Process; where the default is fork: {SEMLOCK}",
                           ctx.breaks(None, lambda m: m == "fork"),
                           fix=same_context_fix(ctx, creation.node, value.node, creation.method),
                           error=SEMLOCK)
            if value.node is not None and ctx.inside(value.node, creation.node):
                ctx.report("MP206", value.node, f"the {value.kind} created inline in Process args is only "
                           "referenced by the Process, which drops its args at start(); under spawn and "
                           "forkserver it is collected before the child opens it: FileNotFoundError: [Errno 2] No "
                           "such file or directory",
                           methods, fix=keep_alive_fix(ctx, value.node))
        if _dropped_on_return(ctx, creation, value):
            function = creation.where.function.name
            made = getattr(value.node.func, "attr", None) or getattr(value.node.func, "id", None) or value.kind
            ctx.report("MP206", creation.node, f"the {made} made in {function}() is handed only to this Process, "
                       f"and {function}() returns without waiting for it: start() drops its args, so under spawn and "
                       "forkserver the last reference goes before the child opens it: FileNotFoundError: [Errno 2] "
                       "No such file or directory", methods, fix=kept_by_object_fix(ctx, creation.node, value.node))
        item = expr.elts[index] if isinstance(expr, (ast.Tuple, ast.List)) and len(expr.elts) == len(creation.args) \
            else expr  # (each argument is recorded with the whole `args=` tuple)
        held = dropped_loop_item(ctx, creation, item, value, may_wait)
        if held is not None:
            ctx.report("MP206", creation.node, f"{held} is held only by `{item.id}`, an item of the temporary this "
                       "loop iterates over: start() drops its args and the loop drops the item, so under spawn and "
                       "forkserver the last reference goes before the child opens it: FileNotFoundError: [Errno 2] "
                       "No such file or directory", methods)
        made = ctx.flow.resolve(value) if type(value) in (V.CallResult, V.Param) else value
        if isinstance(made, V.MPObject) and made.kind in ("Queue", "SimpleQueue", "Lock", "Value", "PipeEnd") \
                and made.node is not None and not ctx.inside(made.node, creation.node):
            call = _fresh_from_call(ctx, expr, made, creation.node)
            if call is not None:
                ctx.report("MP206", call, f"the {made.kind} that {call.func.id}() makes and returns is only "
                           "referenced by the Process, which drops its args at start(); under spawn and "
                           "forkserver it is collected before the child opens it: FileNotFoundError: [Errno 2] No "
                           "such file or directory", methods, fix=keep_alive_fix(ctx, call))
    if not refused and creation.args and creation.value.serializer == "pickle":  # a copy configured otherwise
        reported_here(ctx, creation.node, [v for _e, v in creation.args], "a Process argument", methods)


def while_spawning(problem):
    """A Process's target and arguments are pickled while it is being spawned, when multiprocessing
    lets an AuthenticationString through: an object that holds a process object (often the very
    process being started, `self.proc = Process(target=self.run)`) pickles then, unless that process
    was started already, which the analysis cannot tell. Say nothing (a pool task still fails)."""
    if problem is not None and "AuthenticationString" in problem.error:
        return None
    return problem


WAITS = frozenset(("join", "wait", "get", "recv", "poll", "is_alive", "sleep", "result", "acquire", "communicate"))


def _dropped_on_return(ctx, creation, value) -> bool:
    """A Lock, Semaphore, Value or Queue made in a function, bound to a local name that nothing but Process
    arguments reads, given to a Process the function starts and never waits for (no join, get, sleep, ...
    anywhere in it): when the function returns, the object goes (tum_video_scraper #9/#14: a download
    Semaphore made in main(), which returns without joining; fresh_reports4)."""
    func = creation.where.function
    if not (isinstance(value, V.MPObject) and value.kind in ("Lock", "Value", "Queue", "SimpleQueue")) \
            or type(func) not in (ast.FunctionDef, ast.AsyncFunctionDef) or creation.kind != "Process" \
            or value.node is None or ctx.enclosing_function(value.node) is not func:
        return False
    bound = ctx.parents.get(value.node)
    if not (isinstance(bound, ast.Assign) and len(bound.targets) == 1 and isinstance(bound.targets[0], ast.Name)
            and ctx.parents.get(bound) is func):
        return False  # made in a nested block, or kept somewhere other than a plain local
    name = bound.targets[0].id
    if name in ctx.index.scope(func).globals or not any(s.where.function is func
                                                         for s in starts_of(ctx, creation.value)):
        return False
    memo = ctx.memo.setdefault("waits in", {})
    if func not in memo:
        memo[func] = any(may_wait(ctx, n) for n in ctx.nodes_of(func))
    if memo[func]:
        return False
    made_here = [c.node for c in ctx.facts.creations if c.kind == "Process" and c.where.function is func]
    return all(any(ctx.inside(load.node, made) for made in made_here)
               for load in ctx.index.loads_of(name) if load.function is func)


def may_wait(ctx, node) -> bool:
    """A call that may wait for the children (a method named join, get, wait, ...; `time.sleep`,
    `input()`), or a suspension point; a module's function of the same name (`os.path.join`) is not one."""
    if type(node) in (ast.Yield, ast.YieldFrom, ast.Await):
        return True
    if not isinstance(node, ast.Call):
        return False
    qualified = ctx.imports.qualify(node.func)
    if qualified is not None and "." in qualified:
        return qualified in ("time.sleep", "multiprocessing.active_children", "os.wait", "os.waitpid")
    name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
    return name in WAITS or name == "input"


def _fresh_from_call(ctx, expr, value, outer):
    """`Process(args=[make_counter()])`: the argument is a call, written in the Process's arguments, of a
    function of this module that returns the object it makes (`return multiprocessing.Value(...)`), so
    nothing else refers to it (CPython #94765's shape, fresh_reports4). That call, or None."""
    returned = ctx.parents.get(value.node)
    if not (isinstance(returned, ast.Return) and returned.value is value.node):
        return None
    maker = ctx.enclosing_function(returned)
    calls = [expr] if isinstance(expr, ast.Call) else \
        [e for e in expr.elts if isinstance(e, ast.Call)] if isinstance(expr, (ast.List, ast.Tuple)) else []
    for call in calls:
        if isinstance(call.func, ast.Name) and maker is not None and call.func.id == getattr(maker, "name", None) \
                and ctx.parents.get(maker) is ctx.tree and ctx.inside(call, outer):
            return call
    return None
