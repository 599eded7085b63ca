"""What a call evaluates to, and which facts it records: the multiprocessing API, call by call."""
from __future__ import annotations

import ast

from mpguard.semantic.foreign_methods import method_owner
from mpguard.semantic import errors
from mpguard.semantic import values as V
from mpguard.semantic import configured_objects as configured
from mpguard.semantic.conditions import returned
from mpguard.semantic.pickle_catalog import (
    file_type, made_type, method_type, refused, refused_items, refused_method, refused_type, refused_type_error,
)
from mpguard.semantic.settings_defaults import field_default, stored_names
from mpguard.semantic.flow import (
    CallSite, bind_argument, callee_name, callers_key, contents, dataclass_fields, element, item, looked_up, sites_of,
    union, unstarred,
)
from mpguard.semantic.flow import iterated as iterated_item  # (this module has an `iterated` of its own)
from mpguard.semantic.facts import Creation, Effect, Op, Start, StartMethodCall, Submit
from mpguard.semantic.base_dispatch import override_call, rebind
from mpguard.semantic.index import nodes_in, rewrapped
from mpguard.semantic.inheritance import named_type
from mpguard.semantic.members import ENUMERATORS, enumerate_members, names_of
from mpguard.semantic.logging_setup import setup_of
from mpguard.semantic.param_guards import reachable_returns
from mpguard.semantic.returns import local_definitions, returns_its_object
from mpguard.semantic.runtime_modules import ANY_MEMBER, built_module, is_built_module, member
from mpguard.semantic.chosen_defs import chosen_definition, definitions_named
from mpguard.semantic.made_classes import MAKER, SELF_REFERENCE, made_class
from mpguard.semantic.branch_choices import note_made
from mpguard.semantic.keyed_modules import different_modules, picked_call, picked_modules
from mpguard.semantic import library_calls as L
from mpguard.semantic.pending_contexts import chosen_method, context_of
from mpguard.semantic import threads as T
from mpguard.semantic import context_fixers as CF
from mpguard.semantic import devices as D
from mpguard.semantic import param_calls as P
from mpguard.semantic import cli_args as C
from mpguard.semantic import log_dispatch as LD
from mpguard.semantic import test_results as TR
from mpguard.semantic.boundaries import default_method, lookup as boundary_of, proxy_call_objects, storing_methods
from mpguard.semantic.returned_pools import pool_value, returned_pool
from mpguard.semantic.names import (
    MULTIPROCESSING_PACKAGES,
    CONTEXT_METHODS,
    DEFERRED_OPS,
    EXECUTOR_TASK_METHODS,
    POOL_TASK_METHODS,
    TASK_METHODS,
    api_kind,
    starts_when_made,
)

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
ALL_START_METHODS = {f"{package}.get_all_start_methods" for package in MULTIPROCESSING_PACKAGES}
PROCESS_KINDS = {"Process", "Process:spawn", "Process:fork", "Process:forkserver"}
UNPICKLABLE = {  # the errors are the 3.11 words; semantic/errors.py has every version's
    "thread.Lock": ("threading lock", errors.text("thread_lock")),
    "thread.Queue": ("queue.Queue", errors.text("thread_lock")),
    "open": ("open file", errors.text("io_object", name="TextIOWrapper")),
    "ssl": ("SSL context", errors.text("ssl_context")),
    "sqlite": ("sqlite3 connection", errors.text("sqlite_connection")),
    "Pool": ("process pool", errors.text("pool_object")),
    "Executor": ("ProcessPoolExecutor", errors.text("thread_rlock")),
    "Manager": ("Manager", errors.text("process_object")),
    "Process": ("Process object", errors.text("process_object")),
}
# Made by a call, these are fine to create but not to send: only the state check uses them.
STATE_ONLY = {"Pool", "Executor", "Manager", "Process"}
MANAGER_PROXIES = {"Queue", "JoinableQueue", "list", "dict", "Lock", "RLock", "Value", "Array", "Namespace",
                   "Event", "Semaphore", "Condition", "Barrier", "BoundedSemaphore", "Pool"}
SENDS = frozenset({"put", "put_nowait", "send"})  # the writes of a Queue or a Pipe end
OBJECT_OPS = {"start", "join", "terminate", "kill", "close", "get", "put", "get_nowait", "put_nowait",
              "send", "recv", "send_bytes", "recv_bytes", "poll", "empty", "shutdown", "wait", "is_alive",
              "result"}  # (a future's: what its task sent back is re-raised there)


CONVERSIONS = {"int": int, "float": float, "str": str, "bool": bool}


def _const(pair):
    expr = pair[0] if pair else None
    return expr.value if isinstance(expr, ast.Constant) else None


_PICKLED_KEYWORDS = frozenset({"target", "args", "kwargs", "initializer", "initargs"})


def _arg(args, kwargs, index, name):
    if name in kwargs:
        return kwargs[name]
    if index is not None and index < len(args) and not isinstance(args[index][0], ast.Starred):
        return args[index]
    spread = kwargs.get(None) if name in _PICKLED_KEYWORDS else None
    if spread is not None and type(spread[1]) in (V.CallResult, V.Param, V.Element):
        # `Pool(**options)` of what a helper returns: the keyword, once the mapping is known (flow). Only what
        # is pickled for the child: a context or a flag left unknown here would change what the walk decides
        key = ast.copy_location(ast.Constant(name), spread[0])
        return spread[0], V.Element(spread[0], spread[1], key=key, spread=True)
    return None


def _items(value) -> list:
    """Values pickled when `value` is sent: a container's items. An inner container stays itself (judged
    when a rule asks), so items a callee adds to it after this call was walked are still seen."""
    if isinstance(value, V.Sequence):
        return list(value.items)
    return [value]


def evaluate_call(walker, e: ast.Call, func, args, kwargs, env, w):
    if type(func) is V.Element and isinstance(func.key, V.Value) and type(func.of) is V.Sequence:
        if walker.tables.holds(func.of):
            # another module's registry (semantic/registries): a constant name calls what is registered under it;
            # any other name is looked up when a rule asks (the call graph resolves it, keyed, through the flow)
            if type(func.key) is V.Constant and isinstance(func.key.node, ast.Constant):
                func = item(func.of, func.key.node)
        else:
            # `REGISTRY[name](...)` with a key the callers give: a call of any of its items for the walk (the
            # project call a class of another module makes, a process it starts); what it gives stays keyed in `func`.
            # A module-level registry still empty here (a decorator's nested `HANDLERS[key] = fn`, walked later)
            # stays the keyed item: the call graph resolves it when a rule asks
            func = union(func.of.items) if func.of.items else func
    if type(func) is V.Union:  # a call of any of several callables (each process of a loop, ...)
        made = [evaluate_call(walker, e, option, args, kwargs, env, w) for option in func.options]
        note_made(walker.facts, func, made)  # (an import a test of parameters chose: semantic/branch_choices)
        if type(e.func) is ast.Subscript and different_modules(made):
            # `BACKENDS[backend]()` giving one of several modules: known only as the key picks it (keyed_modules)
            table = walker.expr(e.func.value, env, w)
            return picked_modules(e.func, table, {id(o): m for o, m in zip(func.options, made)}, w.function)
        return union(made)
    if type(func) is V.ModuleRef and func.picked is not None:  # `multiprocessing.Pool(n)` of such a module
        made = evaluate_call(walker, e, V.ModuleRef(func.node, func.qualified), args, kwargs, env, w)
        picked_call(walker.facts, e, func.picked, made, w.function, L.forget_pools)
        return None
    facts = walker.facts
    if type(func) is V.BoundMethod and func.name in LOCK_METHODS and (
            lock_type(func.instance) is not None or type(func.instance) in (V.Param, V.Element)):
        facts.lock_ops.append(Op(e, func.instance, func.name, w, args))  # (what the callers pass: rules/locks.py)
    kind, ctx_method, elsewhere = None, None, None
    if type(e.func) is ast.Attribute and e.func.attr in L.SCHEDULER_METHODS:
        # (`dask.delayed(f)(x).compute(...)`: the delayed call itself is the receiver)
        receiver = func.instance if type(func) is V.BoundMethod else walker.facts.delayed.get(e.func.value)
        L.dask_method(walker, e, receiver, args, kwargs, w)
    if type(e.func) is ast.Attribute and e.func.attr in L.method_boundaries() and L.unfollowed(func):
        L.library_method(walker, e, args, kwargs, w)  # df.parallel_apply(f), ds.map(f, num_proc=4)
    D.record(walker, e, func, args, kwargs, w)  # CUDA initialised here (MP422)
    if type(e.func) is ast.Attribute and e.func.attr in PATH_WRITERS and _a_path(walker, e.func.value):
        # `RUN_LOG.write_text(...)` of `RUN_LOG = Path(tmp) / "run.log"`: the file is rewritten (CPython #109124)
        walker.facts.effects.append(Effect("fs-effect", e, w, args))
    if func is None and type(e.func) is ast.Name and e.func.id == MAKER and not _bound_locally(env, MAKER):
        return _made_class(walker, e, w)  # `type(name, bases, namespace)` in a function (semantic/made_classes)
    if func is None and not (isinstance(e.func, ast.Attribute) and e.func.attr == "run_in_executor"):
        return None  # a call we know nothing about (a third of them)
    value_kind = type(func)  # the value classes have no subclasses
    instance_kind = type(func.instance) if value_kind is V.BoundMethod else None
    if value_kind is V.ModuleRef and func.qualified in ALL_START_METHODS:
        return V.Sequence(e, [])  # the platform's start methods: a feature test reads it (conditions)
    if value_kind is V.ModuleRef:
        T.record(facts, e, func.qualified, w)  # threads left running, os.fork() (MP423)
        CF.record(walker, e, func.qualified, w)  # a library's multiprocessing lock fixes the start method (MP401)
        configured.record(walker, e, func.qualified, args, kwargs, w)  # `logger.add(path)` (loguru)
        proxy = configured.made(e, func.qualified)
        if proxy is not None:  # `structlog.get_logger(name)`
            return proxy
        if func.qualified == "logging.getLogger":  # the one logger of that name (semantic/log_dispatch)
            logger = _loggers(walker).logger(e, args, kwargs)
            if logger is not None:
                return logger
        kind = api_kind(func.qualified)
        if kind is None:
            if func.qualified in C.PARSER_MAKERS:  # its parse_args() gives the defaults (semantic/cli_args)
                return C.new_parser(e, facts.cli_defaults)
            if func.qualified in C.NAMESPACES and None not in kwargs:
                return C.namespace(e, kwargs)
            default = C.environment_default(func.qualified, args)
            if default is not None:  # `os.environ.get("RELOAD", "1")`: "1" when the variable is not set
                return default
            if func.qualified in ITERATORS and args:  # itertools.repeat(lock), product(...): what they give
                return iterated(e, func.qualified, args, kwargs)
            if func.qualified in SAME_ITEMS and args and type(args[0][0]) is not ast.Starred:
                # `for f in as_completed(futures)`: each future of the list, in another order
                return V.Sequence(e, [element(args[0][1])]) if element(args[0][1]) is not None else None
            if func.qualified in SPLIT_ITEMS and args and type(args[0][0]) is not ast.Starred:
                # `done, pending = wait(futures)`: two sets of the futures of the list
                each = element(args[0][1])
                return V.Sequence(e, [V.Sequence(e, [each]), V.Sequence(e, [each])]) if each is not None else None
            if func.qualified in ENUMERATORS:  # a project module's functions, listed (semantic/members.py)
                return enumerate_members(walker, e, args, kwargs)
            boundary = boundary_of(func.qualified)
            if boundary is not None:  # a third-party library's process boundary (semantic/boundaries.py)
                return L.library_call(walker, e, boundary, args, kwargs, w)
            if L.is_delayed(walker, func.qualified) and args:  # joblib's delayed(f): the task's function
                made = V.Partial(e, args[0][1], [])
                walker.delayed_partials.add(id(made))  # (`delayed` may be a function's own import)
                return made
            if func.qualified == "collections.defaultdict":  # pickled with its default factory (a lambda: refused)
                factory = args[0] if args and not isinstance(args[0][0], ast.Starred) else None
                return V.Sequence(e, [], True, [factory[1]] if factory is not None and factory[1] is not None else [])
            found = refused(func.qualified)
            if found is not None and not _setter_called(walker, func.qualified):  # an object pickle refuses
                items = refused_items(func.qualified)  # `for m in re.finditer(...)`: each item an re.Match
                return V.Unpicklable(e, *found, type=refused_type(func.qualified),
                                     yields=V.Unpicklable(e, *items) if items else None)
            made = TR.library_call(walker, e, func.qualified, args) if func.qualified.startswith("unittest.") else None
            if made is not None:  # a test suite, result or runner (semantic/test_results)
                return made
            built = built_module(e, func.qualified, walker)
            if built is not None:  # a module built from a file at run time: what is read off it pickles by its name
                return built
            made = made_type(func.qualified)
            if made is not None:  # one that pickles, whose methods the catalog knows (re.compile)
                return V.Library(e, made, qualified=func.qualified)
            if walker.resolver is not None:
                made = _project_call(walker, e, func, args, kwargs, w)
                return _foreign_thread(walker, e, func.qualified, w) or made
    elif instance_kind is V.Context:
        kind, ctx_method = CONTEXT_METHODS.get(func.name), func.instance.method
        elsewhere = func.instance.elsewhere
        if ctx_method == "unknown" and facts.pending_contexts:
            facts.context_calls.append((func.instance, e))  # (its method may be settled after the walk)
    elif instance_kind is V.MPObject:
        if func.instance.boundary is not None:
            return L.method_call(walker, e, func.instance, func.name, args, kwargs, w)
        return _method_call(walker, e, func.instance, func.name, args, kwargs, w)
    elif value_kind is V.MPObject and func.boundary is not None and func.boundary.kind == "parallel":
        L.parallel_run(walker, e, func, args, w)  # Parallel(...)(delayed(f)(x) for x in xs)
        return None
    elif value_kind is V.Partial and type(func.node) is ast.Call and id(func) in walker.delayed_partials:
        task = walker.facts.delayed[e] = V.Partial(e, func.func, [*func.args, *(v for _, v in args),
                                                                  *(v for _, v in kwargs.values())])
        return task
    elif isinstance(e.func, ast.Attribute) and e.func.attr == "run_in_executor" and args:
        executor = args[0][1]
        if isinstance(executor, V.MPObject) and executor.kind == "Executor" and len(args) > 1:
            facts.submits.append(Submit(e, executor, "run_in_executor", args[1][1], args[1][0], args[2:], w))
        return None
    elif value_kind is V.Callable:
        return _call_callable(walker, e, func, args, kwargs, w)
    elif value_kind is V.Instance and func.cls is not None and type(func.cls.definition) is ast.ClassDef:
        # `db(sql)` of an instance of a class of this module: its `__call__` runs (oqengine's Db returns a cursor)
        cls = func.cls.definition
        method = next((f for c in facts.lineage(cls) for f in getattr(c, "body", ())
                       if isinstance(f, FUNCS) and f.name == "__call__"), None)
        if method is not None:
            return _call_callable(walker, e, V.Callable(e, "method", f"{cls.name}.__call__", method), args, kwargs, w,
                                  bound=True)
        return _inherited_foreign(walker, e, func, facts.lineage(cls), "__call__", args, kwargs, w)
    elif value_kind is V.Returned and func.receiver is None and _foreign_callable_object(walker, func.qualified):
        # `eemd(signal)` of an object of another project module's class: its `__call__` runs, as when written out
        # (`eemd.__call__(signal)`: a method of that object, followed into its module; or into the module of the
        # base that defines it, poli #59's AbstractBlackBox)
        qualified = f"{method_owner(walker.resolver, func.qualified, '__call__')}.__call__"
        facts.receivers[(id(e), qualified)] = func
        result = _project_call(walker, e, V.ModuleRef(e, qualified), args, kwargs, w)
        result.receiver = func
        return result
    elif instance_kind is V.Instance and func.instance.cls:
        cls = func.instance.cls.definition
        lineage = facts.lineage(cls) if type(cls) is ast.ClassDef else [cls]
        method = next((f for c in lineage for f in getattr(c, "body", ()) if isinstance(f, FUNCS)
                       and f.name == func.name), None)
        if method is not None:  # a factory method: `self.make_handler()` returning a closure
            owner = walker.parents.get(method)
            result = _call_callable(walker, e, V.Callable(e, "method", f"{getattr(owner, 'name', cls.name)}.{func.name}",
                                                          method), args, kwargs, w, bound=True, receiver=func.instance)
            return func.instance if returns_its_object(method) else result  # `Analyzer().load(5)`: the Analyzer
        if type(cls) is ast.ClassDef:  # a library base's method that calls the subclass's override: `session.get(...)`
            dispatched = _dispatched(walker, e, func.instance, lineage, func.name, args, kwargs, w)
            if dispatched is None and walker.resolver is not None and not func.name.startswith("__"):
                return _inherited_foreign(walker, e, func.instance, lineage, func.name, args, kwargs, w)
            return dispatched
    elif instance_kind is V.Returned and func.name in P.ADDERS and _function_result(walker, func.instance):
        # `steps = build_steps(...); steps.append(x)`: what another module's function returned holds x too
        func.instance.added.extend(v for _e, v in args if v is not None)
        return None
    elif instance_kind is V.Returned and walker.resolver is not None:
        # a method of an object made by another project module: `Pipeline(...).run()`
        qualified = f"{func.instance.qualified}.{func.name}"
        redirected = _foreign_dispatch(walker, e, func.instance.qualified, func.name, args, kwargs)
        if redirected is not None:  # `session.get(...)` of another module's requests.Session subclass
            qualified, args, kwargs = redirected
        else:  # a method a base of another project module defines: that module's (semantic/foreign_methods)
            owner = method_owner(walker.resolver, func.instance.qualified, func.name)
            qualified = f"{owner}.{func.name}" if owner is not None else qualified
        facts.receivers[(id(e), qualified)] = func.instance
        result = _project_call(walker, e, V.ModuleRef(e, qualified), args, kwargs, w)
        result.receiver = func.instance
        return result
    elif instance_kind is V.Library and func.instance.type in TR.TYPES:  # `suite.run(result)`, `runner.run(suite)`
        return TR.method_call(walker, e, func.instance, func.name, args)
    elif instance_kind is V.Library and func.instance.type == LD.LOGGER:  # `log.addHandler(h)`, `log.info(...)`
        for emit, handler, record in _loggers(walker).call(walker, e, func.instance, func.name, args, kwargs, w):
            # logging hands the record to the handler's emit: a call of it with that record, made here
            owner = walker.parents.get(emit)
            _call_callable(walker, e, V.Callable(e, "method", f"{getattr(owner, 'name', '?')}.emit", emit),
                           [(e, record)], {}, w, bound=True, receiver=handler)
        return None
    elif instance_kind is V.Library and func.instance.type == C.PARSER:  # `parser.add_argument(...)`
        return C.parser_call(facts.cli_defaults, e, func.instance, func.name, args, kwargs,
                             passed=lambda param: [bind_argument(param.function, site, param)
                                                   for site in sites_of(facts.call_sites, param)])
    elif instance_kind is V.Library and func.instance.type in (configured.PROXY, configured.BOUND):
        return configured.bound(e, func.instance, func.name)  # `structlog.get_logger(name).bind(...)`
    elif instance_kind is V.Library and func.name in storing_methods(func.instance.qualified):
        # `session.mount(prefix, adapter)`: the adapter is kept in a pickled attribute (data/boundaries.json)
        how = storing_methods(func.instance.qualified)[func.name]
        given = kwargs.get(how.get("keyword")) if len(args) <= how["argument"] else args[how["argument"]]
        if given is not None and given[1] is not None and not any(type(a) is ast.Starred for a, _ in args):
            kept = func.instance.stored.get(how["attribute"], [])
            func.instance.stored[how["attribute"]] = [*kept, given[1]]
        return None
    elif instance_kind is V.Library or (instance_kind is V.Unpicklable and func.instance.type):
        # a method of an object the catalog knows: `pattern.match(s)` (re.Match), `conn.cursor()` (Cursor)
        found = refused_method(func.instance.type, func.name)
        items = refused_items(f"<{func.instance.type}>.{func.name}") if found is not None else None
        return V.Unpicklable(e, *found, yields=V.Unpicklable(e, *items) if items else None,
                             type=method_type(func.instance.type, func.name)) if found is not None else None
    elif instance_kind is V.Sequence:
        if func.name in ("append", "add", "insert") and w.loop and type(e.func) is ast.Attribute \
                and _self_attribute(e.func.value):
            # `self.processes.append(p)` in the loop that starts them: the next start pickles `self` with this one
            # (lczero-training #75); a local list stored in `self` after the loop is not (Mask_RCNN's enqueuer)
            for _expr, added in args:
                if type(added) is V.MPObject and added.kind == "Process":
                    added.kept_by_self = True
                elif type(added) is V.Instance:  # (an object holding the Process it starts: southwest-check-in #119)
                    added.kept_in_loop = True
        return container_call(e, func.instance, func.name, args, kwargs)
    elif instance_kind is V.CallResult:  # a method of what a call returns (`Pipeline().add(f).add(g)`)
        P.defer_on_result(facts.result_calls, e, func.instance, args, kwargs, w, func.name)
        if func.instance.method == V.CALLED:  # `executor_cls().foo()`: the call graph follows it when a rule asks
            info = facts.functions.get(w.function)
            (info.calls if info is not None else facts.module_calls).append((func, e, w))
        return V.CallResult(e, None, receiver=func.instance, method=func.name)
    elif instance_kind is V.Param or instance_kind is V.Element:  # `p.join()` in a helper (expressions)
        if func.name in DEFERRED_OPS:  # read by the lifecycle rules through flow.resolve
            facts.deferred_ops.append(Op(e, func.instance, func.name, w, args))
            if type(e.func) is ast.Attribute and e.func.attr == func.name:  # (and a method of another module's object)
                P.defer(facts.param_calls, e, func.instance, args, kwargs, w, func.name, foreign_only=True)
            # (`cfg.get(key)` of a dict the callers pass: its item, looked up when a rule asks)
            return V.CallResult(e, None, receiver=func.instance, method="get") if func.name == "get" else None
        # made again on every multiprocessing object the callers pass (`p.start()`, `pool.map(...)`,
        # also through a name: `mapper(f, xs)`)
        P.defer(facts.param_calls, e, func.instance, args, kwargs, w, func.name)
        if instance_kind is V.Element and func.name in SENDS and func.instance.attr is not None:
            # `ctx.upstream_queue.put(item)` of a field of the object the callers pass: what the item is pickled
            # into, resolved when a rule asks (rules/lifecycle.all_ops)
            facts.deferred_ops.append(Op(e, func.instance, func.name, w, args))
        if instance_kind is V.Element:
            # `for step in self.steps: step.run(results)` of the list a constructor was given: once the walk is
            # over, a call of that method of each object of this module's classes the list holds, made here
            # (a call site of `PipelineStep.run` in this function: rules order what it does by it)
            P.defer_on_result(facts.result_calls, e, func.instance, args, kwargs, w, func.name, instances_only=True)
        # and a call of the method of whatever object it is (`for cell in cells: cell.execute()`): the call graph
        # follows it to the methods of the classes of this module the value resolves to (rules/context.py)
        info = facts.functions.get(w.function)
        (info.calls if info is not None else facts.module_calls).append((func, e, w))
        if func.name in TASK_METHODS:
            return None
        # what a method of the object the callers pass gives: asked when a rule needs it (`bundle.jobs()`)
        return V.CallResult(e, None, receiver=func.instance, method=func.name)
    elif value_kind is V.Param or value_kind is V.Element:
        # a function handed in by the callers (also one kept in what they pass: `config["agent"]["type"](...)`,
        # visual_foresight #12): reachable through them
        info = facts.functions.get(w.function)
        (info.calls if info is not None else facts.module_calls).append((func, e, w))
        # and when what they pass is a pool's method (`mapper(f, xs)` given `pool.map`): a task, at each caller
        P.defer(facts.param_calls, e, func, args, kwargs, w, P.ITSELF)
        if value_kind is V.Element:  # `self.config["pool_cls"](n)`: a pool, when the callers give its class there
            P.defer_item_call(facts.item_calls, e, func, args, kwargs, w)
        # what it gives, known when a rule asks: an object of the class they pass (`executor = executor_cls()`,
        # jina #4642), or that the object they pass keeps (`self.binner_cls(name)` of a dataclass field whose
        # default is a class), what the function they pass returns
        if value_kind is V.Element and walker.tables.holds(func.of) and func.of in walker.tables.foreign.values():
            # `registry.HANDLERS[name](config)` of another module's table: an object of the class registered under
            # the name the callers give, made when a rule asks (flow: another module's class called)
            return V.CallResult(e, None, receiver=func, method=V.CALLED)
        return V.CallResult(e, None, receiver=func, method=V.CALLED) \
            if value_kind is V.Param or func.attr is not None else None

    if kind == "thread-lookalike":  # not a process; but some threading objects pickle refuses (local())
        return made_unpicklable(e, func.qualified) if value_kind is V.ModuleRef else None
    if kind is None:
        return None
    if kind.startswith("Process:"):
        kind, ctx_method = "Process", kind.split(":")[1]
    if kind in ("Process", "Pool", "Executor", "Manager", "Thread"):
        if value_kind is V.ModuleRef and ctx_method is None:  # billiard.Pool(): billiard's own default
            default = default_method(func.qualified.split(".")[0])
            if default is not None:
                ctx_method, elsewhere = default
        value = _creation(walker, e, kind, ctx_method, args, kwargs, w)
        value.creation.starts = value_kind is not V.ModuleRef or starts_when_made(func.qualified)
        if elsewhere and value.elsewhere is None and value.method == ctx_method:
            value.elsewhere = elsewhere
        value.serializer = L.drop_in_serializer(func)
        value.package = L.drop_in_package(func)
        return value
    if kind == "spawn-processes":  # torch.multiprocessing.spawn(fn, args=(...), nprocs=N): started now
        L.processes_call(walker, e, boundary_of(func.qualified), args, kwargs, w)
        return None
    if kind in ("Queue", "SimpleQueue", "Lock", "Value"):
        factory = func.name if instance_kind is V.Context else func.qualified.rsplit(".", 1)[-1]
        value = V.MPObject(e, kind, ctx_method, named_type=named_type(factory, args, kwargs) or "", factory=factory)
        facts.creations.append(Creation(e, kind, w, value, ctx_method))
        return value
    if kind == "Pipe":
        ends = [V.MPObject(e, "PipeEnd", ctx_method), V.MPObject(e, "PipeEnd", ctx_method)]
        return V.Sequence(e, ends)
    if kind in ("get_context", "set_start_method", "get_start_method"):
        method = _const(_arg(args, kwargs, 0, "method"))
        force = bool(_const(kwargs.get("force")))
        allow_none = bool(_const(kwargs.get("allow_none")))
        elsewhere = None
        if kind == "set_start_method" and not isinstance(method, str):  # `set_start_method(mode)`: as run
            method, elsewhere = chosen_method(walker, _arg(args, kwargs, 0, "method"))
        facts.start_methods.append(StartMethodCall(e, kind, method if isinstance(method, str) else None,
                                                   force, allow_none, w, elsewhere=elsewhere))
        if kind == "get_context":
            pair = _arg(args, kwargs, 0, "method")
            context = context_of(walker, e, pair, lambda: _passed_strings(walker, pair[1]))
            context.library = func.qualified.split(".")[0] if isinstance(func, V.ModuleRef) else None
            return context
        return None
    if kind in UNPICKLABLE and kind not in STATE_ONLY:
        made = made_unpicklable(e, func.qualified if isinstance(func, V.ModuleRef) else None) \
            or V.Unpicklable(e, *UNPICKLABLE[kind])
        if kind == "open":
            mode = _arg(args, kwargs, 1, "mode")
            made.mode = "r" if mode is None else _const(mode) if isinstance(_const(mode), str) else None
            if made.mode is not None and "b" in made.mode:  # `open(path, "rb")`: a BufferedReader, with its own words
                made.error = refused_type_error(file_type(made.mode)) or made.error
            facts.effects.append(Effect("open", e, w, made.mode or "r"))
        return made
    if kind == "partial" and args:
        return V.Partial(e, args[0][1], [v for _, v in args[1:]] + [v for _, v in kwargs.values()])
    if kind == "namedtuple":
        local = w.function is not None or w.guarded
        return V.Callable(e, ("local_class" if w.function is not None else "guard") if local else "module",
                          str(_const(args[0]) if args else "namedtuple"), e)
    if kind == "fs-effect" and isinstance(func, V.ModuleRef) and func.qualified.endswith(("makedirs", "mkdir")) \
            and _const(kwargs.get("exist_ok")) is True:
        return None  # idempotent: running it again in a child changes nothing
    if kind == "logging.config" and str(_const(kwargs.get("filemode")) or "").startswith("w") \
            and "filename" in kwargs and "stream" not in kwargs:
        # truncates its log file, in every re-import (filemode counts only with a filename: a stream is
        # written to as it is, `basicConfig(stream=sys.stderr, filemode="w")` opens nothing)
        facts.effects.append(Effect("open", e, w, "w"))
    if kind == "logging.config":  # what it sets up: a spawned child loses the records it would keep
        facts.effects.append(Effect(kind, e, w, setup_of(func.qualified if isinstance(func, V.ModuleRef) else "",
                                                          kwargs)))
    elif kind in ("random.seed", "numpy.seed", "atexit", "putenv", "freeze_support", "fs-effect"):
        facts.effects.append(Effect(kind, e, w, args))
    return None


PATH_WRITERS = frozenset({"write_text", "write_bytes", "unlink", "rmdir", "rename", "replace"})
PATH_MAKERS = frozenset({"pathlib.Path", "pathlib.PurePath", "pathlib.PosixPath", "pathlib.WindowsPath"})


LOCK_METHODS = frozenset({"acquire", "release"})


def lock_type(value) -> str | None:
    """The type of a lock whose release when not held raises: `multiprocessing.Lock`, `multiprocessing.RLock`,
    `threading.Lock`, `threading.RLock` (a Semaphore's count may be anything; a Manager's Lock is a proxy)."""
    if type(value) is V.MPObject and value.kind == "Lock" and value.factory in ("Lock", "RLock"):
        return f"multiprocessing.{value.factory}"
    if type(value) is V.Unpicklable and value.what == "threading lock" and type(value.node) is ast.Call:
        # (a threading Semaphore or Condition is a "threading lock" too: told apart by the name it was made by)
        made = ast.unparse(value.node.func).rsplit(".", 1)[-1]
        return f"threading.{made}" if made in ("Lock", "RLock") else None
    return None


def _a_path(walker, expr, depth: int = 0) -> bool:
    """Is `expr` a pathlib path, by its syntax: `Path(...)`, `Path(...) / "name"`, `path.with_suffix(...)`, or a
    name the module binds once, at its top, to one of those?"""
    if depth > 4:
        return False
    if isinstance(expr, ast.Call):
        if walker.imports.qualify(expr.func) in PATH_MAKERS:
            return True
        return isinstance(expr.func, ast.Attribute) and expr.func.attr in ("with_suffix", "with_name", "joinpath") \
            and _a_path(walker, expr.func.value, depth + 1)
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Div):
        return _a_path(walker, expr.left, depth + 1)
    if isinstance(expr, ast.Name):
        bound = [s.value for s in walker.tree.body if isinstance(s, ast.Assign) and len(s.targets) == 1
                 and isinstance(s.targets[0], ast.Name) and s.targets[0].id == expr.id]
        return len(bound) == 1 and _a_path(walker, bound[0], depth + 1)
    return False


def settle_tasks_per_child(facts) -> None:
    """An executor made with `max_tasks_per_child=<parameter>` spawns when every call of the function that makes
    it passes a literal other than None for that parameter (CPython #115634's `get_executor(name, max_workers,
    max_tasks_per_child)` called with 4): set once the walk knows the call sites."""
    for fact, function, name in facts.tasks_per_child_params:
        sites = facts.call_sites.get(function, ()) if function is not None else ()
        params = [a.arg for a in (*function.args.posonlyargs, *function.args.args)] if sites else []
        if not sites:
            continue
        given = []
        for site in sites:
            positional = params[1:] if site.bound else params
            expr = site.kwargs[name][0] if name in site.kwargs else \
                site.args[positional.index(name)][0] if name in positional and positional.index(name) < len(site.args) \
                else None
            given.append(expr)
        if all(isinstance(x, ast.Constant) and x.value is not None for x in given):
            fact.max_tasks_per_child = True
            fact.method = fact.value.method = "spawn"


def _creation(walker, e, kind, ctx_method, args, kwargs, w):
    value = V.MPObject(e, kind, ctx_method)
    fact = value.creation = Creation(e, kind, w, value, ctx_method)  # (where it is made: in a loop, several)
    if kind in ("Process", "Thread"):
        target = _arg(args, kwargs, 1, "target")
        fact.target_expr, fact.target = target if target else (None, None)
        for name, index in (("args", 3), ("kwargs", 4)):
            pair = _arg(args, kwargs, index, name)
            if pair:
                fact.args.extend((pair[0], item) for item in _items(pair[1]))
        daemon = _arg(args, kwargs, 5, "daemon")
        value.daemon = bool(_const(daemon))
    elif kind in ("Pool", "Executor"):
        init = _arg(args, kwargs, 1, "initializer") if kind == "Pool" else _arg(args, kwargs, 2, "initializer")
        if init:
            fact.initializer_expr, fact.initializer = init
        initargs = _arg(args, kwargs, 2 if kind == "Pool" else 3, "initargs")
        if initargs:
            fact.initargs = [(initargs[0], item) for item in _items(initargs[1])]
        context = _arg(args, kwargs, 4, "context") if kind == "Pool" else _arg(args, kwargs, 1, "mp_context")
        _given_context(walker, e, fact, value, context, ctx_method)
        if kind == "Executor" and "max_tasks_per_child" in kwargs and _const(kwargs["max_tasks_per_child"]) is not None:
            fact.max_tasks_per_child = True
            if not context or (isinstance(context[0], ast.Constant) and context[0].value is None):
                fact.method = value.method = "spawn"
        elif kind == "Executor" and "max_tasks_per_child" in kwargs and type(kwargs["max_tasks_per_child"][1]) is V.Param \
                and (not context or (isinstance(context[0], ast.Constant) and context[0].value is None)):
            # `max_tasks_per_child=max_tasks_per_child` of the enclosing function: its callers say (walker._finish)
            walker.facts.tasks_per_child_params.append((fact, w.function, kwargs["max_tasks_per_child"][1].name))
    elif kind == "Manager":
        # SyncManager(address, authkey, serializer, ctx): its server process starts with ctx's method
        # (BaseManager.start: `self._ctx.Process(...)`); `multiprocessing.Manager()` takes no arguments
        _given_context(walker, e, fact, value, _arg(args, kwargs, 3, "ctx"), ctx_method)
    walker.facts.creations.append(fact)
    return value


def _given_context(walker, e, fact, value, context, ctx_method) -> None:
    """The start method a creation's context argument (`context=`, `mp_context=`, `ctx=`) asks for."""
    if context and isinstance(context[1], V.Context):
        fact.method = value.method = context[1].method or ctx_method
        if context[1].method == "unknown" and walker.facts.pending_contexts:
            walker.facts.context_calls.append((context[1], e))
        value.elsewhere = context[1].elsewhere
    elif context and not isinstance(context[1], V.Context) and not isinstance(context[0], ast.Constant):
        fact.method = value.method = "unknown"


_ONE_ITEM = frozenset({"map", "map_async", "imap", "imap_unordered"})  # f(item) for each item of one iterable


def _task_arguments(name, args, kwargs) -> list | None:
    """The positional arguments each call of a pool task gets (Submit.task_args)."""
    if name in _ONE_ITEM:
        if len(args) != 2 or kwargs or type(args[1][0]) is ast.Starred:
            return None
        expr, value = args[1]
        return [(expr, V.Element(expr, value))]  # any item, asked when a rule needs it (a list filled later)
    if name in ("apply", "apply_async") and len(args) <= 2 and set(kwargs) <= {"args"}:
        given = args[1] if len(args) == 2 else kwargs.get("args")
        if given is None:
            return []
        if not isinstance(given[0], (ast.Tuple, ast.List)) or any(type(x) is ast.Starred for x in given[0].elts):
            return None
        return [(x, v) for x, v in zip(given[0].elts, _items(given[1]))] \
            if len(_items(given[1])) == len(given[0].elts) else None
    if name == "submit" and not kwargs and not any(type(a) is ast.Starred for a, _ in args):
        return list(args[1:])
    return None


def _method_call(walker, e, obj: V.MPObject, name, args, kwargs, w):
    facts = walker.facts
    if obj.kind == "Manager" and (name in MANAGER_PROXIES or obj.makes_proxy(name)):
        return V.MPObject(e, "ManagerProxy", obj.method)
    if obj.kind in ("Process", "Manager", "Thread") and name == "start":
        facts.starts.append(Start(e, obj, w))
        return None
    inner = _starts_self(walker, obj.subclass, name) if obj.kind == "Process" and obj.subclass is not None else None
    if inner is not None:
        # `proc.start_timed()`, a method of the Process subclass that calls `self.start()`: the object
        # crosses there (the finding's place), started from here (the caller's context)
        obj.start_seen = True
        facts.starts.append(Start(inner, obj, w))
        return None
    if (obj.kind == "Pool" and name in POOL_TASK_METHODS) or (obj.kind == "Executor" and name in EXECUTOR_TASK_METHODS):
        func = args[0] if args else kwargs.get("func") or kwargs.get("fn")
        pickled = []
        if name in ("apply", "apply_async"):
            for index, key in ((1, "args"), (2, "kwds")):
                pair = _arg(args, kwargs, index, key)
                if pair:
                    pickled.extend((pair[0], v) for v in _items(pair[1]))
        elif name == "submit":
            pickled = unstarred(args[1:]) + [pair for k, pair in kwargs.items() if k not in ("fn",)]
        else:
            for expr, value in args[1:2] if obj.kind == "Pool" else args[1:]:
                if isinstance(value, V.Sequence) and _held(walker, value) and not name.startswith("starmap"):
                    pickled.append((expr, value))  # `pool.map(f, obj.items)`: filled by methods walked later
                elif isinstance(value, V.Sequence):
                    for item in value.items:
                        nested = item.items if name.startswith("starmap") and isinstance(item, V.Sequence) else [item]
                        pickled.extend((expr, v) for v in nested)
                elif element(value) is not None:  # one of several lists, or one known later (flow.Element)
                    pickled.append((expr, element(value)))
                elif type(value) is V.BoundMethod and type(value.instance) is V.Returned:
                    # `pool.map(f, dataset.segments)` of another module's object: its items (pickling.py)
                    pickled.append((expr, V.Element(value.node, value)))
                elif type(value) is V.Returned and isinstance(value.node, ast.Call) and iterated_item(value) is not None:
                    # `pool.map(f, read_citations(data))`: an item of what another module's function returns, judged
                    # by that module's summary (`ModuleSummary.iterated`, semantic/pickled_imports)
                    pickled.append((expr, iterated_item(value)))
        fact = Submit(e, obj, name, func[1] if func else None, func[0] if func else None, pickled, w,
                      _result_used(walker, e), _task_arguments(name, args, kwargs))
        facts.submits.append(fact)
        return V.MPObject(e, "AsyncResult") if name.endswith("_async") or name == "submit" else None
    if name in OBJECT_OPS or (args and obj.kind in proxy_call_objects()):
        # (a proxy's method sends its arguments to the manager's server, whatever the method: rules/queue_items)
        facts.ops.append(Op(e, obj, name, w, args))
    return None


def _setter_called(walker, qualified: str) -> bool:
    """`tqdm.get_lock()` after `tqdm.set_lock(RLock())` somewhere in the module: a getter whose object
    the module may have replaced through the matching setter returns what was set, not the default the
    catalog measured (tqdm's own example sets a multiprocessing RLock first, which crosses)."""
    owner, _, name = qualified.rpartition(".")
    if not name.startswith("get_"):
        return False
    setters = walker.__dict__.get("_setters_called")
    if setters is None:
        setters = walker.__dict__["_setters_called"] = {
            walker.imports.qualify(node.func) for node in ast.walk(walker.tree)
            if type(node) is ast.Call and type(node.func) is ast.Attribute and node.func.attr.startswith("set_")}
    return f"{owner}.set_{name[4:]}" in setters


def _held(walker, value: V.Sequence) -> bool:
    """A container an object holds (`self.items = []`): its items may still grow."""
    return any(held is value for held in walker.instance_attrs.values())


def _result_used(walker, e) -> object:
    """How a task call's result is kept: "discarded", ("name", id) for a name or a container named so
    (`pending[key] = ...`, `results.append(...)`), ("attr", name) for an attribute or a container held
    in one (`self.pending[key] = ...`): a read of that name or attribute is taken for the wait; or "used"."""
    parent = walker.parents.get(e)
    while isinstance(parent, (ast.ListComp, ast.GeneratorExp, ast.comprehension, ast.Await)):
        parent = walker.parents.get(parent)
    if isinstance(parent, ast.Expr):
        return "discarded"
    held = None
    if isinstance(parent, ast.Assign) and len(parent.targets) == 1:
        target = parent.targets[0]
        if isinstance(target, ast.Name):
            return ("name", target.id)
        held = target.value if isinstance(target, ast.Subscript) else target
    elif isinstance(parent, ast.Call) and parent.args == [e] and not parent.keywords \
            and isinstance(parent.func, ast.Attribute) and parent.func.attr in ("append", "add") \
            and isinstance(walker.parents.get(parent), ast.Expr):
        held = parent.func.value
    # (the container's own name in the store is not a read of the result: its position is left out)
    if isinstance(held, ast.Name):
        return ("name", held.id, (held.lineno, held.col_offset))
    if isinstance(held, ast.Attribute):
        return ("attr", held.attr, (held.lineno, held.col_offset))
    return "used"


def _loggers(walker) -> LD.Loggers:
    """The loggers of this walk (semantic/log_dispatch), made when the module first names one."""
    return walker.once("loggers", lambda: LD.Loggers(walker.tree, walker.imports.qualify))


def call_method(walker, e, method: V.Callable, w):
    """A call, with no arguments, of a method the language calls for the program (`__enter__` of a `with`)."""
    return _call_callable(walker, e, method, [], {}, w, bound=True)


def enter_foreign(walker, item: ast.withitem, value: V.Returned, w) -> None:
    """`with FileLock(path):` (or `with lock:`) of an object of another project module's class: the statement calls
    its `__enter__` (the class's or a project base's), followed into that module like the call written out (what
    it raises in a task reaches the parent: filelock #202's Timeout, raised by `acquire()` from `__enter__`)."""
    if walker.resolver is None:
        return
    owner = method_owner(walker.resolver, value.qualified, "__enter__")
    if owner is None:
        return
    e = item.context_expr
    if type(e) is not ast.Call:  # `with lock:`: the call the statement makes, placed where the object is named
        e = ast.copy_location(ast.Call(func=ast.copy_location(ast.Attribute(value=e, attr="__enter__", ctx=ast.Load()),
                                                              e), args=[], keywords=[]), e)
        walker.parents[e] = walker.parents[e.func] = item
    qualified = f"{owner}.__enter__"
    walker.facts.receivers[(id(e), qualified)] = value
    result = _project_call(walker, e, V.ModuleRef(e, qualified), [], {}, w)
    if result is not None:
        result.receiver = value


ITERATORS = frozenset({"itertools.repeat", "itertools.product", "itertools.zip_longest"})
# iterators over the very items of their first argument, in another order
SAME_ITEMS = frozenset({"concurrent.futures.as_completed"})
# a pair of collections of the items of their first argument (concurrent.futures.wait: the done and the pending ones)
SPLIT_ITEMS = frozenset({"concurrent.futures.wait"})


def iterated(e, name: str, args, kwargs):
    """`zip(items, repeat(lock))`, `enumerate(xs)`, `itertools.repeat(x)`, `product(a, b)`: a container of what
    iterating gives (a tuple of each iterable's items; for repeat, its object), so `starmap` and `for a, b in`
    see the parts. Like a list of them, such an iterator pickles when its items do."""
    if any(type(a) is ast.Starred for a, _ in args) or (kwargs and name != "enumerate"):
        return None
    if name == "itertools.repeat":
        return V.Sequence(e, [args[0][1]])
    if name == "enumerate":
        return V.Sequence(e, [V.Sequence(e, [V.Constant(e, 8), element(args[0][1])])])
    return V.Sequence(e, [V.Sequence(e, [element(v) for _, v in args])])


def _dispatched(walker, e, instance, lineage, name: str, args, kwargs, w):
    """`obj.name(...)` on an instance of a class of this module that does not define `name`, inherited from a
    library base whose method calls `self.<other>(...)` (semantic/base_dispatch.py): the subclass's override of
    `<other>` runs, with the arguments the library method hands it."""
    found = override_call(lineage, walker.imports.qualify, name)
    rebound = rebind(found[0], e, args, kwargs) if found is not None else None
    if rebound is None:
        return None
    dispatch, method = found
    owner = walker.parents.get(method)
    return _call_callable(walker, e, V.Callable(e, "method", f"{getattr(owner, 'name', '?')}.{dispatch.calls}", method),
                          *rebound, w, bound=True, receiver=instance)


def _inherited_foreign(walker, e, instance, lineage, name: str, args, kwargs, w):
    """`obj.name(...)` (or `obj(...)`: `__call__`) on an instance of a class of this module whose bases of this module
    do not define `name`, inherited from a class of another project module: that module's method runs, followed into
    it like `Base(...).name(...)` (dolma #58: `processor(docs)` of a subclass of the library's BaseParallelProcessor,
    whose `__call__` sets the start method). The instance is the call's receiver (`facts.receivers`): a rule asks it
    which methods the subclass overrides."""
    owner = inherited_owner(walker, lineage, name)
    if owner is None:
        return None
    qualified = f"{owner}.{name}"
    walker.facts.receivers[(id(e), qualified)] = instance
    result = _project_call(walker, e, V.ModuleRef(e, qualified), args, kwargs, w)
    if result is not None:
        result.receiver = instance
    return result


def inherited_owner(walker, lineage, name: str) -> str | None:
    """The qualified name of the class of another project module whose method `name` the classes of this module in
    `lineage` (none defining it) inherit: through their one base of another module; None when not read."""
    if walker.resolver is None:
        return None
    local = {c.name for c in lineage if isinstance(c, ast.ClassDef)}
    bases = [b for c in lineage if isinstance(c, ast.ClassDef) for b in c.bases
             if not (type(b) is ast.Name and (b.id == "object" or b.id in local))]
    if len(bases) != 1:
        return None  # (several bases of other modules: which one's method runs is not read here)
    base = walker.imports.qualify(bases[0])
    return method_owner(walker.resolver, base, name) if base and base.count(".") >= 1 else None


def _foreign_dispatch(walker, e, cls_qualified: str, name: str, args, kwargs):
    """The same for an instance of another project module's class: (the override's qualified name, args,
    kwargs), judged with that module's imports; None when the class is not read or nothing is dispatched."""
    found = getattr(walker.resolver, "class_definition", lambda q: None)(cls_qualified)
    if found is None or found[1] is None:
        return None
    dispatch = override_call([found[0]], found[1].qualify, name)
    rebound = rebind(dispatch[0], e, args, kwargs) if dispatch is not None else None
    return (f"{cls_qualified}.{dispatch[0].calls}", *rebound) if rebound is not None else None


def _call_callable(walker, e, func: V.Callable, args, kwargs, w, bound: bool = False, receiver=None):
    facts = walker.facts
    info = facts.functions.get(w.function)
    record = (func, e, w)
    (info.calls if info is not None else facts.module_calls).append(record)
    definition = func.definition
    passed = [v for _, v in args] + [v for _, v in kwargs.values()]
    if isinstance(definition, ast.Call):  # a class made by namedtuple(...) / NamedTuple(...)
        return V.Instance(e, func, passed)
    if func.kind == "closure" and type(definition) is ast.FunctionDef and definition.name != func.name:
        # `check = make_checker(8); check(p)`, `register("low")(fn)`: the local function the factory hands out is
        # what is called (pebble's `@concurrent.process def check(...)` inside it starts a process per call)
        made = func.made or local_definitions(definition).get(func.name)
        if type(made) is ast.FunctionDef and made.decorator_list:
            boundary = L.process_decorator(walker, made)
            if boundary is not None:
                return L.decorated_call(walker, e, func, made, boundary, args, kwargs, w)
        if type(made) is ast.FunctionDef:  # its parameters hold what this call passes; the factory is not called
            site = CallSite(e, args, kwargs, False, w)
            if func.made is None and func.chooser is not None:  # which definition: told at the end of the walk
                facts.pending_choices.append((func, site))
            else:
                facts.call_sites.setdefault(made, []).append(site)
            return V.CallResult(e, made) if made not in walker._done else None
    if type(definition) is ast.FunctionDef and definition.decorator_list and func.detail != "attribute":
        boundary = L.process_decorator(walker, definition)
        if boundary is not None:  # pebble's @concurrent.process: each call runs in a new process
            return L.decorated_call(walker, e, func, definition, boundary, args, kwargs, w)
        if L.delayed_decorator(walker, definition):  # @dask.delayed: a task, run when computed
            task = walker.facts.delayed[e] = V.Partial(e, func, passed)
            return task
    if isinstance(definition, ast.ClassDef) and L.manager_class(walker, definition):
        return L.manager_call(walker, e, func, definition, args, kwargs, w)
    if isinstance(definition, ast.ClassDef) and func.detail == "attribute":
        return None  # `Cls.helper(...)`: a classmethod's or staticmethod's result, not a new `Cls`
    if isinstance(definition, ast.ClassDef):
        init = next((f for c in facts.lineage(definition) for f in c.body
                     if isinstance(f, FUNCS) and f.name == "__init__"), None)
        if init is not None and func.detail != "attribute":  # __init__'s parameters hold what is passed here
            facts.call_sites.setdefault(init, []).append(CallSite(e, args, kwargs, True, w))
        if _is_process_subclass(walker, definition):
            context = _process_base_context(walker, definition)  # `class Worker(ctx.Process)`: ctx's method
            value = V.MPObject(e, "Process", context.method if context is not None else None, subclass=definition,
                               daemon=_daemon_in_init(definition),
                               elsewhere=context.elsewhere if context is not None else None)
            walker.facts.creations.append(Creation(e, "Process", w, value, None, V.Instance(e, func)))
            return value
        run = _thread_run(walker.facts.lineage(definition), walker.imports.qualify)
        if run is not None:  # a started instance runs its own `run()` (and what it calls) as the thread's code
            value = V.MPObject(e, "Thread", None, subclass=definition)
            walker.facts.creations.append(Creation(e, "Thread", w, value, None, V.Callable(e, "method", "run", run)))
            return value
        if any(api_kind(walker.imports.qualify(base)) == "Pool" for base in definition.bases):
            # a multiprocessing.pool.Pool subclass: its arguments are Pool's unless it has its own __init__
            own = any(isinstance(f, FUNCS) and f.name == "__init__" for f in definition.body)
            value = _creation(walker, e, "Pool", None, [] if own else args, {} if own else kwargs, w)
            value.subclass = definition
            value.own_workers = any(_makes_own_workers(c) for c in facts.lineage(definition) if type(c) is ast.ClassDef)
            return value
        names = dataclass_fields(definition)
        post_site = None
        if names is not None and func.detail != "attribute":  # the dataclass's __init__ calls __post_init__ itself
            post = next((f for c in facts.lineage(definition) for f in c.body
                         if isinstance(f, FUNCS) and f.name == "__post_init__"), None)
            if post is not None:
                post_site = CallSite(e, [], {}, True, w)
                facts.call_sites.setdefault(post, []).append(post_site)
        fields = None
        if names is not None and not any(type(a) is ast.Starred for a, _ in args) and None not in kwargs:
            fields = dict(zip(names, (v for _, v in args)))
            fields.update((k, v) for k, (_a, v) in kwargs.items() if k in names)
            for stmt in definition.body:  # the defaults of the fields not given
                if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) \
                        and stmt.target.id in names and stmt.target.id not in fields and stmt.value is not None:
                    fields[stmt.target.id] = _field_default(walker, definition, stmt.value) \
                        or field_default(walker, stmt.target.id, stmt.value) \
                        or _class_field_default(walker, stmt.target.id, stmt.value)
        made = V.Instance(e, func, passed, fields)
        if post_site is not None and fields is not None:
            # `__post_init__` runs on the object being made: its `self.session` is the field this call gave
            # (`self.client = self.session.client("sqs")`, sqs-workers' SQSEnv)
            post_site.receiver = made
        return made
    if isinstance(definition, FUNCS) and func.detail != "attribute":
        bound = bound or func.detail == "classmethod"  # (`cls` is given by the call, like `self`)
        made = walker.cls_bindings.get(id(func)) if func.detail == "classmethod" else None
        if made is not None and made[2] is func:  # `DevConfig.uvicorn_kwargs()`: the class it is called on
            receiver = made[3]
        facts.call_sites.setdefault(definition, []).append(CallSite(e, args, kwargs, bound, w, receiver))
    if func.kind == "builtin":
        made = made_unpicklable(e, func.name)  # `memoryview(data)`, `compile(...)`: the catalog says pickle refuses them
        if made is not None:
            return made
        if func.name == "getattr" and len(args) >= 2:
            if is_built_module(args[0][1]):  # `getattr(plugin, info["validate"])`: a member of a built module
                return member(e, args[0][1], args[1][0].value if isinstance(args[1][0], ast.Constant) else "")
            if type(args[0][1]) in (V.Param, V.Element, V.CallResult, V.Union) and not (
                    isinstance(args[1][0], ast.Constant) and isinstance(args[1][0].value, str)):
                # ... of an object known later (`getattr(self.modules[name], hook)`): flow.resolve answers it
                # for a built module only
                return V.Element(e, args[0][1], attr=ANY_MEMBER)
            if type(args[0][1]) is V.ModuleRef:
                return _module_getattr(walker, e, args[0][1], args[1][0], args[1][1])
            named = args[1][0]
            if len(args) == 2 and args[0][1] is not None and isinstance(named, ast.Constant) \
                    and isinstance(named.value, str) and named.value.isidentifier():
                # `getattr(config, "init_fn")` is `config.init_fn` (read at the call's position)
                found = walker.attribute(args[0][1], ast.copy_location(
                    ast.Attribute(value=args[0][0], attr=named.value, ctx=ast.Load()), e))
                if found is not None:
                    return found
            return _getattr(e, args[0][1], args[1][0], _passed_strings(walker, args[1][1]) or names_of(args[1][1]))
        if func.name in CONVERSIONS and len(args) == 1 and not kwargs:
            # `int(os.getenv("WORKERS", "2"))`: the conversion of a constant the program knows is a constant
            known, python_value = C.literal(args[0][1])
            if known and isinstance(python_value, (str, int, float, bool)):
                try:
                    return C.constant(e, CONVERSIONS[func.name](python_value))
                except (TypeError, ValueError, OverflowError):
                    return None
        if func.name in ("zip", "enumerate") and args:
            return iterated(e, func.name, args, kwargs)
        if func.name in ("map", "filter") and len(args) >= 2 and not kwargs:
            # a lazy iterator pickles as (function, iterators): refused when its function is (the catalog's
            # builtins.map:lambda; timecorr #21 returned `map(local_helper, timepoints)` from a pool task)
            return V.Partial(e, args[0][1], [v for _, v in args[1:]], made_by=func.name)
        if func.name in ("dict", "list", "tuple", "set", "frozenset"):  # containers keep their items
            mapping = func.name == "dict"
            if len(args) == 1 and not kwargs:  # list(iterable) holds the iterable's items, not the iterable
                value = args[0][1]
                if type(value) is V.Param and not mapping:
                    # `tuple(args)`, `list(gen)` of a parameter: a new container of its items (a generator the
                    # callers pass is consumed here: fatiando #295), which flow reads when a rule asks
                    return V.Sequence(e, [V.Element(value.node, value)])
                if type(value) is V.Param:
                    return value
                if type(value) is V.Union:
                    value = union(o if type(o) is V.Param else V.Sequence(e, list(o.items), o.mapping)
                                  for o in value.options if type(o) in (V.Param, V.Sequence))
                    if value is not None:
                        return value
                    return V.Sequence(e, [], mapping)
                if mapping:
                    return V.Sequence(e, list(value.items) if type(value) is V.Sequence and value.mapping else [],
                                      mapping=True)
                item = element(value)
                return V.Sequence(e, [item] if item is not None else [])
            if mapping and len(args) == 1 and type(args[0][1]) is V.Sequence and args[0][1].mapping:
                # `dict(base, start_index=i)`: base's values and the keywords (keyed lookups give any of them)
                return V.Sequence(e, [*args[0][1].items, *(v for _, v in kwargs.values())], True)
            return V.Sequence(e, [v for _, v in args] + [v for _, v in kwargs.values()], mapping)
        return None
    summary = walker.returns_of(func)
    if summary is not None and summary.kind == "closure":
        made = chosen_definition(definition, summary.local_name, e, args, kwargs, walker.parents,
                                  facts.call_sites, bound)
        chooser = (e, args, kwargs, bound) if made is None and len(definitions_named(definition, summary.local_name)) > 1 \
            else None
        return V.Callable(e, "closure", summary.local_name, definition,
                          f"'{summary.local_name}' returned by {func.name}()", made=made, chooser=chooser)
    if isinstance(definition, (ast.FunctionDef, ast.AsyncFunctionDef)) and _is_generator(walker, definition):
        if rewrapped(definition):  # `@contextmanager`: a context manager, whose `with ... as` binds a yield
            return None
        # its items: what its `yield`s give, asked when a rule needs them (its body may be walked later)
        items = V.CallResult(e, definition, yields=True) if type(definition) is ast.FunctionDef else None
        return V.Unpicklable(e, "generator", errors.text("generator"), yields=items)
    if type(definition) is ast.FunctionDef:
        # What a function of this module returns: known now if it was walked before this call,
        # else asked when a rule needs it.
        if definition not in walker._done:
            return V.CallResult(e, definition, bound=bound)
        info = facts.functions.get(definition)
        if info is not None and info.returns:
            # the returns this call can reach, by the parameter tests before them (`if plain: return ...`)
            return returned(reachable_returns(info.returns, definition, e, walker.parents, bound), facts.return_reach,
                            facts.return_choice)
    return None


def _passed_strings(walker, value) -> list[str] | None:
    """The strings the callers walked so far pass for a parameter (`launch(self, name)` called as
    `job.launch("step_go")`), or None when one of them passes anything else, or none is known."""
    if type(value) is not V.Param or value.kind != "positional":
        return None
    names = []
    for site in sites_of(walker.facts.call_sites, value):
        passed = bind_argument(value.function, site, value)
        node = getattr(passed, "node", None)
        if not (type(passed) is V.Constant and isinstance(node, ast.Constant) and isinstance(node.value, str)):
            return None
        names.append(node.value)
    return names or None


def _getattr(e, obj, name: ast.expr, passed: list[str] | None = None):
    """`getattr(self, "step_" + name)`: a method of the object, named by a constant or by a constant
    prefix that some of its methods share (then any of them: they all carry the same object), or by a
    parameter whose callers all pass the names of methods.
    `getattr(Converters, "convert_" + kind)` on a class of this module gives its functions themselves."""
    if type(obj) is V.Callable and type(obj.definition) is ast.ClassDef:
        return _class_getattr(e, obj, name, passed)
    if type(obj) is not V.Instance or obj.cls is None:
        return None
    methods = [f.name for f in getattr(obj.cls.definition, "body", ()) if isinstance(f, FUNCS)]
    if isinstance(name, ast.Constant) and isinstance(name.value, str):
        return V.BoundMethod(e, obj, name.value) if name.value in methods else None
    if passed is not None:
        return union(V.BoundMethod(e, obj, m) for m in passed) if all(m in methods for m in passed) else None
    prefix = _name_prefix(name)
    if prefix is None:
        return None
    matching = [m for m in methods if m.startswith(prefix)]
    return union(V.BoundMethod(e, obj, m) for m in matching) if matching else None


def _class_getattr(e, cls: V.Callable, name: ast.expr, passed: list[str] | None = None):
    """A function of the class read off the class (a static method, or a plain function): it pickles by
    its qualified name `Cls.name`, and runs the function's body (what it raises and returns). `passed`:
    the names the name may be (each must be one of its functions)."""
    functions = [f for f in cls.definition.body if isinstance(f, FUNCS)]
    if isinstance(name, ast.Constant) and isinstance(name.value, str):
        matching = [f for f in functions if f.name == name.value]
    elif passed is not None:
        matching = [f for f in functions if f.name in passed] \
            if all(any(f.name == n for f in functions) for n in passed) else []
    else:
        prefix = _name_prefix(name)
        matching = [f for f in functions if prefix is not None and f.name.startswith(prefix)]
    kind = cls.kind if cls.kind != "module" else "method"
    return union(V.Callable(e, kind, f"{cls.name}.{f.name}", f) for f in matching) if matching else None


def _module_getattr(walker, e, module: V.ModuleRef, name: ast.expr, named=None):
    """`getattr(pricing, "quote_" + kind)` on a module of the project: its function of that name, or any
    of its functions whose names start with the constant prefix, or any of the names the name's value
    may be (a name taken from a listing of the module's functions, semantic/members.py; known later when
    the listing is what a function defined below returns). Other modules are not read."""
    definitions = getattr(walker.resolver, "top_definitions", None)
    found = definitions(module.qualified) if definitions is not None else None
    if not found:
        return None
    functions = [n for n, node in found.items() if isinstance(node, FUNCS)]
    if isinstance(name, ast.Constant) and isinstance(name.value, str):
        matching = [name.value] if name.value in functions else []
    elif type(named) in (V.CallResult, V.Element):
        return V.MemberByName(e, module.qualified, named, tuple(functions))
    elif names_of(named) is not None:  # every name must be a function's: one that is not is a value not known
        passed = names_of(named)
        matching = passed if all(n in functions for n in passed) else []
    else:
        prefix = _name_prefix(name)
        matching = [n for n in functions if prefix is not None and n.startswith(prefix)]
    return union(V.ModuleRef(e, f"{module.qualified}.{n}") for n in matching) if matching else None


def _name_prefix(name: ast.expr) -> str | None:
    """`"step_" + name`, `f"step_{name}"`: the constant start of an attribute name built at run time."""
    if isinstance(name, ast.BinOp) and isinstance(name.op, ast.Add) and isinstance(name.left, ast.Constant) \
            and isinstance(name.left.value, str) and name.left.value:
        return name.left.value
    if isinstance(name, ast.JoinedStr) and name.values and isinstance(name.values[0], ast.Constant) \
            and name.values[0].value:
        return name.values[0].value
    return None


def made_unpicklable(node, qualified: str | None) -> V.Unpicklable | None:
    """What a call of `qualified` makes, when pickle refuses it (a lock, an open file, a re.Match, a
    logging handler, ...: the catalog Python itself wrote, `pickle_catalog`)."""
    kind = api_kind(qualified)
    if kind not in UNPICKLABLE or kind in STATE_ONLY:
        found = refused(qualified) if kind in (None, "thread-lookalike") else None  # (threading.local)
        return V.Unpicklable(node, *found, type=refused_type(qualified)) if found is not None else None
    what, error = UNPICKLABLE[kind]
    if kind == "thread.Lock" and qualified.endswith("RLock"):
        error = errors.text("thread_rlock")
    return V.Unpicklable(node, what, error, type=refused_type(qualified))


# `field(default_factory=list)`: factories of empty containers -> whether the container is a mapping
EMPTY_CONTAINERS = {"list": False, "set": False, "dict": True, "builtins.list": False, "builtins.set": False,
                    "builtins.dict": True, "collections.deque": False, "collections.OrderedDict": True,
                    "collections.defaultdict": True}


# `field(default_factory=multiprocessing.SimpleQueue)`: the multiprocessing objects a factory class makes, which
# cross only by inheritance (MP204 in a pool task) and are followed like the same call in `__init__`
SYNC_FACTORIES = ("Queue", "SimpleQueue", "Lock", "Value")


def _field_default(walker, cls: ast.ClassDef, value: ast.expr):
    """A dataclass field's default, as each instance holds it: `= lambda ...`, `field(default=...)`,
    `field(default_factory=threading.Lock)`. Only what pickle refuses is kept; anything else is unknown."""
    if isinstance(value, ast.Call) and callee_name(value) == "field":
        keywords = {k.arg: k.value for k in value.keywords}
        if "default_factory" in keywords:
            factory = keywords["default_factory"]
            if isinstance(factory, ast.Lambda):  # `default_factory=lambda: defaultdict(lambda: "queued")`
                return _field_default(walker, cls, factory.body) if isinstance(factory.body, ast.Call) else None
            qualified = walker.imports.qualify(factory)
            if (qualified or getattr(factory, "id", None)) in EMPTY_CONTAINERS:
                qualified = qualified or factory.id  # a fresh empty container per instance, filled later
                return V.Sequence(value, [], EMPTY_CONTAINERS[qualified])
            if api_kind(qualified) in SYNC_FACTORIES:  # `field(default_factory=mp.SimpleQueue)`: each instance's own
                return V.MPObject(factory, api_kind(qualified), None,  # (made with the default context)
                                  named_type=named_type(qualified.rsplit(".", 1)[-1]) or "",
                                  factory=qualified.rsplit(".", 1)[-1])
            return made_unpicklable(factory, qualified) or _factory_result(walker, factory)
        value = keywords.get("default")
    if isinstance(value, ast.Lambda):
        return V.Unpicklable(value, "lambda default",
                             errors.text("lambda", qualname=f"{cls.name}.<lambda>", module="__main__"))
    if isinstance(value, ast.Call):
        qualified = walker.imports.qualify(value.func)
        if qualified == "collections.defaultdict" and value.args and isinstance(value.args[0], ast.Lambda):
            factory = value.args[0]  # pickled with the dict
            return V.Sequence(value, [], True, [V.Callable(factory, "lambda", "<lambda>", factory)])
        return made_unpicklable(value, qualified)
    return None


def _class_field_default(walker, name: str, value: ast.expr):
    """A dataclass field whose default names a class (`binner_cls: type = OptimalBinning`), of this module or of
    another project module, when nothing in the module assigns an attribute of that name: the class, so that
    `self.binner_cls(...)` makes an instance of it."""
    if type(value) is not ast.Name:
        return None
    bound = walker.facts.module_env.get(value.id)
    if type(bound) is V.Callable and isinstance(bound.definition, ast.ClassDef) and bound.kind == "module":
        found = bound
    elif type(bound) is V.ModuleRef and isinstance(_project_class(walker, bound.qualified), ast.ClassDef):
        found = bound
    else:
        return None
    stored = stored_names(walker)
    return found if stored is not None and name not in stored else None


def _project_class(walker, qualified: str):
    """The ClassDef of a class of another project module, else None."""
    lookup = getattr(walker.resolver, "class_definition", None) if walker.resolver is not None else None
    found = lookup(qualified) if lookup is not None else None
    return found[0] if found is not None else None


def _factory_result(walker, factory: ast.expr):
    """What `field(default_factory=make_client)` gives each instance: the result of calling a function of
    this module (resolved by the flow when it reaches a child) or of another project module (resolved
    only if it reaches a child). Anything else is unknown."""
    if type(factory) is not ast.Name:
        return None
    bound = walker.facts.module_env.get(factory.id)
    if type(bound) is V.ModuleRef and walker.resolver is not None \
            and walker.resolver.definition_kind(bound.qualified) == "function":
        return V.Returned(factory, bound.qualified)
    if type(bound) is V.Callable and bound.kind == "module" and type(bound.definition) is ast.FunctionDef \
            and not bound.definition.decorator_list and not _is_generator(walker, bound.definition):
        return V.CallResult(factory, bound.definition)
    return None


def container_call(e, container: V.Sequence, name: str, args, kwargs):
    """A method of a container the walker follows: items added are kept, items taken are any of them."""
    values = [v for _, v in args]
    if name in ("append", "add", "appendleft"):
        container.items.extend(values[-1:])
    elif name == "insert":
        container.items.extend(values[1:2])
    elif name in ("extend", "update", "extendleft"):
        for value in values:
            found = contents(value)
            if found is not None:
                container.items.append(found)
        container.items.extend(v for _, v in kwargs.values())
    elif name == "setdefault":
        container.items.extend(values[1:2])
        return union(container.items)
    elif name in ("get", "pop"):
        if container.mapping and args and isinstance(args[0][0], ast.Constant) and isinstance(container.node, ast.Dict):
            return _keyed(container, args[0][0], values[1:2])
        if container.mapping and args and callers_key(values[0]) and isinstance(container.node, ast.Dict):
            # `FILTERS.get(name)` with `name` what the callers pass: the item under their key (as `FILTERS[name]`)
            return union([looked_up(args[0][0], container, values[0]), *values[1:2]])
        return union([*container.items, *values[1:2]])
    elif name in ("popleft", "popitem"):
        return union(container.items)
    elif name == "values":
        return V.Sequence(e, list(container.items))
    elif name == "items":
        return V.Sequence(e, [V.Sequence(e, [None, union(container.items)])])
    elif name == "copy":
        return V.Sequence(e, list(container.items), container.mapping, list(container.held))
    return None


def _keyed(container: V.Sequence, key: ast.Constant, default: list):
    """`table.get("invert", fallback)`: the item under that key (flow.item), or the fallback when the literal does
    not hold the key (an item stored later may not be there)."""
    if any(isinstance(k, ast.Constant) and k.value == key.value for k in container.node.keys):
        return item(container, key)
    return union([item(container, key), *default])


def _is_generator(walker, definition) -> bool:
    if definition in walker.index.scopes:  # this module's (another module's has no scope here)
        return walker.has_yield(definition)
    return any(isinstance(n, (ast.Yield, ast.YieldFrom)) for n in nodes_in(definition))


def _foreign_callable_object(walker, qualified: str) -> bool:
    """Is `qualified` a class of another project module that defines `__call__`, itself or through its project bases
    (an object made by calling it is called through that method)?"""
    return method_owner(walker.resolver, qualified, "__call__") is not None


def _function_result(walker, value: V.Returned) -> bool:
    """What a function of another module returned (a list it built), not an object of its class (whose
    `add` is a method of that class: a project call)."""
    return walker.resolver is not None and walker.resolver.definition_kind(value.qualified) == "function"


def _self_attribute(expr) -> bool:
    """`self.<name>` (the object a method runs on)."""
    return type(expr) is ast.Attribute and type(expr.value) is ast.Name and expr.value.id == "self"


def _project_call(walker, e, func: V.ModuleRef, args, kwargs, w):
    info = walker.facts.functions.get(w.function)
    (info.calls if info is not None else walker.facts.module_calls).append((func, e, w))
    walker.facts.project_calls.append((e, func.qualified, args, kwargs, w))
    if func.qualified.count(".") >= 1:  # a registry's lookup gives its item; a registrar's call registers
        looked_up = walker.tables.call(e, func.qualified, args, kwargs)
        if looked_up is not None:
            return looked_up
    made = _returned_pool(walker, func.qualified)
    if made is not None:  # `worker = sarses.prefork_worker_pool(1)`: the pool that helper makes (semantic/returned_pools)
        return pool_value(e, made)
    return V.Returned(e, func.qualified, args=[v for _a, v in args] + [v for _a, v in kwargs.values()],
                      keywords={k: v for k, (_a, v) in kwargs.items() if k is not None})


def _returned_pool(walker, qualified: str):
    """returned_pools.returned_pool, once per function of another module a walk calls."""
    memo = walker.__dict__.setdefault("_returned_pools", {})
    if qualified not in memo:
        memo[qualified] = returned_pool(walker.resolver, qualified)
    return memo[qualified]


def _thread_run(lineage, qualify):
    """The `run` method a threading.Thread (or Timer) subclass defines itself (or a base of its module does),
    else None: a class that only passes a `target` to Thread runs that, not followed here."""
    if not any(api_kind(qualify(base)) == "Thread" for c in lineage if isinstance(c, ast.ClassDef) for base in c.bases):
        return None
    return next((f for c in lineage if isinstance(c, ast.ClassDef) for f in c.body
                 if isinstance(f, FUNCS) and f.name == "run"), None)


def _foreign_thread(walker, e, qualified: str, w):
    """`LogStreamer()` of another project module, a Thread subclass with its own `run()`: a Thread (its run() is
    read by rules through `subclass`; no target value, as its names are that module's)."""
    found = getattr(walker.resolver, "class_definition", None)
    found = found(qualified) if found is not None and qualified.count(".") >= 1 else None
    if found is None or _thread_run([found[0]], found[1].qualify) is None:
        return None
    value = V.MPObject(e, "Thread", None, subclass=found[0])
    walker.facts.creations.append(Creation(e, "Thread", w, value, None))
    return value


def _makes_own_workers(cls: ast.ClassDef) -> bool:
    """A Pool subclass that defines `Process` (a staticmethod or class attribute making non-daemonic workers), or
    whose `__init__` hands Pool a `context` (one whose Process is such a class): the NoDaemonPool recipes."""
    for stmt in cls.body:
        if isinstance(stmt, FUNCS) and stmt.name == "Process":
            return True
        if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "Process" for t in stmt.targets):
            return True
        if isinstance(stmt, FUNCS) and stmt.name == "__init__" and any(
                isinstance(n, ast.keyword) and n.arg in ("context", None) for n in nodes_in(stmt)):
            return True
    return False


def _daemon_in_init(cls: ast.ClassDef) -> bool:
    """`self.daemon = True` or `super().__init__(daemon=True)` in the subclass's __init__."""
    for stmt in cls.body:
        if isinstance(stmt, ast.FunctionDef) and stmt.name == "__init__":
            for node in nodes_in(stmt):
                if isinstance(node, ast.Assign) and any(isinstance(t, ast.Attribute) and t.attr == "daemon"
                                                        for t in node.targets):
                    return isinstance(node.value, ast.Constant) and node.value.value is True
                if isinstance(node, ast.Call) and any(k.arg == "daemon" and isinstance(k.value, ast.Constant)
                                                      and k.value.value is True for k in node.keywords):
                    return True
    return False


def _starts_self(walker, cls: ast.ClassDef, name: str) -> ast.Call | None:
    """The `self.start()` call in the method `name` of the class (or of a base class of this module)."""
    method = next((f for c in walker.facts.lineage(cls) for f in getattr(c, "body", ())
                   if isinstance(f, FUNCS) and f.name == name), None)
    if method is None or not method.args.args or method.args.args[0].arg != "self":
        return None
    return next((node for node in nodes_in(method) if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                 and node.func.attr == "start" and isinstance(node.func.value, ast.Name)
                 and node.func.value.id == "self" and not node.args), None)


def _process_base_context(walker, cls: ast.ClassDef) -> V.Context | None:
    """The context whose `Process` the class derives from (`class Worker(ctx.Process)`, through its own base
    classes too), whose start method its instances start with; None for `multiprocessing.Process` (the
    default context) or when not known."""
    for base in (b for c in walker.facts.lineage(cls) if isinstance(c, ast.ClassDef) for b in c.bases):
        value = walker.lookup(base, walker.facts.module_env)
        if isinstance(value, V.BoundMethod) and isinstance(value.instance, V.Context) and value.name == "Process":
            return value.instance
    return None


def _is_process_subclass(walker, cls: ast.ClassDef) -> bool:
    """A class of this module deriving from Process, directly or through its own base classes
    (`class GoogleEnum(EnumeratorThreaded)` where `EnumeratorThreaded(multiprocessing.Process)`)."""
    lineage = walker.facts.lineage(cls)
    bases = [base for c in lineage if isinstance(c, ast.ClassDef) for base in c.bases]
    for base in bases:
        qualified = walker.imports.qualify(base)
        if api_kind(qualified) in PROCESS_KINDS:
            return True
        value = walker.lookup(base, walker.facts.module_env)
        if isinstance(value, V.BoundMethod) and isinstance(value.instance, V.Context) and value.name == "Process":
            return True
    return False


def _bound_locally(env, name: str) -> bool:
    return name in env or any(name in scope for scope in env.outer)


def _made_class(walker, e: ast.Call, w):
    """The class `type(name, bases, namespace)` makes in a function, when pickle cannot find it by its name: a
    local class (refused by name; dill too when it refers to itself). Anything else stays unknown."""
    made = made_class(e, w.function, walker.parents)
    if made is None:
        return None
    name, refers = made
    return V.Callable(e, "local_class", name, e, SELF_REFERENCE if refers else "")
