"""MP2xx: what must be pickled to reach a child, and what pickle refuses."""
from __future__ import annotations

import ast

from mpguard.semantic import errors, values as V
from mpguard.semantic.configured_objects import default_context_queue
from mpguard.semantic.index import nodes_in
from mpguard.semantic.pickle_problems import Problem
from mpguard.semantic.platforms import ALL_METHODS, REIMPORTING
from mpguard.fixes.lift import callable_fix
from mpguard.fixes.start_method import same_context_fix
from mpguard.rules.reached_sites import reached_sites
from mpguard.rules.counted_sites import counted_sites
from mpguard.rules import pickled_copies, queue_items, queued_exceptions, sent_exceptions
from mpguard.rules.bound_targets import bound_target_state
from mpguard.rules.imported_process import imported_process_state, local_process_state
from mpguard.rules.exit_unlink import exit_unlinks
from mpguard.rules import decorated_originals, worker_loop_sends, worker_methods
from mpguard.rules.registry import Rule, register
from mpguard.rules.pickle_reports import not_fork, through, library_label, report_callable, report_argument
from mpguard.rules.task_results import (unsendable_raises, raised_names, rebuild_judged, raises_by_function,
                                        helper_class_fix, raised_module, registered_name)
from mpguard.rules.context_mismatch import SEMLOCK, mismatch_through_parameter, held_mismatch
from mpguard.rules.forwarded_calls import check_forwarded_calls
from mpguard.rules.process_arguments import check_process_args, while_spawning, may_wait, never_started
from mpguard.rules.pool_submits import check_submit

# The rules' generic texts, in 3.11's words; semantic/errors.py words them for other versions.
LOCAL = errors.text("local_function", qualname="make_worker.<locals>.worker")
LAMBDA = errors.text("lambda", qualname="<lambda>", module="__main__")
MAIN = errors.text("main_attr_mp_main", name="work")
NOTEBOOK = errors.text("notebook_attr", name="work")

UNPICKLABLE_CALLABLE = register(Rule(
    "MP201", "unpicklable-callable",
    "A lambda, nested function, closure or local class is handed to a child process",
    frozenset(REIMPORTING),
    {"spawn": LOCAL + " or " + LAMBDA, "forkserver": LOCAL + " or " + LAMBDA,
     "fork": "Pool and executor tasks only: " + LAMBDA},
    severity="error", fix_title="Move the function to module level",
))
GUARD_DEFINED = register(Rule(
    "MP202", "defined-under-main-guard",
    "A function or class defined under `if __name__ == \"__main__\":` is used by a child process",
    frozenset(REIMPORTING),
    {"spawn": MAIN, "forkserver": MAIN,
     "fork": "Only when the Pool was created before the definition: "
             f"{errors.text('main_attr_main', name='work')}, and the pool hangs"},
    severity="error", fix_title="Move the definition above the main guard",
))
NOTEBOOK_DEFINED = register(Rule(
    "MP209", "defined-in-unimported-main",
    "A function or class defined in a notebook or a package's `__main__.py` is used by a child process",
    frozenset(REIMPORTING),
    {"spawn": NOTEBOOK, "forkserver": NOTEBOOK,
     "fork": "Only when the Pool was created before the definition: " + NOTEBOOK + ", and the pool hangs"},
    severity="error", notebook=True,
))
UNPICKLABLE_ARGUMENT = register(Rule(
    "MP203", "unpicklable-argument",
    "An argument handed to a child process cannot be pickled",
    frozenset(REIMPORTING),
    {"spawn": "TypeError: cannot pickle '_thread.lock' object (or '_io.TextIOWrapper', 'generator', ...)",
     "forkserver": "TypeError: cannot pickle '_thread.lock' object (or '_io.TextIOWrapper', 'generator', ...)",
     "fork": "Pool and executor tasks only: TypeError: cannot pickle '_thread.lock' object"},
    severity="error", fix_title="Send what pickle accepts: a multiprocessing primitive, a list, a module-level definition",
))
SYNC_IN_TASK = register(Rule(
    "MP204", "sync-primitive-in-pool-task",
    "A multiprocessing Lock, Queue or Value is passed as a Pool or executor task argument",
    ALL_METHODS,
    {m: "RuntimeError: Lock objects should only be shared between processes through inheritance"
     for m in ("fork", "spawn", "forkserver")},
    severity="error", fix_title="Pass it through the pool initializer, or use a Manager proxy",
    safe_fix=False,
))
MIXED_CONTEXT = register(Rule(
    "MP205", "mixed-context-sync-object",
    "A Queue or Lock from the default context is handed to a process of another context",
    frozenset({"fork"}),
    {"fork": SEMLOCK},
    severity="error", fix_title="Create the object from the same context",
))
NOT_KEPT_ALIVE = register(Rule(
    "MP206", "sync-object-not-kept-alive",
    "A multiprocessing Lock or Queue created inline in Process args is collected before the child opens it",
    frozenset(REIMPORTING),
    {"spawn": "FileNotFoundError: [Errno 2] No such file or directory (in the child; the parent exits 0)",
     "forkserver": "FileNotFoundError: [Errno 2] No such file or directory (in the child; the parent exits 0)"},
    fix_title="Bind the object to a variable that outlives the child",
))
UNPICKLABLE_RETURN = register(Rule(
    "MP207", "unpicklable-return",
    "A Pool or executor task returns a value that cannot be pickled back to the parent",
    ALL_METHODS,
    {m: "multiprocessing.pool.MaybeEncodingError: Error sending result: ... Reason: "
        "'TypeError(\"cannot pickle '_thread.lock' object\")' (executor: TypeError: cannot pickle 'generator' object)"
     for m in ("fork", "spawn", "forkserver")},
    severity="error", fix_title="Return what pickle can send back: a list, or an object without the refused fields",
))
UNPICKLABLE_EXCEPTION = register(Rule(
    "MP208", "unpicklable-exception",
    "A task raises an exception class that pickle cannot rebuild in the parent",
    ALL_METHODS,
    {m: "TypeError: JobError.__init__() missing 1 required positional argument: 'reason' "
        "(Pool: map() hangs forever; executor: BrokenProcessPool)" for m in ("fork", "spawn", "forkserver")},
    severity="error", fix_title="Pass every constructor argument to super().__init__",
))


UNPICKLABLE_QUEUE_ITEM = register(Rule(
    "MP210", "unpicklable-queue-item",
    "An object put on a multiprocessing Queue or sent through a Pipe cannot be pickled",
    ALL_METHODS,
    {m: "Queue.put(): no exception; the feeder thread fails with TypeError: cannot pickle '_thread.lock' object "
        "(printed at most), the item is lost and get() waits forever. Connection.send(): raises that TypeError"
     for m in ("fork", "spawn", "forkserver")},
    severity="error",
))


def _local_process_class(pool_class: ast.ClassDef):
    """The class a Pool subclass's `Process()` method defines for its workers (the non-daemonic
    pool recipe: `class NoDaemonProcess(proc.__class__)` assigned to `proc.__class__`)."""
    for method in pool_class.body:
        if isinstance(method, ast.FunctionDef) and method.name == "Process":
            return next((n for n in nodes_in(method) if isinstance(n, ast.ClassDef)), None)
    return None


def _repopulates(call: ast.Call) -> bool:
    """Does this multiprocessing.Pool start workers after `Pool(...)` returned: `maxtasksperchild` (4th positional)
    given as anything but None makes its handler thread replace the workers that retire, pickling the initializer
    again then. (A worker that dies is replaced too; the initializer is then pickled with the object's later
    state, which is not judged: a rare path, and precision comes first.)"""
    given = [k.value for k in call.keywords if k.arg == "maxtasksperchild"] + call.args[3:4]
    return any(not (type(v) is ast.Constant and v.value is None) for v in given) \
        or any(k.arg is None for k in call.keywords) or any(type(a) is ast.Starred for a in call.args)


def check(ctx) -> None:
    pickler = ctx.pickler
    subclassed = {}  # id(process object) -> its class, for a Process subclass: judged at start()
    for creation in ctx.facts.creations:
        if creation.kind == "Process" and never_started(ctx, creation):
            continue  # nothing of it is pickled
        serializer = creation.value.serializer
        if creation.kind == "Process" and creation.value.subclass is not None:
            if type(creation.target) is V.Instance:
                subclassed[id(creation.value)] = creation.target.cls
            continue  # the object itself is pickled at start(): judged there, with the subclass's state
        if creation.kind == "Process":
            problem = while_spawning(through(pickler.callable_problem(creation.target), serializer))
            report_callable(ctx, problem, creation.node, "Process target" + library_label(creation.value),
                            ctx.breaks(creation.method, not_fork, creation.value.elsewhere), creation, creation.target)
            check_process_args(ctx, creation)
        elif creation.kind == "Pool" and creation.value.subclass is not None and \
                (local := _local_process_class(creation.value.subclass)) is not None:
            name = f"{creation.value.subclass.name}.Process.<locals>.{local.name}"
            ctx.report("MP201", creation.node, f"the pool's worker processes are of class '{local.name}', defined "
                       f"inside {creation.value.subclass.name}.Process(); a spawned worker is pickled with its class, "
                       f"which pickle cannot find by name: AttributeError: Can't pickle local object '{name}'",
                       ctx.breaks(creation.method, not_fork, creation.value.elsewhere),
                       error=f"AttributeError: Can't pickle local object '{name}'", related=((local, "defined here"),))
        elif creation.kind in ("Pool", "Executor", "LibPool") and (creation.initializer is not None or creation.initargs):
            if creation.kind == "Pool" and not _repopulates(creation.node):  # its workers all start in Pool(...)
                problem = through(pickler.callable_problem_at(creation.initializer, creation.node), serializer)
            else:
                problem = through(pickler.callable_problem(creation.initializer), serializer)
            kind = "pool" if creation.kind == "LibPool" else creation.kind
            if creation.initializer is not None:
                report_callable(ctx, problem, creation.node, f"{kind} initializer{library_label(creation.value)}",
                                ctx.breaks(creation.method, not_fork, creation.value.elsewhere), creation,
                                creation.initializer)
            for expr, value in creation.initargs:  # (pickled with each spawned worker, initializer or not)
                keyword = ctx.parents.get(expr)
                role = keyword.arg if isinstance(keyword, ast.keyword) and keyword.arg else "initargs"
                report_argument(ctx, through(pickler.object_problem(value, False), serializer), creation.node, role,
                                ctx.breaks(creation.method, not_fork, creation.value.elsewhere))
                if creation.kind in ("Pool", "Executor") and isinstance(value, V.MPObject) \
                        and value.kind in ("Queue", "SimpleQueue", "Lock", "Value") \
                        and creation.method in REIMPORTING and value.method is None:
                    # initargs travel like Process args: a SemLock of the (fork) default context handed to the
                    # workers of a spawn or forkserver context fails where the default is fork
                    ctx.report("MP205", creation.node, f"a {value.kind} from the default context is passed in "
                               f"initargs to a {creation.method}-context {creation.kind}; where the default is fork: "
                               f"{SEMLOCK}", ctx.breaks(None, lambda m: m == "fork"),
                               fix=same_context_fix(ctx, creation.node, value.node, creation.method), error=SEMLOCK)
                if creation.kind in ("Pool", "Executor") and creation.method in REIMPORTING:
                    mismatch_through_parameter(ctx, creation, value, "initargs")
                    if not isinstance(value, (V.MPObject, V.Param)):  # (held, or another module's global)
                        held_mismatch(ctx, creation, value, f"the initargs of a {creation.kind}")
                queued = default_context_queue(ctx.facts.configured.get(value.qualified)) \
                    if creation.kind in ("Pool", "Executor") and type(value) is V.ModuleRef \
                    and creation.method in REIMPORTING else None
                if queued is not None:  # loguru's `logger` after `logger.add(sink, enqueue=True)` (loguru #1160)
                    ctx.report("MP205", creation.node, f"`{value.qualified}` holds the SimpleQueue that its "
                               f"`enqueue=True` handler (line {queued.call.lineno}) made from the default context; it "
                               f"is passed in initargs to a {creation.method}-context {creation.kind}; where the "
                               f"default is fork: {SEMLOCK}", ctx.breaks(None, lambda m: m == "fork"), error=SEMLOCK)
    judged = set()  # start() calls already reported for the subclass's own state
    for start in ctx.facts.starts:
        subclass = start.obj.subclass
        cls = subclassed.get(id(start.obj))
        found = pickler.callable_problem(cls) if cls is not None else None
        if found is not None and found.kind in ("local", "guard", "unimported-main"):
            # spawn pickles the process object, and pickle finds its class by qualified name
            report_callable(ctx, found, start.node, "the class of the process object",
                            ctx.breaks(start.obj.method, not_fork, start.obj.elsewhere), start, cls)
            continue
        state = pickler.state_problem(subclass) if subclass is not None else None
        if state is not None:
            judged.add(id(start.node))
            ctx.report("MP201", start.node, f"`{subclass.name}` is a Process subclass whose {state[0]}; the process "
                       f"object itself is pickled under spawn and forkserver: {state[1]}",
                       ctx.breaks(start.obj.method, not_fork, start.obj.elsewhere), error=state[1],
                       fix=callable_fix(ctx, Problem("state", "", "", subclass), start))
    local_process_state(ctx, not_fork, judged)  # what the object keeps of its constructor's arguments
    worker_methods.check(ctx, lambda method: unsendable_raises(ctx, method))  # a class another module's pool builds
    pickled_copies.check(ctx, not_fork)  # MP302: a copy whose __getstate__ left out what the child reads
    for submit in ctx.facts.submits:
        check_submit(ctx, submit)
        ctx.copy_at_result_reads(submit.node)  # MP207/MP208: `future.result()` re-raises what the task sent back
    _manager_registry(ctx)
    queue_items.check(ctx, through)  # MP210: what a Queue or a Pipe carries is pickled too
    # MP208: an exception caught and sent on a Queue or Pipe is rebuilt by the reader
    queued_exceptions.check(ctx, queue_items.writes(ctx), raises_by_function(ctx), lambda e: raised_names(ctx, e),
                            lambda e: rebuild_judged(ctx, e),
                            lambda node, qualified, raised: helper_class_fix(ctx, node, qualified, raised),
                            lambda qualified, cls, path: registered_name(
                                ctx, f"{raised_module(ctx, qualified, path)}.{cls}"))
    sent_exceptions.check(ctx, queue_items.writes(ctx), not_fork)  # MP208: an exception object sent as a value
    # MP208: a function handed to another module's worker loop that sends what it raised on a queue
    worker_loop_sends.check(ctx, raises_by_function(ctx), lambda e: raised_names(ctx, e),
                            lambda e: rebuild_judged(ctx, e))
    decorated_originals.check(ctx)  # MP203: a decorator's wrapper hands the function it replaced to a Process
    if ctx.facts.project_calls and ctx.resolver is not None:
        check_forwarded_calls(ctx)
        imported_process_state(ctx, not_fork)  # a Process subclass of another module started here
        reached_sites(ctx)  # a helper of another module whose own values fail to cross where it starts a child
        counted_sites(ctx)  # the same for a helper's pool whose worker count this call gives
        bound_target_state(ctx, not_fork)  # another module's object whose method starts Process(target=self.m)
    if ctx.facts.starts or ctx.facts.project_calls:
        exit_unlinks(ctx, may_wait, not_fork)  # the program ends while a child given a semaphore starts


def _manager_registry(ctx) -> None:
    """`MyManager.register("Db", lambda: Db())` and a `MyManager().start()`: under spawn and forkserver
    start() pickles the registry to hand it to the server process."""
    registered = ctx.facts.effects_of("manager-register")
    if not registered or not ctx.facts.managers:
        return
    started = {id(s.obj) for s in ctx.facts.starts}
    for effect in registered:
        cls, expr, value = effect.detail
        users = [obj for obj, made in ctx.facts.managers if id(obj) in started and cls in ctx.facts.lineage(made)]
        if not users:
            continue
        obj = users[0]
        problem = through(ctx.pickler.callable_problem(value), obj.serializer)
        if problem is not None and problem.kind in ("lambda", "local", "guard"):
            what = "function" if problem.kind == "guard" else "callable"
            ctx.report("MP201", effect.node, f"the {what} registered with `{cls.name}.register` is {problem.what}; "
                       f"`start()` pickles the manager's registry to send it to the server process under spawn "
                       f"and forkserver: {problem.error}", ctx.breaks(obj.method, not_fork), error=problem.error)
