"""MP4xx: start-method choice and the life cycle of processes, pools and queues."""
from __future__ import annotations

import ast
from bisect import bisect_left

from mpguard.semantic import values as V
from mpguard.semantic.conditions import EVERYWHERE, branch_reach, catches, pure_platform_test
from mpguard.semantic.failing_handlers import unhandled_methods
from mpguard.semantic.foreign_methods import overridden_below
from mpguard.semantic.facts import Op
from mpguard.semantic.foreign_fields import factory_object
from mpguard.semantic.index import nodes_in
from mpguard.semantic.local_values import own_nodes, value_unless_raised
from mpguard.semantic.names import ASYNC_POOL_METHODS, is_main_guard
from mpguard.semantic.param_guards import task_call
from mpguard.semantic.platforms import ALL_METHODS
from mpguard.semantic.test_runner import RUNNER
from mpguard.fixes.drain_calls import drain_through_calls_fix
from mpguard.fixes.lifecycle import close_after_loop_fix, drain_before_join_fix, fetch_results_fix
from mpguard.fixes.start_method import force_or_context_fix, helper_force_fix, rerun_cell_fix
from mpguard.fixes.thread_pool import thread_pool_fix
from mpguard.resolve.project import acts_at_import, effects_summary, function_summary
from mpguard.semantic.facts import StartMethodCall
from mpguard.semantic.context_fixers import CONTEXT_FIX, what_fixes
from mpguard.rules.fixing_calls import fixing_calls
from mpguard.text.findings import RelatedFile
from mpguard.rules.call_order import lifted as _lifted, runs_before as _runs_before, same_flow as _same_flow
from mpguard.rules.consumer_loops import fed_items
from mpguard.rules.constant_tests import always_true
from mpguard.rules.import_order import imports_setting_again
from mpguard.rules.broken_pools import broken_executor_reused, kept_by_method, task_ends_worker
from mpguard.rules.failing_initializers import failing_initializers
from mpguard.rules.daemon_handover import daemon_decorations, daemon_handovers, spawn_related
from mpguard.rules.daemon_children import (allowed_object, checks_daemon as _checks_daemon, handled_in_daemon,
                                           imported_refused, refusal_caught, refusal_reach)
from mpguard.rules.daemon_wrappers import decorated_daemon_children, imported_decorated_daemon_children
from mpguard.rules.guard import imported_modules, imported_spawner
from mpguard.rules.queue_writes import imported_writes_much
from mpguard.rules.helper_children import helper_creation, returned_object
from mpguard.rules.queue_writers import joined_writers
from mpguard.rules.task_module_imports import task_module_starts
from mpguard.rules.waits import Fields, bounded_wait, ended_before, first_bounded_join, gives_up, integer_arguments
from mpguard.rules.context import Reach
from mpguard.rules.payload_lengths import generator_item, iterated_item, iterated_length
from mpguard.rules.pickled_items import (LEAST_ITEM, constant_size, folded, item_size, least_words, made_per_turn,
                                         made_text, message_size, range_ints_size)
from mpguard.rules.filled_lists import filled_size
from mpguard.rules.failing_resets import always_failing
from mpguard.rules.text_sizes import dumped_separator, is_text, joined_size, text_size
from mpguard.rules.task_items import item_records
from mpguard.semantic.record_fields import pool_items
from mpguard.rules.registry import Rule, register

ALREADY_SET = "RuntimeError: context has already been set"
MAX_TASKS_ERROR = ("ValueError: max_tasks_per_child is incompatible with the 'fork' multiprocessing start method; "
                   "supply a different mp_context.")

START_METHOD_FIXED = register(Rule(
    "MP401", "start-method-already-set",
    "set_start_method() is called after the start method was already set or fixed",
    ALL_METHODS, {m: ALREADY_SET for m in ("fork", "spawn", "forkserver")},
    severity="error", fix_title="Use an explicit context from get_context() instead",
    safe_fix=False,
))
START_METHOD_AT_IMPORT = register(Rule(
    "MP402", "set-start-method-at-import",
    "set_start_method() runs at import time, so it runs again in every child that re-imports the module",
    ALL_METHODS, {m: ALREADY_SET + " (raised in the child while it re-imports the module)"
                  for m in ("fork", "spawn", "forkserver")},
    severity="error", fix_title="Move set_start_method() under the main guard",
))
METHOD_UNAVAILABLE = register(Rule(
    "MP403", "start-method-unavailable",
    "The requested start method does not exist on Windows",
    frozenset(), {"windows": "ValueError: cannot find context for 'fork'"},
    platforms_only=frozenset({"windows"}),
    # Outside the default set: many projects are POSIX-only by design, and their fork contexts are
    # guarded in ways one module cannot see (31 package sweep findings, 1 a real portability bug).
    default_enabled=False,
))
MAX_TASKS_FORK = register(Rule(
    "MP404", "max-tasks-per-child-with-fork",
    "ProcessPoolExecutor(max_tasks_per_child=...) is combined with the fork start method",
    frozenset({"fork"}),
    {"fork": MAX_TASKS_ERROR},
    severity="error",
))
JOIN_BEFORE_DRAIN = register(Rule(
    "MP410", "join-before-drain",
    "A process is joined before the queue or pipe it writes to is drained",
    ALL_METHODS, {m: "No exception: the child cannot exit until its data is read, and the parent waits in "
                  "join() forever (deadlock)" for m in ("fork", "spawn", "forkserver")},
    severity="error", fix_title="Read the queue before joining",
))
RESULTS_LOST = register(Rule(
    "MP411", "pool-results-lost",
    "`with Pool()` exits while asynchronous results are still pending; __exit__ calls terminate()",
    ALL_METHODS, {m: "No exception: the pending work is killed and silently lost" for m in ("fork", "spawn", "forkserver")},
    severity="error", fix_title="Fetch the results before the block ends",
))
QUEUE_WRITERS_KILLED = register(Rule(
    "MP412", "pool-exit-kills-queue-writers",
    "Pool workers write to a queue that is read only after `with Pool()` terminated them",
    ALL_METHODS, {m: "No exception: a worker killed mid-write leaves the parent waiting in get() forever (deadlock)"
                  for m in ("fork", "spawn", "forkserver")},
    fix_title="Read the queue inside the with block",
))
DAEMON_CHILDREN = register(Rule(
    "MP413", "daemonic-process-children",
    "A daemonic process (every multiprocessing.Pool worker) starts a child process",
    ALL_METHODS, {m: "AssertionError: daemonic processes are not allowed to have children"
                  for m in ("fork", "spawn", "forkserver")},
    severity="error", fix_title="Use ProcessPoolExecutor (non-daemonic workers) or a non-daemonic Process",
))
POOL_NOT_RUNNING = register(Rule(
    "MP414", "pool-used-after-close",
    "A Pool is handed work after close() or terminate() (or close() sits in the loop that hands it work), "
    "or an executor after BrokenProcessPool",
    ALL_METHODS, {m: "ValueError: Pool not running" for m in ("fork", "spawn", "forkserver")},
    severity="error",
))


def check(ctx) -> None:
    _start_methods(ctx)
    imports_setting_again(ctx)
    _max_tasks(ctx)
    _join_before_drain(ctx)
    _pool_exit(ctx)
    _daemon_children(ctx)
    _used_after_close(ctx)
    broken_executor_reused(ctx)
    kept_by_method(ctx)  # the loop calls another module's method that keeps its broken executor
    task_ends_worker(ctx)  # a task that can end its worker, and later submits on the same executor
    failing_initializers(ctx)


LOOPS = (ast.For, ast.AsyncFor, ast.While)


def _loop_of(ctx, node, function):
    """The innermost for/while loop around `node` inside `function` (None: none)."""
    parent = ctx.parents.get(node)
    while parent is not None and parent is not function and not isinstance(parent, (ast.FunctionDef,
                                                                                    ast.AsyncFunctionDef)):
        if isinstance(parent, LOOPS):
            return parent
        parent = ctx.parents.get(parent)
    return None


def _leaves(loop) -> bool:
    """Does the loop's body leave it early (`break`, `return`, `raise`): a close() then may be its last turn."""
    todo = list(loop.body)
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.Break, ast.Return, ast.Raise)):
            return True
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            todo.extend(ast.iter_child_nodes(node))
    return False


def _then(ctx, first, later) -> bool:
    """Does `later` run whenever `first` has run: a statement after first's own statement in first's block
    (not `if failed: pool.terminate(); sys.exit(1)` followed by work outside that `if`)?"""
    statement, block = first, None
    while statement is not None:
        parent = ctx.parents.get(statement)
        block = next((b for name in ("body", "orelse", "finalbody") if isinstance(b := getattr(parent, name, None), list)
                      and any(x is statement for x in b)), None)
        if block is not None:
            break
        statement = parent
    if block is None:
        return False
    index = next(i for i, x in enumerate(block) if x is statement)
    node = later
    while node is not None:
        if any(x is node for x in block[index + 1:]):
            return True
        node = ctx.parents.get(node)
    return False


def _used_after_close(ctx) -> None:
    """MP414: `pool.close()` (or terminate()) and then `pool.apply_async(...)` on the same Pool in one function,
    or both in one loop's body, the pool made before the loop (OpenOccupancy #8: close() indented into the loop
    that submits each scene; its second turn raises `ValueError: Pool not running`)."""
    closes = [op for op in ctx.facts.ops if op.name in ("close", "terminate") and op.obj.kind == "Pool"]
    if not closes:
        return
    reported = set()
    for submit in ctx.facts.submits:
        pool = submit.pool
        if pool.kind != "Pool" or id(submit.node) in reported:
            continue
        for op in closes:
            if op.obj is not pool or op.where.function is not submit.where.function \
                    or ctx.exclusive(op.node, submit.node):
                continue
            loop = _loop_of(ctx, submit.node, submit.where.function)
            made = getattr(pool, "node", None)
            again = loop is not None and loop is _loop_of(ctx, op.node, op.where.function) \
                and op.where.order > submit.where.order and not _leaves(loop) \
                and made is not None and not ctx.inside(made, loop)
            if op.where.order < submit.where.order and not op.where.loop and _then(ctx, op.node, submit.node) or again:
                reported.add(id(submit.node))
                where = "on the next turn of the loop, after " if again else "after "
                ctx.report("MP414", submit.node, f"the pool gets this work {where}{op.name}() on line "
                           f"{op.node.lineno}: ValueError: Pool not running", ALL_METHODS,
                           fix=close_after_loop_fix(ctx, op.node, loop) if again and op.name == "close" else None)
                break


def _start_methods(ctx) -> None:
    fixing = [(c.where, c.node) for c in ctx.facts.creations
              if c.kind not in ("Thread",) and c.method is None and not c.node in ()]
    fixed_by = {}  # id(node) -> how a finding names what fixed the method there (a library's lock)
    for effect in ctx.facts.effects_of(CONTEXT_FIX):  # a library call that makes a lock of the default context
        fixing.append((effect.where, effect.node))
        fixed_by[id(effect.node)] = (f" ({what_fixes(effect)})", None)
    fixing += [(s.where, s.node) for s in ctx.facts.starts if s.obj.kind != "Thread" and s.obj.method is None]
    earlier_sets = []
    helpers = _helpers_setting(ctx)  # id(call of another module's helper) -> where that helper sets the method
    # in the order the walk met them: a helper's call in the main block takes its place among the direct calls
    calls = sorted([*ctx.facts.start_methods, *(made for made, *_rest in helpers.values())],
                   key=lambda c: c.where.order)
    for call in calls:
        if call.method in ("fork", "forkserver") and not _platform_checked(ctx, call.node) \
                and "windows" in helpers.get(id(call.node), NO_HELPER)[3] \
                and (call.where.function is None or call.where.function in ctx.parent_functions):
            # (a library function whose callers are not in this module may well be guarded by them)
            ctx.report("MP403", call.node, f"start method {call.method!r} does not exist on Windows: "
                       f"ValueError: cannot find context for {call.method!r}", frozenset(), platforms={"windows"})
        if call.name == "get_start_method" and not call.allow_none or call.name == "get_context" and call.method is None:
            fixing.append((call.where, call.node))
            continue
        if call.name != "set_start_method":
            continue
        failing = always_failing(ctx, call, calls) if _catches_runtime_error(ctx, call.node) else None
        if failing is not None:
            first, skipped, handler = failing
            ctx.report("MP401", call.node, f"the module's set_start_method() on line {first.lineno} sets the start "
                       f"method at every import, so this call always raises {ALREADY_SET}: the handler on line "
                       f"{handler.lineno} always runs and line {skipped.lineno} never does", ALL_METHODS,
                       error=ALREADY_SET)
        failing = _failing_methods(ctx, call)
        if not call.force and not call.conditional and failing:
            before = next((n for w, n in (*fixing, *earlier_sets) if _same_flow(w, call.where)
                           and w.order < call.where.order and not ctx.exclusive(n, call.node)), None)
            if before is None:  # fixed in a function that a common caller runs first (a banner, then a runner)
                before = next((n for w, n in fixing if _runs_before(ctx, (w, n), (call.where, call.node))), None)
            if before is None:  # fixed by another module's function this flow runs first (a scan with a tqdm bar)
                before = next((n for w, n in fixing_calls(ctx, fixed_by) if not ctx.exclusive(n, call.node) and (
                    _same_flow(w, call.where) and w.order < call.where.order
                    or _runs_before(ctx, (w, n), (call.where, call.node)))), None)
            methods = ALL_METHODS
            if before is None:  # set by another set_start_method() that runs first: at the top, or in a
                # function the same caller runs earlier (whichever of the two the walk met first), also one
                # under a platform test alone (`if sys.platform != "win32":`): the second raises there
                for c in calls:
                    if c is call or c.name != "set_start_method" or c.conditional:
                        continue
                    reach = platforms_always(ctx, [n for f, _o, n in _lifted(ctx, c.where, c.node)
                                                   if f is not RUNNER])
                    if c.method in ("fork", "forkserver") and reach != EVERYWHERE:
                        reach -= {"windows"}  # (there the first call raises ValueError: no such start method)
                    if reach and _runs_before(ctx, (c.where, c.node), (call.where, call.node)):
                        before = c.node
                        # (only where that first call runs; on macOS or Windows alone: their platforms, no default)
                        methods = ALL_METHODS if reach == EVERYWHERE else Reach(ALL_METHODS, (), EVERYWHERE - reach) \
                            if "linux" in reach else Reach(frozenset(), reach, EVERYWHERE - reach)
                        break
            if failing != ALL_METHODS:  # a handler that fails unless the method is the one asked for (dolma #58)
                methods = Reach(methods & failing, methods.platforms, methods.unreachable, methods.later) \
                    if type(methods) is Reach else methods & failing
            _made, there, helper, reach = helpers.get(id(call.node), NO_HELPER)
            if there is not None:  # `init_runtime()` of another module, which calls set_start_method() itself
                # (where both calls run: a helper's call under a platform test alone runs on those platforms only)
                both = reach & helpers.get(id(before), NO_HELPER)[3] if before is not None else reach
                if both != EVERYWHERE and type(methods) is not Reach:
                    methods = Reach(ALL_METHODS, (), EVERYWHERE - both) if "linux" in both \
                        else Reach(frozenset(), both, EVERYWHERE - both)
                if both and (before is not None or (again := _runs_again(ctx, call)) is not None):
                    when = f"the start method was already fixed on line {before.lineno}" if before is not None \
                        else f"it runs each time {again}"
                    message = f"{helper} sets the start method, and {when}; its set_start_method() then raises " \
                        f"{ALREADY_SET}{_unhandled_note(failing)}"
                    if ctx.own_statement(there) is not None:  # (this module imports itself by name)
                        message = f"this set_start_method() runs again when line {call.node.lineno} imports this " \
                            f"module by name, after its first run set the method: the second run raises {ALREADY_SET}"
                    ctx.report("MP401", call.node, message, methods, related_file=there,
                               fix=helper_force_fix(ctx, there) if ctx.own_statement(there) is None else None)
            elif before is not None:  # the first is enough (a file that sets it 800 times was quadratic)
                line = before.lineno
                by = helpers.get(id(before), NO_HELPER)[2]  # (another module's function that sets it)
                by, related = (f" by {by}", None) if by else fixed_by.get(id(before), ("", None))
                ctx.report("MP401", call.node, f"the start method was already fixed on line {line}{by}; this call "
                           f"raises {ALREADY_SET}{_unhandled_note(failing)}", methods,
                           fix=force_or_context_fix(ctx, call), related_file=related)
            elif (fixed := _fixed_by_an_import(ctx, call)) is not None:
                fixed, sets = fixed
                # When that module sets the method itself, no `force=True` but for fork: a child that re-imports
                # this module (spawn, forkserver) imports that one again, whose call then raises in the child
                # (scikit-opt #233: the forced script's workers died at import and the pool hung)
                ctx.report("MP401", call.node, f"importing {fixed} already fixed the start method; this call raises "
                           f"{ALREADY_SET}", ALL_METHODS,
                           fix=force_or_context_fix(ctx, call) if not sets or call.method == "fork" else None)
            elif (again := _runs_again(ctx, call)) is not None:
                ctx.report("MP401", call.node, f"set_start_method() runs each time {again}; the second call "
                           f"raises {ALREADY_SET}", ALL_METHODS, fix=force_or_context_fix(ctx, call))
            elif ctx.notebook and (call.where.function is None or ctx.at_import(call.where)):
                shown = repr(call.method) if call.method else "..."
                ctx.report("MP402", call.node, f"set_start_method({shown}) in a notebook cell raises {ALREADY_SET} "
                           "when the cell runs again: the kernel keeps the method the first run set", ALL_METHODS,
                           fix=rerun_cell_fix(ctx, call))
            elif ctx.at_import(call.where) and call.method != "fork" and not ctx.unimported_main:
                shown = repr(call.method) if call.method else "..."
                ctx.report("MP402", call.node, f"set_start_method({shown}) runs at import time; a child that "
                           f"re-imports this module calls it again and gets {ALREADY_SET}", ALL_METHODS,
                           fix=force_or_context_fix(ctx, call))
        earlier_sets.append((call.where, call.node))


NO_HELPER = (None, None, None, EVERYWHERE)


def _helpers_setting(ctx) -> dict:
    """id(call) -> (a StartMethodCall standing for it, RelatedFile, the helper's name, the platforms where it sets
    the method) for each call of another project module's function (or class, whose `__init__` does) that always
    calls set_start_method() (`ModuleSummary.setting`): nanome-lib #264's `init_runtime()` called by the CLI and
    again by the plugin it runs; pyftpdlib #648's server constructor, which sets it under `if sys.platform !=
    "win32":` after the program's own runtime set-up did."""
    out = {}
    if ctx.resolver is None:
        return out
    for call, qualified, _args, _kwargs, where in ctx.facts.project_calls:
        summary, name = effects_summary(ctx.resolver, qualified)  # (the quick test first: `setting` is a process effect)
        found = summary.setting.get(name) if summary is not None and isinstance(name, str) else None
        if found is not None and _overrides_on_the_way(ctx, call, qualified, getattr(summary, "setting_via", {}).get(name)):
            continue  # (the object's class overrides a method the helper calls on the way: its own code runs)
        if found is not None:
            line, method = found
            made = StartMethodCall(call, "set_start_method", method, False, False, where,
                                   fails_under=getattr(summary, "setting_failing", {}).get(name))
            out[id(call)] = (made, RelatedFile(summary.path, line, "it calls set_start_method() here", site=True),
                             f"{qualified}()", getattr(summary, "setting_platforms", {}).get(name, EVERYWHERE))
    out.update(_imports_setting(ctx))
    return out


def _overrides_on_the_way(ctx, call, qualified: str, via) -> bool:
    """Does the object a method of another module is called on (`facts.receivers`) have a class that overrides one
    of `via`, the methods that method calls on its object on the way to set_start_method()? A class of this module
    (its own lineage, then the project classes up to the method's owner), or of another project module; an object
    whose class is not known counts as overriding."""
    if not via:
        return False
    receiver = ctx.facts.receivers.get((id(call), qualified))
    owner = qualified.rpartition(".")[0]
    if type(receiver) is V.Instance and receiver.cls is not None and isinstance(receiver.cls.definition, ast.ClassDef):
        lineage = [c for c in ctx.facts.lineage(receiver.cls.definition) if isinstance(c, ast.ClassDef)]
        if any(isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef)) and f.name in via for c in lineage for f in c.body):
            return True
        local = {c.name for c in lineage}
        bases = [b for c in lineage for b in c.bases if not (type(b) is ast.Name and b.id in local)]
        cls_qualified = ctx.imports.qualify(bases[0]) if len(bases) == 1 else None
    else:
        cls_qualified = getattr(receiver, "qualified", None)
    below = overridden_below(ctx.resolver, cls_qualified, owner) if cls_qualified else None
    return below is None or bool(below & via)


def _imports_setting(ctx) -> dict:
    """The same for an import inside a function of a project module whose import calls set_start_method()
    (no force, unconditionally): the call runs when the function first runs (channels #1921: the test runner
    sets the method, then its `load_tests()` imports the live-server helper that sets it again at import). Not
    when this module also imports it at import time: the function's import then runs nothing."""
    out = {}
    effects = ctx.facts.effects_of("import")
    at_top = {m for e in effects if e.where.at_import for m in imported_modules(e.node)}
    for effect in effects:
        if effect.where.function is None or effect.where.at_import:
            continue
        for module in imported_modules(effect.node):
            if module in at_top or not acts_at_import(ctx.resolver, module):
                continue
            summary = ctx.resolver.module_summary(module)
            sets = [(line, text) for line, text in getattr(summary, "fixes_start_method", ())
                    if "set_start_method(" in text] if summary is not None else []
            if sets:
                line, text = sets[0]
                made = StartMethodCall(effect.node, "set_start_method", None, False, False, effect.where)
                out[id(effect.node)] = (made, RelatedFile(summary.path, line, "its import calls set_start_method() "
                                                          "here", site=True), f"importing {module}", EVERYWHERE)
                break
    return out


def platforms_always(ctx, nodes) -> frozenset:
    """The platforms on which each of `nodes` runs whenever its function (or the module, or its main block)
    runs: under no `if` but platform tests alone (`if sys.platform != "win32": set_start_method(...)`), no loop,
    `except` or `match`. Empty when some other condition decides."""
    reach = EVERYWHERE
    for node in nodes:
        child, current = node, ctx.parents.get(node)
        while current is not None and not isinstance(current, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef)):
            if isinstance(current, ast.If) and not is_main_guard(current.test):
                where = ctx.facts.branch_platforms.get(current)
                if where is None or not pure_platform_test(current.test, ctx.imports):
                    # (also a test whose other parts every run passes: `self.parallel > 1` of the one
                    # `Runner(parallel=2)`, next to `sys.platform != "win32"` or alone)
                    if not _settled(ctx, current.test, node, where is not None):
                        return frozenset()
                    where = EVERYWHERE if where is None else where
                reach &= branch_reach(current, child, where)
            elif isinstance(current, (ast.For, ast.AsyncFor, ast.While, ast.ExceptHandler, ast.IfExp, ast.BoolOp,
                                      ast.Lambda, getattr(ast, "match_case", ast.ExceptHandler))):
                return frozenset()
            child, current = current, ctx.parents.get(current)
    return reach


def _settled(ctx, test, node, platforms: bool) -> bool:
    """Is `test` made of tests every run passes (rules/constant_tests), and with `platforms` (the walker read
    the platforms where the test holds) of platform tests?"""
    parts = test.values if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And) else [test]
    function = ctx.enclosing_function(node)
    return all(platforms and pure_platform_test(p, ctx.imports) or always_true(ctx, p, function) for p in parts)


def _fixed_by_an_import(ctx, call) -> tuple[str, bool] | None:
    """A project module imported at the top that calls get_start_method() or get_context() (or
    set_start_method()) at import: the start method is fixed from then on (named with the line that
    fixes it; True when that line is a set_start_method()). A call at the top of this module counts
    only after the import."""
    if ctx.resolver is None:
        return None
    for effect in ctx.facts.effects_of("import"):
        if effect.where.at_import and not (call.where.function is None and effect.where.order > call.where.order):
            for module in imported_modules(effect.node):
                if not acts_at_import(ctx.resolver, module):
                    continue  # (its summary would fix no start method: not built)
                summary = ctx.resolver.module_summary(module)
                if summary is not None and getattr(summary, "fixes_start_method", None):
                    line, text = summary.fixes_start_method[0]
                    return f"{module} (line {line}: {text})", "set_start_method(" in text
    return None


def _runs_again(ctx, call) -> str | None:
    """How the function holding a set_start_method() call runs a second time in the same process:
    called from two places, or from a loop (or its caller is). None when it runs once, or when the
    call is inside a try that catches the RuntimeError."""
    if _catches_runtime_error(ctx, call.node):
        return None
    loop = _loop_of(ctx, call.node, call.where.function) if call.where.loop else None
    if loop is not None and _turns_again(ctx, call.node, loop):  # (bittensor #935: a retry loop around the call)
        return f"the loop on line {loop.lineno} turns"
    func, depth = call.where.function, 0
    while func is not None and depth < 4:
        # (one call with two possible receivers, `(A() if fast else B()).run()`, is listed once per receiver)
        sites = list({id(site.call): site for site in ctx.facts.call_sites.get(func, ())}.values())
        name = getattr(func, "name", "?")
        if name in ("__init__", "__post_init__"):
            name = getattr(ctx.parents.get(func), "name", name)
        both = next(((a, b) for i, a in enumerate(sites) for b in sites[i + 1:]
                     if not ctx.exclusive(a.call, b.call)), None)
        if both is not None:  # (two calls in the two branches of one `if` never both run)
            lines = " and ".join(str(site.call.lineno) for site in both)
            return f"{name}() is called (lines {lines})"
        if len(sites) >= 2:
            return None
        if len(sites) == 1 and sites[0].where is not None and sites[0].where.loop:
            around = _loop_of(ctx, sites[0].call, sites[0].where.function)
            if around is not None and not _turns_again(ctx, sites[0].call, around):
                return None  # (`attempt(); break`: the loop runs it once)
            return f"{name}() is called in the loop on line {sites[0].call.lineno}"
        if not sites and name in ("setUp", "setup_method"):
            # unittest/pytest run it before each test of its class: a second test sets the method again
            tests = [f.name for f in getattr(ctx.parents.get(func), "body", ())
                     if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef)) and f.name.startswith("test")]
            if len(tests) >= 2 and func in ctx.test_entry_points:
                return f"the test runner calls {name}() before each test ({tests[0]} and {tests[1]})"
        if len(sites) != 1 or sites[0].where is None:
            return None
        func, depth = sites[0].where.function, depth + 1
    return None


def _turns_again(ctx, node, loop) -> bool:
    """Can `loop` run `node` a second time: not in its `else`, not over a literal of one item (`range(1)`,
    `[x]`), and no statement that always leaves the loop (`break`, `return`, `raise`) after it in its own
    block or an enclosing one within the loop (`create_pow(); break` runs it once). The loop's condition
    is not judged: a retry loop exists to run again."""
    if isinstance(loop, (ast.For, ast.AsyncFor)) and _one_item(loop.iter):
        return False
    child, parent = node, ctx.parents.get(node)
    while parent is not None and child is not loop:
        if isinstance(parent, (ast.Return, ast.Raise)) or isinstance(child, (ast.Return, ast.Raise)) \
                or parent is loop and child is getattr(loop, "iter", None):  # (`for x in make():` runs it once)
            return False
        for field in ("body", "orelse", "finalbody"):
            block = getattr(parent, field, None)
            if not isinstance(block, list) or not any(x is child for x in block):
                continue
            if parent is loop and field == "orelse":
                return False
            after = block[next(i for i, x in enumerate(block) if x is child) + 1:]
            if any(isinstance(x, (ast.Break, ast.Return, ast.Raise)) for x in after):
                return False
        child, parent = parent, ctx.parents.get(parent)
    return child is loop


def _one_item(expr) -> bool:
    if isinstance(expr, (ast.List, ast.Tuple, ast.Set)):
        return len(expr.elts) <= 1 and not any(isinstance(e, ast.Starred) for e in expr.elts)
    return isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and expr.func.id == "range" \
        and len(expr.args) == 1 and not expr.keywords and isinstance(expr.args[0], ast.Constant) \
        and isinstance(expr.args[0].value, int) and expr.args[0].value <= 1


def _failing_methods(ctx, call) -> frozenset:
    """The default start methods under which the RuntimeError of `call` (a set_start_method(), or the call of another
    module's function that makes one: `fails_under`) is not handled: all of them outside a `try` that catches it; where
    a handler catches it, those under which the handler fails itself (semantic/failing_handlers: `except RuntimeError:
    assert get_start_method() == "spawn"`)."""
    failing = ALL_METHODS
    if _catches_runtime_error(ctx, call.node):
        own = unhandled_methods(call.node, ctx.parents, ctx.imports)
        failing = own if own is not None else frozenset()  # (a `try` of a caller: handled there)
    elsewhere = getattr(call, "fails_under", None)
    return failing & elsewhere if elsewhere is not None else failing


def _unhandled_note(failing: frozenset) -> str:
    """What a finding says of a handler that catches the RuntimeError and fails itself (`_failing_methods`)."""
    if failing == ALL_METHODS:
        return ""
    accepted = " or ".join(sorted(ALL_METHODS - failing))
    return f", and the handler that catches it fails unless the start method already fixed is {accepted}"


def _catches_runtime_error(ctx, node) -> bool:
    child, parent = node, ctx.parents.get(node)
    while parent is not None:
        if isinstance(parent, ast.Try) and any(c is child for c in parent.body) \
                and any(catches(handler, "RuntimeError") for handler in parent.handlers):
            return True
        child, parent = parent, ctx.parents.get(parent)
    return False


def _platform_checked(ctx, node) -> bool:
    """Inside `if sys.platform ...` / `os.name` / `platform.system()`: the code already chose per platform."""
    node = ctx.parents.get(node)
    while node is not None:
        if isinstance(node, (ast.If, ast.IfExp)):
            for part in nodes_in(node.test):
                qualified = ctx.imports.qualify(part.func if isinstance(part, ast.Call) else part) \
                    if isinstance(part, (ast.Attribute, ast.Name, ast.Call)) else None
                if qualified in ("sys.platform", "os.name", "platform.system"):
                    return True
        node = ctx.parents.get(node)
    return False


def _max_tasks(ctx) -> None:
    for creation in ctx.facts.creations:
        if creation.kind == "Executor" and creation.max_tasks_per_child and creation.method in (None, "fork"):
            ctx.report("MP404", creation.node, "max_tasks_per_child cannot be used with the fork start method: "
                       + MAX_TASKS_ERROR,
                       ctx.breaks(creation.method, lambda m: m == "fork"))


def creation_of(ctx, obj):
    by_value = ctx.__dict__.get("_creations_by_value")
    if by_value is None:
        by_value = ctx.__dict__["_creations_by_value"] = {}
        for creation in reversed(ctx.facts.creations):  # the first creation of a value wins
            by_value[id(creation.value)] = creation
    return by_value.get(id(obj)) or helper_creation(ctx, obj)


def all_ops(ctx) -> list:
    """The ops on multiprocessing objects, with those a helper does on what its callers pass to it
    (`def wait_all(procs): for p in procs: p.join()`) resolved to the objects the callers pass. Kept: asked
    by several rules, and for each loop a worker's puts sit in (rules/consumer_loops)."""
    if "all ops" in ctx.memo:
        return ctx.memo["all ops"]
    out = ctx.memo["all ops"] = list(ctx.facts.ops)
    for op in ctx.facts.deferred_ops:
        made = returned_object(ctx, op.obj)
        if made is not None:  # `proc.join(t)` of `proc, q = sandbox.start(code)`: the process that helper made
            out.append(Op(op.node, made, op.name, op.where, op.args))
            continue
        value = ctx.flow.resolve(op.obj)
        for option in value.options if type(value) is V.Union else (value,):
            option = returned_object(ctx, option) or option  # (`drain(q)` given such a queue by its callers)
            if type(option) is V.BoundMethod and type(option.instance) is V.Returned and type(op.obj) is V.Element:
                option = _foreign_field(ctx, option.instance, option.name)  # a field another module's class fills
            if type(option) is V.MPObject:
                out.append(Op(op.node, option, op.name, op.where, op.args))
    return out


def _foreign_field(ctx, obj: V.Returned, name: str):
    """The Queue a dataclass of another project module makes for the field `name` of the object built here
    (semantic/foreign_fields), one object per constructor call; None when unknown."""
    lookup = getattr(ctx.resolver, "class_definition", None) if ctx.resolver is not None else None
    found = lookup(obj.qualified) if lookup is not None else None
    if found is None or not isinstance(found[0], ast.ClassDef):
        return None
    made = ctx.memo.setdefault("foreign fields", {})
    key = (id(obj.node), name)
    if key not in made:
        made[key] = factory_object(obj.node, found[0], found[1], name)
    return made[key]


def _join_before_drain(ctx) -> None:
    reads: dict = {}  # id of the queue's or pipe's creating call -> reads from it
    ops = all_ops(ctx)
    for op in ops:
        if op.name in ("get", "recv", "get_nowait", "recv_bytes"):
            reads.setdefault(id(op.obj.node), []).append(op)
    reported, joins = set(), None
    for join in ops:
        if join.name != "join" or join.obj.kind != "Process" or id(join.node) in reported \
                or bounded_wait(ctx, join.node) or ended_before(ctx, join.node):
            continue  # join(timeout) returns: the wait that never ends is a later one (or the exit's); a join after
            # `terminate()` returns once the child is killed
        creation = creation_of(ctx, join.obj)
        if creation is None:
            continue
        targets = ctx.definitions_of(creation.target)
        for index, (expr, value) in enumerate(creation.args):
            value = ctx.flow.resolve(value)  # a queue the helper that starts the process was given
            if not (isinstance(value, V.MPObject) and value.kind in ("Queue", "SimpleQueue", "PipeEnd")):
                continue
            order = [(r, _order(ctx, r, join)) for r in reads.get(id(value.node), ())]
            mine = [r for r, after in order if after == 1]
            if not mine or any(after == -1 for _r, after in order):
                continue
            writers = joined_writers(ctx, creation, join, _range_length)  # (all joined before the read)
            if not any(writes_more_than_buffer(ctx, t, index, creation, integer_arguments(ctx, creation, t),
                                               buffer=buffer_of(value), writers=writers) for t in targets) \
                    and not (not targets and imported_writes_much(ctx, creation.target, index, creation)):
                continue
            same = mine[0].where.function is join.where.function
            if joins is None:  # (the joins of each object: scanning every op for each join was quadratic)
                joins = {}
                for op in ops:
                    if op.name == "join":
                        joins.setdefault(id(op.obj), []).append(op)
            # `join(timeout)`, then `join()`: the waits begin there
            first = first_bounded_join(ctx, joins.get(id(join.obj), ()), join)
            reported.update((id(join.node), id(first.node)))
            then = "" if first is join else f"join(timeout) gives up, then line {join.node.lineno} "
            waited = f"a child that is still writing to the {value.kind} it was given; the child cannot exit until " \
                "the data is read" if writers == 1 else f"{writers} children that together write more than the " \
                f"pipe holds to the {value.kind} they were given; a child cannot exit until its data is read"
            # `join(timeout)` then `if p.is_alive(): p.terminate()` (or a raise): no deadlock, a run that finished is
            # taken for hung, killed, and its result lost (rocketride-server PR #847, Prefect PR 5213)
            outcome = ": deadlock" if not gives_up(ctx, first.node) else ", so the timeout always runs out and the " \
                "code then gives up on the child (kills it or raises): a run that finished is reported as timed out " \
                "and its result is lost"
            joined = "join()" if not gives_up(ctx, first.node) else "join(timeout)"
            ctx.report("MP410", first.node, f"{then}{joined} waits for {waited}{outcome}"
                       + ("" if same else f" (it is read on line {mine[0].node.lineno}, after the join)"),
                       ALL_METHODS, fix=drain_before_join_fix(ctx, first, mine[0]) if same else drain_through_calls_fix(ctx, first, mine[0]))
            break


def _order(ctx, read, join):
    """1 when `read` runs after `join`, -1 before, None when that is not known (another function
    that no common caller orders)."""
    if read.where.function is join.where.function:
        return -1 if read.where.order < join.where.order else 1
    if _runs_before(ctx, (read.where, read.node), (join.where, join.node)):
        return -1
    if _runs_before(ctx, (join.where, join.node), (read.where, read.node)):
        return 1
    return None


def buffer_of(value) -> int:
    """How much the channel holds before a writer blocks: a Queue (and `Pipe(duplex=False)`) writes to an
    os.pipe, 64 KiB on Linux; a duplex `Pipe()` is a socketpair, whose buffer on Linux is net.core.wmem_default
    (212,992 bytes here: a 200,000-byte send then join then recv ran; 220,000 bytes deadlocked). Smaller
    elsewhere, but a payload that fits on Linux is not reported (precision first)."""
    call = value.node if value.kind == "PipeEnd" else None
    if isinstance(call, ast.Call):
        duplex = next((k.value for k in call.keywords if k.arg == "duplex"), call.args[0] if call.args else None)
        if not (isinstance(duplex, ast.Constant) and duplex.value is False):
            return SOCKET_BUFFER
    return PIPE_BUFFER


def writes_more_than_buffer(ctx, func, index: int, creation=None, bounds=None, taken: int = 0, buffer: int = 0,
                            writers: int = 1) -> bool:
    """Does `func` put more than a pipe buffer into its `index`-th parameter? Only evidence counts:
    a known large payload, or puts in a loop whose trip count is unknown or large (`bounds`: the
    integers the process is given for some parameters, for `range(rows)`). `taken`: items the parent
    reads at most (a preview of the first rows): what is left must still fill the pipe. `writers`: how
    many processes run `func` on the same queue (rules/queue_writers): what they all put shares one pipe."""
    params = [a.arg for a in func.args.args]
    if index >= len(params):
        return False
    name = params[index]
    assigned = _sized_bindings(ctx, func)
    total = 0  # what all the puts write together, when no put alone fills the pipe
    for node in _sends(ctx, func):
        if getattr(node.func.value, "id", None) == name:
            fed = lambda loop: fed_items(ctx, loop, func, creation, all_ops(ctx),  # noqa: E731
                                         lambda put, where: trip_count(ctx, put, where))
            size = estimated_size(node.args[0], {**(bounds or {}), **assigned},
                                  returns=lambda call: _returned_size(ctx, func, call, creation, bounds),
                                  lengths=lambda it: iterated_length(ctx, it, func, creation, _range_length),
                                  items=lambda it: generator_item(ctx, it, _range_length),
                                  made=lambda it: iterated_item(ctx, it, func, creation),
                                  filled=lambda name, send=node: _filled_size(ctx, func, name, send, creation,
                                                                               bounds, fed))
            trips = trip_count(ctx, node, func, bounds, fed)
            if taken and trips is None:
                continue  # (a partial read of an unknown number of items: not evidence enough)
            # each put is one message: its length, pickle's envelope and what pickle writes for the item at least
            # (an item not sized counts as the least pickle writes for its kind: rules/pickled_items)
            least = item_size(node.args[0], ints=_range_targets(ctx, node, func))
            each = message_size(max(size if size is not None else 0, least))
            if trips is None or each * (trips - taken) > (buffer or PIPE_BUFFER):
                return True
            total += each * trips
    return not taken and total * writers > (buffer or PIPE_BUFFER)


def writes_much(ctx, func, index: int, bounds) -> bool:
    """`writes_more_than_buffer` for a target read without the process that runs it (rules/queue_writes: a summary of
    another module's functions), the integers `bounds` stand for some of its parameters."""
    return writes_more_than_buffer(ctx, func, index, None, bounds)


def _filled_size(ctx, func, name: str, send, creation, bounds, fed) -> int | None:
    """The size of the list `name` that `func` fills with appends before `send` (rules/filled_lists), its loops
    counted as the puts' are, also by the length of what the process is given to iterate."""
    def turns(node):
        def known(loop):
            count = iterated_length(ctx, loop.iter, func, creation, _range_length) \
                if isinstance(loop, ast.For) else None
            return count if count is not None else fed(loop)
        return trip_count(ctx, node, func, bounds, known)
    def appended(item):
        # each turn appends: pickle writes in full only what is made anew on the turn; an object appended on
        # every turn (a folded constant, a name bound before the loop) is a memo reference after the first
        turn_names = _turn_names(ctx, item, func)
        return item_size(item, ints=_range_targets(ctx, item, func),
                         fresh=lambda e: estimated_size(e, {**(bounds or {})}) if made_per_turn(e, turn_names)
                         else None)
    return filled_size(ctx, func, name, send, appended, turns, UNKNOWN_COUNT, LEAST_ITEM)


def _sends(ctx, func) -> list[ast.Call]:
    """The `x.put(item)` and `x.send(item)` calls in `func`."""
    key = ("sends", func)
    if key not in ctx.memo:
        ctx.memo[key] = [node for node in ctx.nodes_of(func) if isinstance(node, ast.Call) and node.args
                         and isinstance(node.func, ast.Attribute) and node.func.attr in ("put", "send")]
    return ctx.memo[key]


def trip_count(ctx, node, func, bounds=None, fed=None):
    """How many times `node` runs: 1 outside loops, the product of constant `range(N)` trip counts
    inside them, None when some enclosing loop's count is unknown. `fed(loop)`: the turns of a worker's
    loop that takes one item per turn from a queue the parent fills (rules/consumer_loops)."""
    trips, node = 1, ctx.parents.get(node)
    while node is not None and node is not func:
        if isinstance(node, (ast.For, ast.comprehension)):
            count = _range_length(node.iter, bounds)
            if count is None and fed is not None and isinstance(node, ast.For):
                count = fed(node)
            if count is None:
                return None
            trips *= count
        elif isinstance(node, ast.While):
            count = fed(node) if fed is not None else None
            if count is None:
                return None
            trips *= count
        node = ctx.parents.get(node)
    return trips


def _range_length(expr, known=None):
    """The length of `range(...)` with constant bounds (a name in `known` stands for its constant: an
    int, or a constant node), or of a literal collection; None if not known."""
    if isinstance(expr, ast.Call) and getattr(expr.func, "id", None) == "range" and expr.args:
        bounds = [_int_of(a, known) for a in expr.args]
        return max(0, len(range(*bounds))) if all(type(b) is int for b in bounds) else None
    if isinstance(expr, (ast.List, ast.Tuple, ast.Set)):
        return len(expr.elts)
    return None


def _int_of(arg, known):
    if isinstance(arg, ast.Attribute) and isinstance(arg.value, ast.Name) and known \
            and type(known.get(arg.value.id)) is Fields:
        arg = known[arg.value.id].get(arg.attr)  # `job.repeat` of a dataclass instance the process is given
    if isinstance(arg, ast.Subscript) and isinstance(arg.value, ast.Name) and known \
            and type(known.get(arg.value.id)) is dict and isinstance(arg.slice, ast.Constant):
        arg = known[arg.value.id].get(arg.slice.value)  # `spec["limit"]` of a dict the process is given
    if isinstance(arg, ast.Name) and known and arg.id in known:
        arg = known[arg.id]
    if isinstance(arg, ast.Constant) and type(arg.value) is int:
        return arg.value
    return arg if type(arg) is int else None


PIPE_BUFFER = 64 * 1024  # Linux's default pipe size: a writer blocks once more than this is unread
SOCKET_BUFFER = 212_992  # a duplex Pipe's socketpair on Linux (net.core.wmem_default): buffer_of


def _range_targets(ctx, node, func) -> frozenset:
    """The names that hold an int where `node` runs: the target of each `for name in range(...)` around it
    (a statement or a comprehension) that nothing in the loop binds again."""
    names, parent = set(), ctx.parents.get(node)
    while parent is not None and parent is not func:
        if isinstance(parent, (ast.For, ast.comprehension)) and isinstance(parent.target, ast.Name) \
                and _is_range(parent.iter) and not _rebinds(ctx, parent, parent.target.id):
            names.add(parent.target.id)
        parent = ctx.parents.get(parent)
    return frozenset(names)


def _is_range(expr) -> bool:
    return isinstance(expr, ast.Call) and getattr(expr.func, "id", None) == "range" and not expr.keywords


def _rebinds(ctx, loop, name: str) -> bool:
    """Does anything inside `loop` (a `for` statement; a comprehension binds only its target) store `name`
    besides its target? Once per loop."""
    if isinstance(loop, ast.comprehension):
        return False
    key = ("loop stores", loop)
    if key not in ctx.memo:
        ctx.memo[key] = {n.id for stmt in (*loop.body, *loop.orelse) for n in ast.walk(stmt)
                         if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)}
    return name in ctx.memo[key]


def _turn_names(ctx, node, func) -> frozenset:
    """The names bound anew on each turn of the loops around `node`: their targets and what their bodies
    assign."""
    names, parent = set(), ctx.parents.get(node)
    while parent is not None and parent is not func:
        if isinstance(parent, (ast.For, ast.AsyncFor, ast.While, ast.comprehension)):
            if not isinstance(parent, ast.While):
                names |= {n.id for n in ast.walk(parent.target) if isinstance(n, ast.Name)}
            if not isinstance(parent, ast.comprehension):
                _rebinds(ctx, parent, "")
                names |= ctx.memo[("loop stores", parent)]
        parent = ctx.parents.get(parent)
    return frozenset(names)


def _assigned_once(ctx, func) -> dict:
    """Names a function assigns exactly once, with their expressions (to size what it sends). Once per
    function and analysis (shared: do not change it)."""
    known = ctx.memo.setdefault("assigned once", {})
    if func in known:
        return known[func]
    seen: dict = {}
    for node in ctx.nodes_of(func):
        if type(node) is ast.Assign and len(node.targets) == 1 and type(node.targets[0]) is ast.Name:
            name = node.targets[0].id
            seen[name] = None if name in seen else node.value
    known[func] = out = {name: value for name, value in seen.items() if value is not None}
    return out


def _sized_bindings(ctx, func) -> dict:
    """`_assigned_once`, and the names a `try` body binds once and only its `except` clauses bind again, with
    the try body's expression: the value sent whenever nothing raised (semantic/local_values.value_unless_raised;
    the clause's fallback, an error report, is what a failed run sends). A new dict."""
    key = ("sized bindings", func)
    if key not in ctx.memo:
        out = dict(_assigned_once(ctx, func))
        again = {n.targets[0].id for n in ctx.nodes_of(func) if type(n) is ast.Assign and len(n.targets) == 1
                 and type(n.targets[0]) is ast.Name} - out.keys()
        for name in sorted(again) if any(type(n) is ast.Try for n in ctx.nodes_of(func)) else ():
            value = value_unless_raised(func, name)
            if value is not None:
                out[name] = value
        ctx.memo[key] = out
    return dict(ctx.memo[key])


# Modules whose dumps() writes pickle's own opcodes (msgpack, marshal and others write other formats: not sized)
PICKLERS = frozenset({"pickle", "cloudpickle", "dill", "_pickle"})


def _made_text_size(call, assigned, lengths) -> int | None:
    """The least characters of the text `str(x)`, `repr(x)`, `json.dumps(x)` or `sep.join(items)` makes
    (rules/text_sizes), `x` looked up once when the function binds it once; None when `call` makes no such text."""
    def bound(arg):
        value = assigned.get(arg.id) if isinstance(arg, ast.Name) and assigned else None
        return value if isinstance(value, ast.AST) else arg

    def count(comprehension):
        return _made_count(comprehension, assigned, lengths)
    if isinstance(call.func, ast.Attribute) and call.func.attr == "join" and len(call.args) == 1:
        return joined_size(ast.Call(call.func, [bound(call.args[0])], call.keywords), count)
    separator = dumped_separator(call)
    if separator is not None:
        return text_size(bound(call.args[0]), True, count, separator)
    name = getattr(call.func, "id", None)
    if name in ("str", "repr") and len(call.args) == 1 and not call.keywords:
        return text_size(ast.Call(call.func, [bound(call.args[0])], []), False, count)
    return None


def _made_count(comprehension, assigned, lengths) -> int | None:
    """How many items a comprehension surely makes (before a set or dict drops repeated ones): the known length of
    what its one `for` iterates, without a filter, or the product for several (`_nested_count`)."""
    generators = comprehension.generators
    if len(generators) > 1:
        return _nested_count(generators, assigned, lengths)
    if generators[0].ifs or generators[0].is_async:
        return None
    count = _range_length(generators[0].iter, assigned)
    return count if count is not None or lengths is None else lengths(generators[0].iter)


def estimated_size(expr, assigned=None, depth: int = 0, returns=None, lengths=None, filled=None, items=None,
                   made=None):
    """Pickled size of an expression when the code makes it plain, else None. Inside a container the
    parts it cannot size count as nothing, so the answer is a lower bound: only evidence counts.
    `returns(call)`: the size of what a call of a function of this module returns (None: not known);
    `lengths(iterable)`: how many items a comprehension's iterable gives (rules/payload_lengths);
    `filled(name)`: the size of a list the sender fills with appends before it sends it (rules/filled_lists);
    `items(iterable)`: the least bytes pickle writes for each item a generator function of the module yields
    (rules/payload_lengths), None for any other iterable; `made(iterable)`: the expression that made each item
    of a list the process was given (rules/payload_lengths.iterated_item), None when not known."""
    if depth > 8:
        return None
    if filled is not None and isinstance(expr, ast.Name):
        size = filled(expr.id)
        if size is not None:
            return size
    if returns is not None and isinstance(expr, ast.Call):
        size = returns(expr)
        if size is not None:
            return size
    if isinstance(expr, ast.Name) and assigned and expr.id in assigned:
        # a chain of names, each bound once (`output = "\\n".join(lines)` of `lines = [...]`), without the name
        # itself (`x = x + "."` reads another x); the integers the process is given still bound `range(n)` there
        given = {k: v for k, v in assigned.items() if k != expr.id}
        return estimated_size(assigned[expr.id], given, depth + 1, returns, lengths=lengths, items=items,
                              made=made) if isinstance(assigned[expr.id], ast.AST) else None
    if isinstance(expr, ast.Call):
        text = _made_text_size(expr, assigned, lengths)
        if text is not None:  # `"\n".join(rows)`, `json.dumps(report)`: text, every item written in full
            return text or None
    if isinstance(expr, ast.Dict):
        parts = _display_parts([p for p in (*expr.keys, *expr.values) if p is not None], assigned, depth, returns,
                               lengths, filled, items, made)
        return sum(p or 0 for p in parts) if any(p is not None for p in parts) else None
    if isinstance(expr, ast.Call) and len(expr.args) == 1 and getattr(expr.func, "attr", None) == "dumps" \
            and getattr(expr.func.value, "id", None) in PICKLERS:
        return estimated_size(expr.args[0], assigned, depth + 1)  # (pickle.dumps: at least what pickle writes)
    if isinstance(expr, ast.Constant):
        return constant_size(expr.value)
    if isinstance(expr, ast.JoinedStr):
        return made_text(expr)  # (its literal characters at least)
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Mod) and isinstance(expr.left, ast.Constant) \
            and isinstance(expr.left.value, str):
        # `"row-%d-" % i`: at least the text around the conversions (each makes one character or more)
        text = expr.left.value
        return max(0, len(text) - text.count("%"))
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add) and (is_text(expr.left) or is_text(expr.right)):
        # `header + "x" * 20000`: text joined to text is at least as long as the parts it can size
        parts = [estimated_size(part, assigned, depth + 1) for part in (expr.left, expr.right)]
        return sum(p or 0 for p in parts) if any(p is not None for p in parts) else None
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Mult):
        for item, count in ((expr.left, expr.right), (expr.right, expr.left)):
            if isinstance(count, ast.Constant) and type(count.value) is int:
                size = estimated_size(item)
                if size is None or count.value < 1:
                    return None
                if not is_text(item):  # `[row] * 100`: the same items again, each a memo reference (or an int)
                    return size + (count.value - 1) * _repeated_size(item)
                return size * count.value
        return None
    if isinstance(expr, (ast.Tuple, ast.List)):
        sizes = _display_parts(expr.elts, assigned, depth, returns, lengths, filled, items, made)
        return sum(p or 0 for p in sizes) if any(p is not None for p in sizes) else None
    if isinstance(expr, ast.Call) and getattr(expr.func, "id", None) in ("list", "tuple", "bytes", "bytearray") \
            and expr.args:
        inner = expr.args[0]
        values = _range_of(inner)
        if values is not None:  # a byte each in bytes; an int each in a list, by its size
            return len(values) if expr.func.id in ("bytes", "bytearray") else range_ints_size(values)
        if isinstance(inner, (ast.List, ast.Tuple, ast.Set)):
            return estimated_size(inner)
        each = items(inner) if items is not None and getattr(expr.func, "id", None) in ("list", "tuple") else None
        if each is not None:  # `list(cells(200, 100))`: as many items as the generator yields, each as it yields it
            count = lengths(inner) if lengths is not None else None
            return count * each if count is not None else None
        if isinstance(inner, ast.Constant) and isinstance(inner.value, int):
            return inner.value
        return estimated_size(inner)
    if isinstance(expr, (ast.ListComp, ast.GeneratorExp, ast.SetComp, ast.DictComp)):
        return _comprehension_size(expr, assigned, depth, lengths, items, made)
    return None


def _display_parts(parts, assigned, depth, returns, lengths, filled, items, made) -> list:
    """The sizes of the parts of one display: a name (or a folded constant) it shows again is the same
    object, a memo reference (or an object pickle writes in a byte) after the first."""
    seen, sizes = set(), []
    for part in parts:
        # (ast.unparse, not ast.dump: dump's nested function leaves a reference cycle per call)
        key = part.id if isinstance(part, ast.Name) else (("folded", ast.unparse(part)) if folded(part) else None)
        if key is not None and key in seen:
            sizes.append(LEAST_ITEM)
            continue
        seen.add(key)
        sizes.append(estimated_size(part, assigned, depth + 1, returns, lengths, filled, items, made))
    return sizes


def _repeated_size(item) -> int:
    """What pickle writes for the items of a display once more (`[a, b] * 3`): a memo reference for what it
    memoises, an int or float in full, a byte for anything else."""
    if isinstance(item, (ast.List, ast.Tuple)) and not any(isinstance(e, ast.Starred) for e in item.elts):
        return sum(constant_size(e.value) if isinstance(e, ast.Constant) and not isinstance(e.value, (str, bytes))
                   else LEAST_ITEM for e in item.elts)
    return 0


def _range_of(expr) -> range | None:
    """The values of `range(...)` with constant int bounds."""
    if isinstance(expr, ast.Call) and getattr(expr.func, "id", None) == "range" and expr.args and not expr.keywords:
        bounds = [_int_of(a, None) for a in expr.args]
        if all(type(b) is int for b in bounds) and (len(bounds) < 3 or bounds[2] != 0):
            return range(*bounds)
    return None


def _comprehension_size(expr, assigned, depth, lengths, items, made=None) -> int | None:
    """The least bytes pickle writes for what a comprehension makes: its items times the least each turn writes
    (rules/pickled_items: a constant or a name bound outside is the same object every turn, a memo reference
    after the first; a target of `range` an int); a set or dict counts one item unless its items are surely
    distinct (the target of a `range`)."""
    generator = expr.generators[0]
    listed = isinstance(expr, (ast.ListComp, ast.GeneratorExp))  # (a set or dict drops repeated items)
    if len(expr.generators) > 1:
        count = _nested_count(expr.generators, assigned, lengths) if listed else None
    else:
        count = _range_length(generator.iter, assigned) if not generator.ifs else None  # (a filter may drop any)
        if count is None and lengths is not None and not generator.ifs:
            count = lengths(generator.iter)
        if count is None:
            # as many items as a loop of unknown length makes: judged like puts in such a loop (`trip_count`)
            return UNKNOWN_COUNT if _counts_items(generator.iter) and not generator.ifs else None
    if count is None:
        return None
    bound = [n.id for g in expr.generators for n in ast.walk(g.target) if isinstance(n, ast.Name)]
    targets = frozenset(bound)
    ints = frozenset(g.target.id for g in expr.generators if isinstance(g.target, ast.Name) and _is_range(g.iter)
                     and bound.count(g.target.id) == 1)
    inner = _split_lengths(expr.generators, made, lengths)
    fresh = lambda e: estimated_size(e, None, depth + 1, lengths=inner) if made_per_turn(e, targets) else None  # noqa: E731
    elt = expr.value if type(expr) is ast.DictComp else expr.elt
    item = item_size(elt, ints=ints, fresh=fresh)
    values = _range_of(generator.iter) if len(expr.generators) == 1 and not generator.ifs else None
    if listed and values is not None and isinstance(elt, ast.Name) and elt.id in ints:
        return range_ints_size(values) + min(count, 2)  # (`[x for x in range(2000)]`: each int by its size)
    if isinstance(elt, ast.Name) and items is not None and len(expr.generators) == 1 \
            and isinstance(generator.target, ast.Name) and elt.id == generator.target.id:
        yielded = items(generator.iter)  # (the items a generator function yields, as they are)
        item = max(item, yielded or 0)
    if not listed:
        key = expr.key if type(expr) is ast.DictComp else expr.elt
        if not (len(expr.generators) == 1 and isinstance(key, ast.Name) and key.id in ints):
            count = min(count, 1)  # (its items may all be equal: one is left)
        if type(expr) is ast.DictComp:
            item += item_size(expr.key, ints=ints, fresh=fresh)
    # (and MARK with APPENDS or SETITEMS or ADDITEMS for two items or more, APPEND or SETITEM for one)
    return count * item + min(count, 2)


def _split_lengths(generators, made, lengths):
    """How many items an iterable of a nested comprehension gives: `line.split()` where `line` is an item of a
    list the process was given, made by known text (`"tok%d %d word" % ...`: three words at least,
    rules/pickled_items.least_words); else as `lengths` says."""
    texts = {}
    for generator in generators if made is not None else ():
        iterable, target = generator.iter, generator.target
        if isinstance(iterable, ast.Call) and getattr(iterable.func, "id", None) == "enumerate" \
                and len(iterable.args) == 1 and not iterable.keywords and isinstance(target, ast.Tuple) \
                and len(target.elts) == 2:
            iterable, target = iterable.args[0], target.elts[1]
        item = made(iterable) if isinstance(target, ast.Name) else None
        if item is not None:
            texts[target.id] = item

    def count(iterable):
        if isinstance(iterable, ast.Call) and isinstance(iterable.func, ast.Attribute) \
                and iterable.func.attr == "split" and not iterable.args and not iterable.keywords \
                and isinstance(iterable.func.value, ast.Name) and iterable.func.value.id in texts:
            return least_words(texts[iterable.func.value.id])
        return lengths(iterable) if lengths is not None else None
    return count


def _nested_count(generators, assigned, lengths) -> int | None:
    """The items of `[... for r in rules for i in range(400)]`: the product of each `for`'s known length, when
    no `for` filters and none iterates what an earlier one binds (`for row in rows for x in row`)."""
    count, bound = 1, set()
    for generator in generators:
        if generator.ifs or generator.is_async or any(isinstance(n, ast.Name) and n.id in bound
                                                      for n in ast.walk(generator.iter)):
            return None
        length = _range_length(generator.iter, assigned)
        if length is None and lengths is not None:
            length = lengths(generator.iter)
        if length is None:
            return None
        count *= length
        bound |= {n.id for n in ast.walk(generator.target) if isinstance(n, ast.Name)}
    return count


UNKNOWN_COUNT = 1 << 20  # a collection of unknown length: more than any pipe or socket buffer holds


def _returned_size(ctx, sender, call: ast.Call, creation, bounds=None):
    """The size of what `call` returns, when it calls a function of this module (by its name, or a
    parameter of the child's target that the Process was given it through) or one another project module
    defines (`from jobs import run_job`): the smallest of its `return` values, with its parameters bound to
    the constants the call passes, or to what `bounds` knows of a parameter of the sender the call passes on
    (the integers and dataclass fields the process is given: `run_job(job)` then `range(job.repeat)`); others
    unknown (`range(n)` of an unknown n counts as a loop of unknown length, as in the child itself)."""
    callee, local_def = _called_function(ctx, sender, call.func, creation)
    if callee is None or callee.args.vararg is not None or call.keywords:
        return None
    params = [a.arg for a in callee.args.args]
    starred = any(isinstance(a, ast.Starred) for a in call.args)
    known = {} if starred else {p: a for p, a in zip(params, call.args) if isinstance(a, ast.Constant)}
    if not starred and bounds:  # a parameter of the sender passed on as it is
        known.update((p, bounds[a.id]) for p, a in zip(params, call.args)
                     if isinstance(a, ast.Name) and a.id in bounds and not _rebound_in(ctx, sender, a.id))
    if not starred:  # defaults the call leaves alone
        for p, d in zip(params[len(params) - len(callee.args.defaults):], callee.args.defaults):
            if isinstance(d, ast.Constant) and params.index(p) >= len(call.args):
                known[p] = d
    key = ("returned size", callee, tuple((p, _frozen(a)) for p, a in known.items()))
    if key in ctx.memo:
        return ctx.memo[key]
    ctx.memo[key] = None  # a function that calls itself: not sized
    returned = [n.value for n in own_nodes(callee) if isinstance(n, ast.Return)]
    local = _sized_bindings(ctx, callee) if local_def else _foreign_bindings(callee)
    sizes = [estimated_size(r, {**local, **known}) if r is not None else 0 for r in returned]
    size = min(sizes) if sizes and all(s is not None for s in sizes) else None
    ctx.memo[key] = size
    return size


def _frozen(value):
    """A hashable stand-in for what a parameter is bound to (a constant node, an int, a dict of them)."""
    if isinstance(value, dict):
        return (type(value).__name__, tuple(sorted((str(k), _frozen(v)) for k, v in value.items())))
    return value.value if isinstance(value, ast.Constant) else value


def _rebound_in(ctx, func, name: str) -> bool:
    """Does `func` bind `name` (one of its parameters) again anywhere?"""
    return any(isinstance(n, ast.Name) and n.id == name and not isinstance(n.ctx, ast.Load) for n in ctx.nodes_of(func))


def _foreign_bindings(func) -> dict:
    """`_sized_bindings` of a function of another module, read from its own tree (no flow walk ran there):
    the names it binds once with a plain assignment, or in a `try` body and its `except` clauses."""
    known = getattr(func, "_mpguard_sized_bindings", None)
    if known is None:
        names = {t.id for n in own_nodes(func) if type(n) is ast.Assign for t in n.targets if type(t) is ast.Name}
        known = {}
        for name in sorted(names):
            value = value_unless_raised(func, name)
            if value is not None:
                known[name] = value
        try:
            func._mpguard_sized_bindings = known  # (syntax trees are never changed once parsed)
        except AttributeError:
            pass
    return dict(known)


def _called_function(ctx, sender, func_expr, creation) -> tuple:
    """(the def, whether it is this module's) that `func_expr` names in `sender`: a module-level function, a
    parameter of `sender` given a function in the Process's arguments, or a function another project module
    defines that this module imports; (None, False) when unknown."""
    if not isinstance(func_expr, ast.Name):
        return None, False
    params = [a.arg for a in sender.args.args]
    if func_expr.id in params:
        index = params.index(func_expr.id)
        if creation is None or index >= len(creation.args):
            return None, False
        value = ctx.flow.resolve(creation.args[index][1])
    else:
        value = ctx.facts.module_env.get(func_expr.id)
    if type(value) is V.ModuleRef and ctx.resolver is not None and not _rebound_in(ctx, sender, func_expr.id):
        definition = ctx.resolver.definition(value.qualified)
        return (definition, False) if type(definition) is ast.FunctionDef else (None, False)
    if type(value) is not V.Callable or value.kind != "module" or type(value.definition) is not ast.FunctionDef:
        return None, False
    return value.definition, True


def _counts_items(iterable) -> bool:
    """`range(lo, hi)` with bounds not known here: a count of items, not a small fixed collection."""
    return isinstance(iterable, ast.Call) and getattr(iterable.func, "id", None) == "range" and bool(iterable.args)


def _pool_exit(ctx) -> None:
    exits = {id(e.node): e for e in ctx.facts.effects_of("with-exit")}
    submits_of: dict[int, list] = {}
    joins_of: dict[int, list] = {}
    for submit in ctx.facts.submits:
        submits_of.setdefault(id(submit.pool), []).append(submit)
    for op in ctx.facts.ops:
        if op.name == "join":
            joins_of.setdefault(id(op.obj), []).append(op)
    for effect in ctx.facts.effects_of("with"):
        pool = effect.detail
        if pool.kind != "Pool":
            continue
        inside = [s for s in submits_of.get(id(pool), ()) if any(w is effect.node for w, _ in s.where.pools)]
        joined = [op for op in joins_of.get(id(pool), ()) if any(w is effect.node for w, _ in op.where.pools)]
        for submit in inside:
            if submit.method_name not in ASYNC_POOL_METHODS or any(j.where.order > submit.where.order for j in joined):
                continue
            if submit.result_used == "discarded" or (isinstance(submit.result_used, tuple)
                                                     and not _read_later(ctx, effect.node, submit)):
                ctx.report("MP411", submit.node, f"the result of `{submit.method_name}` is never waited for inside "
                           "the with block; Pool.__exit__ calls terminate() and the pending work is lost",
                           ALL_METHODS, fix=fetch_results_fix(ctx, effect.node, submit))
        _queue_writers(ctx, effect, exits.get(id(effect.node)), inside)
    _terminated(ctx, submits_of)


def _terminated(ctx, submits_of) -> None:
    """`it = pool.imap(f, items)`, then `pool.terminate()` in the same function before anything reads `it`:
    terminate() stops the workers at once and the pending results never come (python-a-fondo #1; the
    with-block form is the same through Pool.__exit__). A join or a close before the terminate waits."""
    for op in ctx.facts.ops:
        if op.name != "terminate" or op.obj.kind != "Pool":
            continue
        waited = [o for o in ctx.facts.ops if o.obj is op.obj and o.name in ("join", "close")
                  and o.where.function is op.where.function and o.where.order < op.where.order]
        for submit in submits_of.get(id(op.obj), ()):
            if submit.method_name not in ASYNC_POOL_METHODS or submit.where.function is not op.where.function \
                    or submit.where.order > op.where.order or any(w.where.order > submit.where.order for w in waited) \
                    or ctx.exclusive(submit.node, op.node):
                continue  # (parmap: terminate() in the `except:` of the try that submits: never both)
            # Only results someone reads after the terminate: work nobody reads back may be stopped on purpose
            # (multiprocess's example of terminate() on ten pending sleeps)
            if isinstance(submit.result_used, tuple) and not _read_between(ctx, submit, op.node) \
                    and _read_between(ctx, submit, op.node, after=True):
                ctx.report("MP411", submit.node, f"the result of `{submit.method_name}` is not waited for before "
                           f"terminate() on line {op.node.lineno}, which stops the workers at once: the pending "
                           "work is lost", ALL_METHODS)


def _read_between(ctx, submit, end, after: bool = False) -> bool:
    """Is the name or attribute the result was kept in read after the submit and before `end` (`after`:
    after `end`, in the same function)?"""
    kind, name, *store = submit.result_used
    positions = [(load.node.lineno, load.node.col_offset) for load in ctx.index.loads_of(name)] if kind == "name" \
        else [(n.lineno, n.col_offset) for n in nodes_in(ctx.enclosing_function(submit.node) or ctx.tree)
              if isinstance(n, ast.Attribute) and n.attr == name and isinstance(n.ctx, ast.Load)]
    first, last = (submit.node.end_lineno, submit.node.end_col_offset), (end.lineno, end.col_offset)
    if after:
        scope = ctx.enclosing_function(submit.node) or ctx.tree
        first, last = (end.end_lineno, end.end_col_offset), (scope.end_lineno or 10**9, 10**9)
    return any(first <= p < last and (not store or p != store[0]) for p in positions)


def _read_later(ctx, with_node, submit) -> bool:
    """Is the result read in the with block, at or after the row that asked for it? (The reads come from
    the index: the block's statements run from its first statement to the end of the `with`.) A submit in a
    function the block calls (signac-flow's `_run_operations_in_parallel(pool, ...)`) is read inside the block
    when that function reads it after the submit: the call returns before the block ends."""
    kind, name, *store = submit.result_used
    span = with_node
    if not _encloses(with_node, submit.node):  # (the submit's `where` is the caller's, inside the block)
        span = ctx.parents.get(submit.node)
        while span is not None and not isinstance(span, (ast.FunctionDef, ast.AsyncFunctionDef)):
            span = ctx.parents.get(span)
        if span is None:
            return False
    key = ("read positions", kind, name, id(span) if kind == "attr" else None)
    if key not in ctx.memo and kind == "attr":  # `self.pending[key] = ...`: reads of `<anything>.pending`
        ctx.memo[key] = sorted((n.lineno, n.col_offset) for n in nodes_in(span)
                               if isinstance(n, ast.Attribute) and n.attr == name and isinstance(n.ctx, ast.Load))
    elif key not in ctx.memo:
        ctx.memo[key] = sorted((load.node.lineno, load.node.col_offset) for load in ctx.index.loads_of(name))
    positions = ctx.memo[key]
    if span is not with_node:  # `return results` hands them back to the caller, which may read them after the block
        handed = {(n.value.lineno, n.value.col_offset) for n in nodes_in(span) if isinstance(n, ast.Return)
                  and n.value is not None}
        positions = [p for p in positions if p not in handed]
    if store:  # `pending[key] = pool.apply_async(...)`: the store's own `pending` is not a read
        positions = [p for p in positions if p != store[0]]
    first = max((span.body[0].lineno, span.body[0].col_offset), (submit.node.lineno, -1))
    last = (span.end_lineno, span.end_col_offset)
    at = bisect_left(positions, first)
    return at < len(positions) and positions[at] <= last


def _encloses(outer, node) -> bool:
    """Does `outer` span `node`'s position in the source?"""
    return (outer.lineno, outer.col_offset) <= (node.lineno, node.col_offset) \
        and (node.end_lineno, node.end_col_offset) <= (outer.end_lineno, outer.end_col_offset)


def _queue_writers(ctx, effect, exit_effect, inside) -> None:
    creation = creation_of(ctx, effect.detail)
    if creation is None or exit_effect is None or not inside:
        return
    queues = [v for _, v in creation.initargs if isinstance(v, V.MPObject) and v.kind in ("Queue", "SimpleQueue")]
    for queue in queues:
        reads = [op for op in ctx.facts.ops if op.obj is queue and op.name in ("get", "get_nowait")]
        if reads and all(r.where.order > exit_effect.where.order for r in reads):
            ctx.report("MP412", inside[0].node, "the workers write to a queue that is read only after the with block; "
                       "Pool.__exit__ terminates them, possibly mid-write, and get() then waits forever", ALL_METHODS)
            return


def spawn_sites(ctx) -> tuple[dict, dict]:
    """(function -> the calls in it that start a process, id(call) -> where a helper of another module
    it calls starts them). Shared with rules/servers.py (celery tasks)."""
    if "spawn sites" in ctx.memo:
        return ctx.memo["spawn sites"]
    used = {id(s.pool) for s in ctx.facts.submits}
    spawns: dict = {}  # function -> the calls in it that start a process
    # (not billiard's Pool or Process, which a daemonic process may start: rules/daemon_children)
    # (nor a start whose AssertionError its function catches: surya PR #182's thread-pool fallback; an executor
    # starts its processes at a submit, so the submits in the `try` count too)
    uncaught = {id(s.pool) for s in ctx.facts.submits if not refusal_caught(ctx, s.node)}
    for start in ctx.facts.starts:
        if start.obj.kind == "Process" and not allowed_object(start.obj) and not refusal_caught(ctx, start.node):
            spawns.setdefault(start.where.function, []).append(start.node)
    for creation in ctx.facts.creations:
        if (creation.kind in ("Pool", "Manager") or (creation.kind == "Executor" and id(creation.value) in used)) \
                and not allowed_object(creation.value) and not refusal_caught(ctx, creation.node) \
                and (creation.kind != "Executor" or id(creation.value) in uncaught):
            spawns.setdefault(creation.where.function, []).append(creation.node)
    elsewhere = {}  # id(call) -> where in the other module the helper starts processes
    for call, qualified, _args, _kwargs, where in ctx.facts.project_calls:
        if imported_refused(ctx, qualified, call) and not refusal_caught(ctx, call):
            spawns.setdefault(where.function, []).append(call)
            summary, name = function_summary(ctx.resolver, qualified)
            elsewhere[id(call)] = spawn_related(ctx.resolver, summary, name, "the helper starts processes here")
    ctx.memo["spawn sites"] = spawns, elsewhere
    return spawns, elsewhere


def explicit_methods(ctx) -> dict:
    """id(call) -> (start method, elsewhere) the code chose for the process or pool it starts there
    (`get_context("fork").Pool()`, `ProcessPoolExecutor(mp_context=...)`). A daemonic worker refuses
    children under every start method; but where the chosen one does not exist (fork and forkserver on
    Windows) the call stops first with a ValueError, as the stdlib rules say (`RuleContext.breaks`)."""
    out = {id(c.node): (c.method, c.value.elsewhere) for c in ctx.facts.creations}
    out.update((id(s.node), (s.obj.method, s.obj.elsewhere)) for s in ctx.facts.starts)
    return out


def _task_may_spawn(ctx, child) -> bool:
    """May a Pool task, called as the submit's arguments say (semantic/param_guards.task_call), reach a
    start of processes? `starmap(gap, [(data, k, 1) for k in ks])` of `def gap(data, k, n_jobs): if n_jobs
    != 1: Pool(n_jobs)` does not: every call passes 1. Unknown arguments may be anything (yes)."""
    submit = child.spawner
    if child.role != "task" or not isinstance(child.definition, (ast.FunctionDef, ast.AsyncFunctionDef)) \
            or not isinstance(getattr(submit, "node", None), ast.Call):
        return True
    call = task_call(getattr(submit, "method_name", ""), submit.node)
    if call is None:
        return True
    records = item_records(ctx, submit) if len(call.args) == 1 and not call.keywords else None
    if not records and len(call.args) == 1 and not call.keywords:
        # `pool.map(build, [(tid, srcs, 1) for ...])`: each item a tuple display, which the task may unpack
        items = tuple_items(submit)
        records = items if items and all(isinstance(i, ast.Tuple) for i in items) else None
    if records:  # `pool.map(run_test, tests)`: each item's literal fields, one call of the task per item
        return any(ctx.spawns_when_called(child.definition, ast.Call(func=call.func, args=[r], keywords=[]))
                   for r in records)
    return ctx.spawns_when_called(child.definition, call)


def tuple_items(submit) -> list | None:
    """The item expressions a `map`-like submit hands its task (semantic/record_fields.pool_items)."""
    node = submit.node
    if getattr(submit, "method_name", "") not in ("map", "map_async", "imap", "imap_unordered") \
            or len(node.args) != 2:
        return None
    return pool_items(submit.where.function, node.args[1])


def _position(node) -> tuple:
    return (node.lineno, node.col_offset) if node is not None else (0, 0)


def _first_spawn(ctx, spawns: dict, func):
    """Where `func` starts processes: its first start in the text, else the first of the functions of this module
    it calls on the way (`LungModel().report(...)` reaching `lungseg.apply_fused(...)` in `segment`: lungmask #47),
    nearest first; None when none is found."""
    todo, seen = [func], set()
    while todo and len(seen) < 64:
        current = todo.pop(0)
        if current in seen:
            continue
        seen.add(current)
        if spawns.get(current):
            return min(spawns[current], key=_position)
        todo.extend(c for c in ctx.callees(current) if c in ctx.spawning_functions and c not in seen)
    return None


def _daemon_children(ctx) -> None:
    spawns, elsewhere = spawn_sites(ctx)
    reported = set()
    # a function handed to another module's helper that runs it in a daemonic process (rules/daemon_handover)
    # (where the function starts processes: its first start in the text, `Manager()` before the helpers it feeds)
    first_spawn = lambda func: _first_spawn(ctx, spawns, func)  # noqa: E731
    daemon_handovers(ctx, reported, first_spawn, lambda f: handled_in_daemon(ctx, f))
    daemon_decorations(ctx, reported, first_spawn, lambda f: handled_in_daemon(ctx, f))
    if ctx.resolver is not None:  # a Pool task of another project module that starts processes itself
        for submit in ctx.facts.submits:
            if V.daemonic_pool(submit.pool) and imported_spawner(ctx, submit.func) \
                    and imported_refused(ctx, submit.func.qualified):
                reported.add(id(submit.node))
                summary, name = function_summary(ctx.resolver, submit.func.qualified)
                ctx.report("MP413", submit.node, f"the task {submit.func.qualified}() starts processes, and it runs "
                           "in a Pool worker, which may not start child processes: AssertionError: daemonic "
                           "processes are not allowed to have children", ALL_METHODS,
                           related_file=spawn_related(ctx.resolver, summary, name, "the task starts processes here"))
        _imported_daemon_targets(ctx, reported)
    task_module_starts(ctx, reported)  # a task of a module whose import starts processes (parallelbar #4)
    chosen = explicit_methods(ctx)
    for func, children in ctx.child_functions.items():
        if func not in spawns:  # (first: the spawning functions below are a model of the whole module)
            continue
        # (a child whose task reaches `func` only by calls that skip its start, `open_bam(path)` of `def
        # open_bam(path, stats=False): if stats: Pool()`, starts nothing: its task is no spawning function)
        # (nor one that reaches `func` only through calls whose handler handles the refusal: `refusal_reach`)
        daemonic = [c for c in children if c.daemonic
                    and (c.definition is None or c.definition in ctx.spawning_functions
                         and func in refusal_reach(ctx, c.definition))
                    and _task_may_spawn(ctx, c)]
        if not daemonic or func not in spawns or _checks_daemon(func, ctx):
            continue
        label = "a Pool worker" if any(c.role != "target" for c in daemonic) else "a daemonic process"
        library = next((c.spawner.pool.boundary.library for c in daemonic if c.role == "task"
                        and getattr(c.spawner.pool, "boundary", None) is not None), None)
        if library is not None:  # mpire's WorkerPool: daemonic workers unless daemon=False
            label = f"a worker of {library}'s pool (daemonic)"
        for node in spawns[func]:
            if id(node) not in reported:
                reported.add(id(node))
                ctx.report("MP413", node, f"this runs in {label}, which may not start child processes: "
                           "AssertionError: daemonic processes are not allowed to have children",
                           ctx.under_every_method(*chosen.get(id(node), (None, None))),
                           related_file=elsewhere.get(id(node)),
                           fix=thread_pool_fix(ctx, node) if id(node) not in elsewhere else None)
    # a daemonic child's task runs inside its decorator's wrapper (`@traced` starting a saver Process)
    decorated_daemon_children(ctx, spawns, reported, chosen, lambda f: _checks_daemon(f, ctx),
                              lambda node: thread_pool_fix(ctx, node) if id(node) not in elsewhere else None)
    imported_decorated_daemon_children(ctx, reported, chosen)


def _imported_daemon_targets(ctx, reported: set) -> None:
    """A daemonic Process whose target is a function of another project module that starts processes, itself
    or through the modules it calls (OpenWPM PR #263: `Process(target=BrowserManager)` with `daemon = True`, and
    BrowserManager starts the extension's socket server process of a third module). Reported at the Process."""
    for creation in ctx.facts.creations:
        target = creation.target
        if creation.kind != "Process" or not creation.value.daemon or creation.value.subclass is not None \
                or id(creation.node) in reported or not imported_spawner(ctx, target) \
                or not imported_refused(ctx, target.qualified):
            continue
        reported.add(id(creation.node))
        summary, name = function_summary(ctx.resolver, target.qualified)
        ctx.report("MP413", creation.node, f"the target {target.qualified}() starts processes, and it runs in a "
                   "daemonic process, which may not start child processes: AssertionError: daemonic processes are "
                   "not allowed to have children", ALL_METHODS,
                   related_file=spawn_related(ctx.resolver, summary, name, "the target starts processes here"))
