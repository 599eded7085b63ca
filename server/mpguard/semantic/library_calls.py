"""Calls of third-party libraries that hand work to child processes, as `data/boundaries.json` describes
them: the same facts as multiprocessing's (a Creation for the pool, a Submit per task), with the
library's serializer and start method on the pool object, so the rules judge them with the same codes."""
from __future__ import annotations

import ast

from mpguard.semantic import values as V
from mpguard.semantic.boundaries import Boundary, delayed_makers, lookup, method_boundaries
from mpguard.semantic.cli_args import literal
from mpguard.semantic.facts import Creation, Effect, Start, Submit
from mpguard.semantic.flow import element, item, unchanged_dict, unstarred
from mpguard.semantic.standing_settings import UNREAD, Setting, many_jobs, setting_call, standing_setting

SCHEDULER_KEYS = ("scheduler", "get")
SCHEDULER_METHODS = V.SCHEDULER_METHODS


def _arg(args, kwargs, spec):
    """The (expr, value) given for a parameter described as [position, keyword]."""
    index, name = spec
    if name in kwargs:
        return kwargs[name]
    if index is not None and index < len(args) and not isinstance(args[index][0], ast.Starred):
        return args[index]
    return None


def _const(pair):
    """The constant an argument is: written in the call, or a value the program computes with the
    defaults of its settings (`workers=args.workers`, semantic/cli_args)."""
    if not pair:
        return None
    if isinstance(pair[0], ast.Constant):
        return pair[0].value
    known, value = literal(pair[1])
    return value if known else None


def _in_parent(args, kwargs, boundary) -> bool:
    """The entry's `in_parent` arguments: a value among `values` runs the work in the parent (parmap's
    `pm_parallel=False`, pqdm's `n_jobs=1`); a value not known counts as that with `"unknown": "silent"`
    (say nothing), as a pool with `"unknown": "pool"`."""
    for spec in boundary.get("in_parent", ()):
        pair = _arg(args, kwargs, spec["arg"])
        if pair is None:
            continue
        value = _const(pair)
        if value is None and not (isinstance(pair[0], ast.Constant) and pair[0].value is None):
            if spec.get("unknown") == "silent":
                return True
            continue
        if value in spec.get("values", ()):
            return True
    return False


def _daemonic(pool, boundary, args, kwargs) -> None:
    """The entry's `daemonic`: true (the library's workers always are: a multiprocessing.Pool's), or
    [position, keyword, default] (mpire's `daemon=True`; a value not known: not daemonic)."""
    spec = boundary.get("daemonic")
    if spec is True:
        pool.daemon = True
    elif spec:
        *where, default = spec
        given = _arg(args, kwargs, where)
        pool.daemon = default if given is None else _const(given) is True


def _known(pair) -> bool:
    """An argument whose value is written in the call (a constant), not computed."""
    return pair is None or isinstance(pair[0], ast.Constant)


def library_call(walker, e, boundary: Boundary, args, kwargs, w):
    """A call of a cataloged constructor or function: the value it makes (a pool), or None."""
    kind = boundary.kind
    if kind == "pool":
        return _pool(walker, e, boundary, args, kwargs, w)
    if kind == "parallel":
        return _parallel(walker, e, boundary, args, kwargs, w)
    if kind == "call":
        name = boundary.qualified.rsplit(".", 1)[1]
        if _in_parent(args, kwargs, boundary):
            return None
        given = _arg(args, kwargs, boundary.get("pool_arg")) if boundary.get("pool_arg") else None
        if given is not None and not (_const(given) is None and isinstance(given[0], ast.Constant)):
            # parmap's `pm_pool=pool`: the tasks run on the caller's pool, with its context and serializer
            if type(given[1]) is V.MPObject and given[1].kind in ("Pool", "LibPool"):
                _task(walker, e, given[1], name, boundary.get("task"), args, kwargs, w)
            return None  # (a pool we do not follow: nothing said)
        method, elsewhere, serializer = _context_choice(args, kwargs, boundary, boundary.get("method"), None,
                                                        boundary.get("serializer"))
        pool = _pool_object(walker, e, boundary, method, elsewhere, serializer, w)
        _daemonic(pool, boundary, args, kwargs)
        _task(walker, e, pool, name, boundary.get("task"), args, kwargs, w)
        return None
    if kind == "cluster":
        address = _arg(args, kwargs, boundary.get("address"))
        if address is not None or _const(kwargs.get("processes")) is False or "processes" in kwargs \
                and not _known(kwargs["processes"]):
            # connects to a running scheduler, or runs threads: no process starts here, but a Client's tasks
            # (`client.submit(f, x)`, `client.map(f, xs)`) still cross with cloudpickle (distributed #2056)
            return _pool_object(walker, e, boundary, "spawn", None, boundary.get("serializer"), w) \
                if boundary.get("tasks") else None
        pool = _pool_object(walker, e, boundary, "spawn", None, boundary.get("serializer"), w)
        walker.facts.starts.append(Start(e, pool, w))
        return pool
    if kind == "scheduler":
        bags = [v for _, v in args if type(v) is V.MPObject and v.kind == "DaskBag"]
        return scheduler_call(walker, e, boundary, kwargs, w, bags[0].boundary if bags else None, args,
                              [f for bag in bags for f in bag.functions])
    if kind == "bag":  # a dask.bag collection: its compute() runs on processes unless told otherwise
        return V.MPObject(e, "DaskBag", boundary=boundary)
    if kind == "server":
        _server(walker, e, boundary, args, kwargs, w)
    if kind == "loader":
        return _loader(walker, e, boundary, args, kwargs, w)
    if kind == "trainer":  # Lightning's Trainer: its strategy may spawn or fork processes in fit()
        return _trainer(walker, e, boundary, args, kwargs, w)
    if kind == "interpreters":  # Python 3.14's InterpreterPoolExecutor: subinterpreters, not processes
        pool = V.MPObject(e, "InterpreterPool", None, boundary=boundary)
        _interpreter_initializer(walker, e, pool, args, kwargs, w)
        return pool
    return None


def processes_call(walker, e, boundary: Boundary | None, args, kwargs, w) -> None:
    """`torch.multiprocessing.spawn(fn, args=(...), nprocs=N)` (always spawn) and `start_processes(...,
    start_method=...)` (spawn unless told otherwise): processes started now, each running `fn(i, *args)`.
    The process index comes first, so the flow sees `args` from the target's second parameter on."""
    entry = boundary.entry if boundary is not None else {}
    method = entry.get("method", "spawn")
    chosen = _arg(args, kwargs, entry["start_method"]) if entry.get("start_method") else None
    if chosen is not None:
        method = _const(chosen) if isinstance(_const(chosen), str) else "unknown"
    fn = _arg(args, kwargs, entry.get("fn", (0, "fn")))
    value = V.MPObject(e, "Process", method, start_seen=True, boundary=boundary)
    fact = Creation(e, "Process", w, value, method, fn[1] if fn else None, fn[0] if fn else None)
    pair = _arg(args, kwargs, entry.get("args", (1, "args")))
    if pair:
        if entry.get("index_first", True):
            fact.args.append((e, V.Constant(e, 8)))  # the process index i of fn(i, *args)
        fact.args.extend((pair[0], item) for item in _items(pair[1]))
    walker.facts.creations.append(fact)
    walker.facts.starts.append(Start(e, value, w))


def _loader(walker, e, boundary, args, kwargs, w):
    """`DataLoader(dataset, num_workers=4, collate_fn=...)`: when iterated it starts worker processes
    that receive the dataset, sampler, collate_fn and worker_init_fn (pickled under spawn and
    forkserver). Only a constant num_workers > 0 counts: written in the call, or known once the walk is over
    (`num_workers=config.workers` of a parameter: the call sites say how many, settle_counts)."""
    given = _arg(args, kwargs, boundary.get("num_workers"))
    workers = _const(given)
    later = given[1] if given is not None and type(given[1]) in (V.Param, V.Element, V.CallResult) else None
    if later is None and (not isinstance(workers, int) or isinstance(workers, bool) or workers <= 0):
        return None
    method = None
    context = _arg(args, kwargs, boundary.get("context"))
    if context is not None:
        chosen = _const(context)
        method = chosen if isinstance(chosen, str) else context[1].method if isinstance(context[1], V.Context) \
            else None if chosen is None and isinstance(context[0], ast.Constant) else "unknown"
    crossing = []
    for name, spec in boundary.get("crossing", {}).items():
        pair = _arg(args, kwargs, spec)
        if pair is not None:
            crossing.append((name, pair[0], pair[1]))
    value = V.MPObject(e, "Loader", method, boundary=boundary)
    walker.facts.effects.append(Effect("loader", e, w, (value, crossing)))
    if later is not None:
        walker.facts.pending_counts.append((value, later, 0))  # (one worker is already a child process)
    return value

def _trainer(walker, e, boundary, args, kwargs, w):
    """`Trainer(strategy="ddp_spawn")` (or `DDPSpawnStrategy()`, or `accelerator="ddp_spawn"` before 1.5):
    its fit/validate/test/predict start processes with the strategy's start method and pickle the Trainer
    and what the call is given. Any other strategy (the default "ddp" runs the script again with
    subprocess), or one we cannot read: None."""
    chosen = _arg(args, kwargs, boundary.get("strategy"))
    if chosen is None:
        chosen = next((kwargs[k] for k in boundary.get("legacy_strategy", ()) if k in kwargs
                       and _const(kwargs[k]) in boundary.get("strategies", {})), None)
    devices = _const(kwargs.get("devices")) if _known(kwargs.get("devices")) else None
    if chosen is None:  # Fabric(accelerator="tpu", devices=8): the XLA strategy (the connector's choice)
        implied = boundary.get("accelerator_strategies", {}).get(_const(kwargs.get("accelerator")))
        if implied is None or not isinstance(devices, int) or isinstance(devices, bool) or devices <= 1:
            return None
        chosen = (ast.Constant(implied), None)
    method = None
    name = _const(chosen)
    executor = boundary.get("executor_strategies", {})
    if isinstance(name, str) and name in executor:
        if devices == 1:
            return None  # one device: the function runs in the parent
        # torch_xla's spawn runs the function through a ProcessPoolExecutor: pickled whatever the method
        return _pool_object(walker, e, boundary, executor[name], None, boundary.get("serializer"), w)
    if isinstance(name, str):
        method = boundary.get("strategies", {}).get(name)
    elif isinstance(chosen[0], ast.Call):
        spec = boundary.get("strategy_classes", {}).get(walker.imports.qualify(chosen[0].func))
        if spec is not None:
            position, keyword, default = spec
            keywords = {k.arg: k.value for k in chosen[0].keywords}
            given = keywords.get(keyword) if keyword else None
            if given is None and position is not None and position < len(chosen[0].args):
                given = chosen[0].args[position]
            method = default if given is None else given.value if isinstance(given, ast.Constant) \
                and isinstance(given.value, str) else None
    if method == "fork":  # ddp_fork, ddp_notebook: the children inherit the Trainer, nothing is pickled
        return V.MPObject(e, "LibFork", "fork", boundary=boundary)
    if method not in ("spawn", "forkserver"):
        return None
    return _pool_object(walker, e, boundary, method, None, boundary.get("serializer"), w)


def _server(walker, e, boundary, args, kwargs, w) -> None:
    """`uvicorn.run(app, workers=4)` or `reload=True` with the application object, not its import
    string: uvicorn refuses to start (its worker processes import the application by name)."""
    app = _arg(args, kwargs, boundary.get("app"))
    given = tuple(_arg(args, kwargs, boundary.get(name)) or _spread_later(kwargs, boundary.get(name)[1])
                  for name in ("workers", "reload"))
    needs = server_needs(*(_const(pair) for pair in given))
    # (what a helper of another project module returns, `workers=resolve_workers(args.workers)`: computed by
    # the rule for literal arguments)
    later = needs is None and any(pair is not None and type(pair[1]) in (*_LATER, V.Returned) for pair in given)
    if app is None or not (needs or later):
        return
    # an application known once the walk is over (`app = self.build_app()`): the rule resolves it too
    app_later = None
    if not _application_object(walker, app):
        if type(app[1]) not in _LATER or isinstance(app[0], (ast.Constant, ast.JoinedStr)):
            return
        app_later = app[1]
    # a value known once the walk is over (`reload=conf["reload"]` of `conf = settings()`): the rule
    # resolves it (rules/libraries.py)
    values = tuple(pair[1] if pair is not None else None for pair in given) if later else None
    detail = (boundary.library, needs, app[0], values) + ((app_later,) if app_later is not None else ())
    walker.facts.effects.append(Effect("server-app-object", e, w, detail))


_LATER = (V.Param, V.CallResult, V.Element)


def _spread_later(kwargs, keyword: str):
    """`uvicorn.run(app, **cfg)` with `cfg = settings()`: the `keyword` item of a mapping known only once the
    walk is over, looked up then (flow.resolve of an Element with a constant key). None otherwise."""
    spread = kwargs.get(None)
    if spread is None or type(spread[1]) not in _LATER:
        return None
    key = ast.copy_location(ast.Constant(keyword), spread[0])
    return (spread[0], V.Element(spread[0], spread[1], key=key))


def server_needs(workers, reload) -> str | None:
    """Why a server needs the application's import string: more than one worker, or the reloader."""
    if isinstance(workers, int) and not isinstance(workers, bool) and workers > 1:
        return "workers"
    return "reload" if reload is True else None


def _application_object(walker, pair) -> bool:
    """Surely not an import string: a function or class of this module, an instance, or a name bound
    at module level to a call of a class (`app = FastAPI()`)."""
    expr, value = pair
    if isinstance(expr, (ast.Constant, ast.JoinedStr, ast.BinOp)) or type(value) is V.Constant:
        return False
    if type(value) in (V.Callable, V.Instance, V.Returned):
        return True
    if isinstance(expr, ast.Name):
        for stmt in walker.tree.body:
            if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == expr.id for t in stmt.targets):
                call = stmt.value
                name = call.func.attr if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) \
                    else getattr(getattr(call, "func", None), "id", "")
                return bool(name) and name[:1].isupper()
    return False


# values known once the walk is over (what the call sites give): `scheduler=self.scheduler` is the union of the
# parameters each method that stores it was given
LATER = (V.Param, V.Element, V.CallResult)


def scheduler_call(walker, e, boundary: Boundary, kwargs, w, collection: Boundary | None = None, args=(),
                   functions=()):
    """`dask.compute(..., scheduler="processes")`, `bag.compute(scheduler=dask.multiprocessing.get)`,
    or inside `with dask.config.set(scheduler="processes"):`: a pool of spawned processes runs the
    graph now."""
    chosen = next((kwargs[key] for key in SCHEDULER_KEYS if key in kwargs), None)
    if chosen is None:
        chosen = _enclosing_setting(walker, e, set(boundary.get("contexts", ())), "scheduler")
    if chosen is None:  # `dask.config.set(scheduler=...)` as a statement before the call
        chosen = standing_setting(walker, e, Setting(frozenset(boundary.get("settings", ())), "scheduler"))
        chosen = None if chosen is UNREAD else chosen
    if chosen is None:  # the collection's default: processes for a dask.bag
        processes = collection is not None and collection.get("default_scheduler") in boundary.get("schedulers", ())
    else:
        value = chosen[1]
        name = _const(chosen)
        if name is None and chosen[1] is None:  # `dask.config.set(scheduler=SETTINGS["scheduler"])`
            name = _module_constant(walker, chosen[0])
        processes = name in boundary.get("schedulers", ()) or \
            type(value) is V.ModuleRef and value.qualified in boundary.get("scheduler_functions", ())
        # `scheduler=settings["scheduler"]` of what the callers pass: made now, kept once the walk is over only
        # when the call sites give a process scheduler's name (settle_backends)
        later = value if name is None and (type(value) in LATER or type(value) is V.Union and all(
            type(o) in LATER or type(o) is V.Constant for o in value.options)) else None
        processes = processes or later is not None
    if processes:
        pool = _pool_object(walker, e, boundary, boundary.get("method"), None, boundary.get("serializer"), w)
        if chosen is not None and later is not None:
            walker.facts.pending_pools.append((pool, later, None))
        walker.facts.submits.append(Submit(e, pool, "compute", None, None, [], w))
        for expr, func in functions:  # a bag's `.map(f)`: each function of its graph crosses
            walker.facts.submits.append(Submit(e, pool, "compute", func, expr, [], w))
        for expr, value in args:  # `dask.compute(*parts)`: each delayed call's function and arguments cross
            for task in (value, *_elements(value)):
                if type(task) is V.Partial and task.node in walker.facts.delayed:
                    walker.facts.submits.append(Submit(e, pool, "compute", task.func, task.func.node if task.func else None,
                                                       [(expr, v) for v in task.args], w))
    return None


def _module_constant(walker, expr):
    """The constant a module-level name, or a constant key of a module-level dict literal, holds as the walk
    left it (`SETTINGS["scheduler"]` with `SETTINGS = {"scheduler": "processes"}`); None when not known."""
    if isinstance(expr, ast.Name):
        value = walker.facts.module_env.get(expr.id)
    elif isinstance(expr, ast.Subscript) and isinstance(expr.value, ast.Name) and isinstance(expr.slice, ast.Constant):
        container = walker.facts.module_env.get(expr.value.id)
        if not unchanged_dict(container):
            return None  # not a dict literal, or one the program adds to (`SETTINGS["scheduler"] = ...`)
        value = item(container, expr.slice)
    else:
        return None
    known, python_value = literal(value)
    return python_value if known else None


def dask_method(walker, e, receiver, args, kwargs, w):
    """`.compute(scheduler="processes")` on an object the walker does not follow (a dask collection),
    in a module that imports dask (a dask.bag's own compute is its method_call)."""
    if type(receiver) is V.MPObject and receiver.kind == "DaskBag":
        return None
    bag = _returned_bag(walker, receiver)
    if bag is not None:  # `word_counts(lines).compute()` of a function that builds and returns a bag
        return method_call(walker, e, bag, e.func.attr, args, kwargs, w)
    if not any(name.split(".")[0] == "dask" for name in walker.imports.names.values()):
        return None
    boundary = lookup("dask.compute")
    if boundary is None or e.func.attr not in boundary.get("methods", ()):
        return None
    return scheduler_call(walker, e, boundary, kwargs, w, args=[(e.func.value, receiver)] if receiver else ())


def _returned_bag(walker, value):
    """The dask.bag a function of this module returns, when its returns were walked already."""
    if type(value) is not V.CallResult or value.receiver is not None or value.yields:
        return None
    info = walker.facts.functions.get(value.function)
    bags = [v for v, _node in (info.returns if info is not None else ()) if type(v) is V.MPObject and v.kind == "DaskBag"]
    return bags[0] if bags and len(bags) == len(info.returns) else None


def unfollowed(func) -> bool:
    """A method of an object the walker does not model: unknown, made by another module's code, or a
    name of an installed package (`pd.Series(...).parallel_map`)."""
    if func is None or type(func) is V.ModuleRef:
        return True
    return type(func) is V.BoundMethod and type(func.instance) in (V.Returned, V.ModuleRef)


def library_method(walker, e, args, kwargs, w) -> None:
    """`df.parallel_apply(f)` after `pandarallel.initialize()`, `ds.map(f, num_proc=4)`: a method a
    library adds to objects the walker does not follow, in a module that imports the library. The call
    runs a pool now: a Creation for the pool and one Submit for the task (its function, and the
    arguments the entry says cross)."""
    for boundary in method_boundaries().get(e.func.attr, ()):
        module = boundary.get("module")
        if not any(name.split(".")[0] == module for name in walker.imports.names.values()):
            continue
        later = None
        if boundary.get("workers"):
            workers = _arg(args, kwargs, boundary.get("workers"))
            count = _const(workers)
            if workers is not None and type(workers[1]) in (V.Param, V.Element, V.CallResult):
                later = workers[1]  # `num_proc=data_args.preprocessing_num_workers`: the call sites say (settle_counts)
            elif workers is None or not isinstance(count, int) or isinstance(count, bool) or count <= 1:
                # num_proc absent, 1, or not known: runs in the parent, or unknown (a count the program computes
                # from constants, `num_proc=args.num_proc` of an option's default, is the run's count)
                continue
        pool = _pool_object(walker, e, boundary, boundary.get("method"), boundary.get("elsewhere"),
                            boundary.get("serializer"), w)
        _task(walker, e, pool, e.func.attr, boundary.get("task"), args, kwargs, w)
        if later is not None:
            walker.facts.pending_counts.append((pool, later))
        return


def _pool_object(walker, e, boundary, method, elsewhere, serializer, w, creation_kind="LibPool"):
    value = V.MPObject(e, "LibPool", method, boundary=boundary, serializer=serializer or "pickle",
                       elsewhere=elsewhere)
    fact = Creation(e, creation_kind, w, value, method)
    walker.facts.creations.append(fact)
    value.creation = fact
    return value


def _pool(walker, e, boundary, args, kwargs, w):
    method, elsewhere = boundary.get("method"), boundary.get("elsewhere")
    serializer = boundary.get("serializer")
    if boundary.get("start_method"):
        chosen = _arg(args, kwargs, boundary.get("start_method"))
        if chosen is not None:
            method = _const(chosen) if isinstance(_const(chosen), str) else "unknown"
            elsewhere = None
            if method == "threading":
                return None  # mpire's threads: nothing crosses a process boundary
    if boundary.get("use_dill"):
        dill = _arg(args, kwargs, boundary.get("use_dill"))
        if dill is not None and not _known(dill):
            return None  # a serializer we cannot read: say nothing about what crosses
        if _const(dill):
            serializer = "dill"
    method, elsewhere, serializer = _context_choice(args, kwargs, boundary, method, elsewhere, serializer)
    pool = _pool_object(walker, e, boundary, method, elsewhere, serializer, w)
    _daemonic(pool, boundary, args, kwargs)
    fact = pool.creation
    if boundary.get("initializer"):
        init = _arg(args, kwargs, boundary.get("initializer"))
        if init:
            fact.initializer_expr, fact.initializer = init
        initargs = _arg(args, kwargs, boundary.get("initargs"))
        if initargs:
            fact.initargs = [(initargs[0], item) for item in _items(initargs[1])]
    shared = _arg(args, kwargs, boundary.get("shared")) if boundary.get("shared") else None
    if shared:  # mpire's `shared_objects=`: one object handed to each worker, like an initializer's argument
        fact.initargs = [*fact.initargs, shared]
    return pool


def _context_choice(args, kwargs, boundary, method, elsewhere, serializer):
    """(method, elsewhere, serializer) once the call's context argument (the entry's `context`: pebble's
    `context=`, tqdm's `mp_context=`) is read: a multiprocessing context gives its start method (the one
    the stdlib rules use: `get_context("fork")`, a context chosen per platform), the module itself the
    default; anything else is a method we cannot read. multiprocess's contexts make pebble pickle with
    dill (pebble 5). `context_methods`: the only methods the entry reads from the argument (the others keep
    the library's default: they fail another way first, which the entry's note says)."""
    context = _arg(args, kwargs, boundary.get("context")) if boundary.get("context") else None
    if context is None or _const(context) is None and isinstance(context[0], ast.Constant):
        return method, elsewhere, serializer  # not given, or None: the library's default
    names = boundary.get("context_names")
    if names and isinstance(_const(context), str):  # loky's `context="loky_init_main"`: a context by name
        return names.get(_const(context), "unknown"), None, serializer
    if isinstance(context[1], V.Context):
        honoured = boundary.get("context_methods")
        if honoured is not None and (context[1].method not in honoured or context[1].elsewhere):
            return method, elsewhere, serializer  # (tqdm: another method fails first, in its own way)
        return context[1].method, context[1].elsewhere, \
            "dill" if context[1].library in DILL_PACKAGES else serializer
    if isinstance(context[1], V.ModuleRef) and context[1].qualified in ("multiprocessing", *DILL_PACKAGES):
        return method, elsewhere, "dill" if context[1].qualified in DILL_PACKAGES else serializer
    return "unknown", None, serializer


def _items(value) -> list:
    if type(value) is V.Sequence:
        return list(value.items)
    return [value]


def method_call(walker, e, pool: V.MPObject, name: str, args, kwargs, w):
    """A method of a library object: a task when the catalog lists it; what a dask.bag's methods
    return is a dask collection again (`bag.map(f).sum().compute()`)."""
    if pool.kind == "Loader":
        return None
    if pool.kind == "InterpreterPool":
        _interpreter_task(walker, e, pool, name, args, kwargs, w)
        return None
    if pool.kind == "DaskBag":
        if name in SCHEDULER_METHODS:
            compute = lookup("dask.compute")
            if compute is not None:
                scheduler_call(walker, e, compute, kwargs, w, pool.boundary, functions=pool.functions)
            return None
        pool.functions.extend((expr, value) for expr, value in [*args, *kwargs.values()]
                              if type(value) in (V.Callable, V.Partial, V.BoundMethod, V.Param))
        return pool
    if pool.boundary.kind == "trainer":  # trainer.fit(model, datamodule=dm): pickled with the Trainer
        if name in pool.boundary.get("function_tasks", ()):  # fabric.launch(fn, *args): fn(fabric, *args)
            if pool.kind == "LibFork":
                walker.facts.effects.append(Effect("library-fork", e, w, pool))
            else:
                _task(walker, e, pool, name, {"shape": "call"}, args, kwargs, w)
        elif name in pool.boundary.get("tasks", ()):
            if pool.kind == "LibFork":  # forks its processes here (rules/devices.py: CUDA before the fork)
                walker.facts.effects.append(Effect("library-fork", e, w, pool))
            else:
                walker.facts.submits.append(Submit(e, pool, name, None, None, [*args, *kwargs.values()], w))
        return None
    spec = pool.boundary.get("tasks", {}).get(name)
    if spec is not None:
        _task(walker, e, pool, name, spec, args, kwargs, w)
    return None


def _interpreter_task(walker, e, pool, name, args, kwargs, w) -> None:
    """`executor.submit(f, x)` / `executor.map(f, xs)` of an InterpreterPoolExecutor: an effect, not a
    Submit, since what crosses into a subinterpreter is judged by its own rule (rules/interpreters.py)."""
    spec = pool.boundary.get("tasks", {}).get(name)
    if spec is None or not args:
        return
    shape = spec.get("shape")
    crossing = []
    for expr, value in args[1:]:
        crossing.extend((expr, item) for item in (_elements(value) if shape == "map" else [value]))
    if shape != "map":
        crossing.extend(kwargs.values())
    walker.facts.effects.append(Effect("interpreter-task", e, w, (pool, name, args[0], crossing)))


def _interpreter_initializer(walker, e, pool, args, kwargs, w) -> None:
    """`InterpreterPoolExecutor(initializer=f, initargs=(...))`: each worker interpreter runs `f(*initargs)`
    through the same `Interpreter.call` as a task (WorkerContext.initialize -> run(initdata)), so what
    crosses is judged as a task's: an effect named "initializer"."""
    spec = pool.boundary.get("initializer")
    found = _arg(args, kwargs, spec) if spec else None
    if found is None or _const(found) is None and isinstance(found[0], ast.Constant):
        return  # initializer=None
    initargs = _arg(args, kwargs, pool.boundary.get("initargs", (None, "initargs")))
    crossing = [(initargs[0], item) for item in _items(initargs[1])] if initargs is not None else []
    walker.facts.effects.append(Effect("interpreter-task", e, w, (pool, "initializer", found, crossing)))


def _task(walker, e, pool, name, spec, args, kwargs, w) -> None:
    spec = spec or {}
    skip = spec.get("skip", 0)  # pebble's submit(function, timeout, *args)
    if spec.get("func"):  # pqdm(array, function, n_jobs): the function is not the first argument
        func = _arg(args, kwargs, spec["func"])
    else:
        func = args[0] if args else kwargs.get("function") or kwargs.get("func") or kwargs.get("fn") \
            or kwargs.get("f")
    rest = args[1 + skip:]
    pickled = []
    shape = spec.get("shape", "call")
    if shape == "map" and spec.get("iterables"):  # where the iterables are, when not right after the function
        for where in spec["iterables"]:
            pair = _arg(args, kwargs, where)
            if pair is not None:
                pickled.extend((pair[0], item) for item in _elements(pair[1]))
    elif shape == "map":
        count = spec.get("only", len(rest))
        for expr, value in rest[:count]:
            for item in _elements(value):
                pickled.append((expr, item))
        if spec.get("extra"):  # parmap.map(f, items, a, b, key=c): a, b and c go with every task
            reserved = set(spec.get("reserved", ()))
            pickled.extend(rest[count:])
            pickled.extend(pair for key, pair in kwargs.items() if key is not None and key not in reserved)
    elif shape == "apply":
        for key in ("args", "kwargs"):
            pair = _arg(args, kwargs, spec[key]) if spec.get(key) else None
            if pair:
                pickled.extend((pair[0], v) for v in _items(pair[1]))
    else:
        pickled = unstarred(rest) + [pair for key, pair in kwargs.items() if key not in ("function", "func", "fn", "f")]
    walker.facts.submits.append(Submit(e, pool, name, func[1] if func else None, func[0] if func else None,
                                       pickled, w))


def _elements(value) -> list:
    if type(value) is V.Sequence:
        return [] if value.mapping else list(value.items)
    item = element(value)
    return [item] if item is not None else []


# ---- joblib --------------------------------------------------------------------------------------

def _parallel(walker, e, boundary, args, kwargs, w):
    """`Parallel(n_jobs=..., backend=...)`: the backend named here, else by an enclosing
    `with parallel_config(backend=...)`, else loky."""
    backends = boundary.get("backends", {})
    backend = _arg(args, kwargs, boundary.get("backend"))
    if backend is None and ("prefer" in kwargs or "require" in kwargs):
        if _const(kwargs.get("prefer")) == "processes" and "require" not in kwargs:
            backend = None  # loky
        else:
            return None  # prefer="threads" or require="sharedmem": threads (or a choice we cannot read)
    elif backend is None:
        backend = _enclosing_backend(walker, e, boundary)
        if backend is UNREAD:
            return None  # `parallel_config(prefer="threads")` before it: a choice not read here
    name, context = "loky", None
    if backend is not None and _const(backend) is None and type(backend[1]) in _LATER \
            and not isinstance(backend[0], ast.Constant):
        # `backend=self.settings["backend"]` with `self.settings` what `__init__` was given: the name is known
        # once the walk is over (every call site recorded); `settle_backends` then chooses, or forgets the pool
        n_jobs = _arg(args, kwargs, (0, "n_jobs"))
        if n_jobs is None and "backend" not in kwargs and len(args) < 2:  # the enclosing setting's n_jobs=
            setting = setting_call(walker, e, frozenset(boundary.get("contexts", ())))
            n_jobs = _arg(*walker.entered_calls.get(setting, ((), {})), (None, "n_jobs"))
        if n_jobs is None or _const(n_jobs) in (1, None) and isinstance(n_jobs[0], ast.Constant):
            return None  # n_jobs unset or 1: in the parent (a standing setting's n_jobs is not read here)
        pool = _pool_object(walker, e, boundary, None, None, "pickle", w)
        walker.facts.pending_pools.append((pool, backend[1], n_jobs[1] if _const(n_jobs) is None else None))
        return pool
    if backend is not None and isinstance(backend[1], V.Context) and backend[1].library not in DILL_PACKAGES \
            and boundary.get("context_backend") in backends:
        name, context = boundary.get("context_backend"), backend[1]  # Parallel(backend=get_context("spawn"))
    elif backend is not None:
        name = _const(backend)
        if not isinstance(name, str) or name not in backends:
            return None  # a backend object or a name we do not know: say nothing
    chosen = backends.get(name)
    if chosen is None:
        return None  # threads, or in-process
    n_jobs = _arg(args, kwargs, (0, "n_jobs"))
    if n_jobs is not None and _const(n_jobs) in (1, None) and isinstance(n_jobs[0], ast.Constant):
        return None  # n_jobs=1 runs in the parent
    if n_jobs is None:  # unset: 1 (in the parent) unless the parallel_config in force says more (observed)
        setters = frozenset((*boundary.get("contexts", ()), *boundary.get("settings", ())))
        if not many_jobs(walker, setting_call(walker, e, setters), frozenset(boundary.get("jobs_default_many", ()))):
            return None
    if context is not None:
        return _pool_object(walker, e, boundary, context.method, context.elsewhere, chosen.get("serializer"), w)
    pool = _pool_object(walker, e, boundary, chosen.get("method"), None, chosen.get("serializer"), w)
    if backend is None and w.function is not None:  # the default: unless a caller's setting says otherwise
        walker.facts.defaulted_pools.append((pool, w.function))
    return pool


def forget_under_callers_settings(walker) -> None:
    """A `Parallel(...)` that takes the default backend inside a function some caller calls within a
    `with parallel_config(...)` (or after a setting statement): the caller's setting chooses, at run time
    (joblib #718's `with parallel_config(prefer="threads")` around `crawler.crawl()`). Not read: the pool and
    its facts are forgotten (precision first). Callers are followed three calls up."""
    facts, dropped = walker.facts, set()
    for pool, function in facts.defaulted_pools:
        setters = frozenset((*pool.boundary.get("contexts", ()), *pool.boundary.get("settings", ())))
        functions, seen = [function], set()
        for _level in range(3):
            sites = [site for f in functions for site in facts.call_sites.get(f, ())]
            if any(setting_call(walker, site.call, setters) is not None for site in sites):
                dropped.add(id(pool))
                break
            functions = [site.where.function for site in sites if site.where is not None
                         and site.where.function is not None and site.where.function not in seen]
            seen.update(functions)
    facts.defaulted_pools = []
    forget_pools(facts, dropped)


def settle_backends(facts, resolve) -> None:
    """The library pools whose backend was a value known only once the walk is over (`_parallel`): the
    backend the call sites give (a constant, or the constant key of a dict literal the program never adds to)
    chooses the start method and serializer; a thread backend, or one not known, forgets the pool and every
    fact about it (precision first: a pool the program may not make is not judged)."""
    dropped = set()
    for pool, value, n_jobs in facts.pending_pools:
        # (a store of `self.scheduler` in a method this module never calls, swifter's set_dask_scheduler, never ran)
        name = settled_name(value, resolve, lambda o: type(o) is V.Param and o.site is None
                            and not facts.call_sites.get(o.function))
        if pool.boundary.get("schedulers"):  # dask's `scheduler=`: a process scheduler keeps the pool as it was made
            if name not in pool.boundary.get("schedulers"):
                dropped.add(id(pool))
                _callers_choose(facts, pool, value)
            continue
        chosen = pool.boundary.get("backends", {}).get(name) if isinstance(name, str) else None
        if chosen is None or n_jobs is not None and settled_name(n_jobs, resolve) in (1, None):
            # (n_jobs given the same way: 1 runs in the parent; one not known is not taken for many)
            dropped.add(id(pool))
            continue
        pool.method = pool.creation.method = chosen.get("method")
        pool.serializer = chosen.get("serializer") or "pickle"
    facts.pending_pools = []
    forget_pools(facts, dropped)


def _callers_choose(facts, pool, value) -> None:
    """A scheduler named by a parameter (`scheduler`, or `settings["scheduler"]` of a parameter `settings`) of a
    function no call of this module calls: the callers of other modules choose. What their call must pass for
    the pool to be made is kept as a parameter condition (facts.param_spawns, read into the module's summary:
    `compute_grid(grid, SETTINGS)` at an importer's top level starts the processes when its argument may name a
    process scheduler)."""
    key = None
    if type(value) is V.Element and value.attr is None and type(value.key) is ast.Constant \
            and type(value.key.value) is str and not value.spread:
        key, value = value.key.value, value.of
    if type(value) is not V.Param or value.kind != "positional" or value.site is not None \
            or facts.call_sites.get(value.function):
        return
    if any(function is value.function and node is pool.node for function, node, _c, _m in facts.param_spawns):
        return  # (the same call, met again)
    name = value.name if key is None else f"{value.name}[{key!r}]"
    parts = tuple((("eq", name, scheduler), True) for scheduler in pool.boundary.get("schedulers"))
    facts.param_spawns.append((value.function, pool.node, (("any", name, parts), True), pool.method))


def settle_counts(facts, resolve, keep_params: bool = False) -> None:
    """The library method pools whose worker count was a value known only once the walk is over: kept when it
    resolves to a constant above 1 (a constant, an option's default, a field the call sites set), else forgotten
    with every fact about them (None and 1 run in the parent; one not known is not taken for many). An entry may
    name its own least count that runs in the parent (a DataLoader's `num_workers=1` already starts a worker: 0).
    A count that is a parameter no call of the module settles is recorded (`facts.param_counts`): a caller in
    another module may give one; with `keep_params` such a pool is kept, as if it did."""
    dropped = set()
    for pool, value, *least in facts.pending_counts:
        count = settled_name(value, resolve)
        floor = least[0] if least else 1
        if not isinstance(count, int) or isinstance(count, bool) or count <= floor:
            if type(value) is V.Param and value.site is None and value.kind == "positional" \
                    and not facts.call_sites.get(value.function):
                facts.param_counts.append((pool, value, floor))
                if keep_params:
                    continue
            dropped.add(id(pool))
    facts.pending_counts = []
    forget_pools(facts, dropped)


def forget_pools(facts, dropped: set) -> None:
    """Forget the pools whose id() is in `dropped`, and every fact about them."""
    if not dropped:
        return
    facts.creations = [c for c in facts.creations if id(c.value) not in dropped]
    facts.starts = [s for s in facts.starts if id(s.obj) not in dropped]
    facts.submits = [s for s in facts.submits if id(s.pool) not in dropped]
    facts.ops = [o for o in facts.ops if id(o.obj) not in dropped]
    facts.deferred_ops = [o for o in facts.deferred_ops if id(o.obj) not in dropped]
    facts.managers = [m for m in facts.managers if id(m[0]) not in dropped]
    facts.effects = [f for f in facts.effects if not any(
        id(part) in dropped for part in (f.detail if isinstance(f.detail, tuple) else (f.detail,)))]


def settled_name(value, resolve, never=None):
    """The constant `value` (an Element, Param or CallResult) resolves to; an Element's key is looked up
    only in a dict literal the program never adds to. None when not known."""
    known, python_value = settled_literal(value, resolve, never)
    return python_value if known else None


def settled_literal(value, resolve, never=None) -> tuple[bool, object]:
    """(True, the constant) `value` resolves to, None included (`context=None` left out by every call);
    (False, None) when not known. A union is each of its values, resolved alone; `never` picks the values no
    call gives (a parameter of a method nothing calls)."""
    if type(value) is V.Union:
        options = [o for o in value.options if never is None or not never(o)]
        answers = [settled_literal(o, resolve, never) for o in options]
        if options and all(known for known, _v in answers) and len({(type(v), v) for _k, v in answers}) == 1:
            return answers[0]
        return False, None
    if type(value) is V.Element and value.key is not None and value.attr is None:
        container = resolve(value.of)
        if not unchanged_dict(container):
            return False, None  # not a dict literal, or one the program adds to (`SETTINGS["backend"] = ...`)
        value = item(container, value.key)
    found = resolve(value)
    if type(found) is V.Union and found.options:  # every caller gives the same constant (`Runner(xs)` twice)
        answers = {(type(a), a) for a in map(literal, found.options)}
        return next(iter(answers))[1] if len(answers) == 1 and all(literal(o)[0] for o in found.options) else (False, None)
    return literal(found)


def _enclosing_backend(walker, e, boundary):
    """The backend of an enclosing `with parallel_config(...)`, else of a `parallel_config(...)` statement
    before the call (UNREAD: one that chooses with prefer=/require=)."""
    found = _enclosing_setting(walker, e, set(boundary.get("contexts", ())), "backend", ("prefer", "require"))
    if found is None:
        found = standing_setting(walker, e, Setting(frozenset(boundary.get("settings", ())), "backend", True,
                                                    ("prefer", "require", "n_jobs")))
    return found


def _enclosing_setting(walker, e, contexts: set, keyword: str, others: tuple = ()):
    """(expr, None) of the first argument or `keyword=` of an enclosing `with <context>(...)`; UNREAD
    when it chooses with one of `others` instead (`with parallel_config(prefer="threads")`: joblib's
    hint, which picks threads; observed with joblib 1.6.0, tests/corpus/libraries)."""
    node = walker.parents.get(e)
    while node is not None:
        if isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                call = item.context_expr
                if isinstance(call, ast.Call) and walker.imports.qualify(call.func) in contexts:
                    keywords = {k.arg: k.value for k in call.keywords}
                    chosen = call.args[0] if call.args else keywords.get(keyword)
                    if chosen is not None:  # (with the value the walk gave it: `options["backend"]`)
                        given = _arg(*walker.entered_calls.get(call, ((), {})), (0, keyword))
                        return (chosen, given[1] if given is not None and given[0] is chosen else None)
                    if any(k in keywords for k in others) or None in keywords:  # (`**options` too)
                        return UNREAD
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            return None
        node = walker.parents.get(node)
    return None


def is_delayed(walker, qualified: str) -> bool:
    return qualified in delayed_makers()


def delayed_decorator(walker, definition) -> bool:
    """`@dask.delayed def f(...)`: each call makes a deferred task, not a result."""
    return any(walker.imports.qualify(d.func if isinstance(d, ast.Call) else d) in delayed_makers()
               for d in definition.decorator_list)


def parallel_run(walker, e, pool: V.MPObject, args, w) -> None:
    """`Parallel(...)(delayed(f)(x) for x in items)`: each delayed call is a task (its function and
    arguments cross with the backend's serializer)."""
    if not args:
        return
    expr, value = args[0]
    tasks = []
    if isinstance(expr, (ast.GeneratorExp, ast.ListComp)):
        tasks = [walker.facts.delayed.get(expr.elt)]
    else:
        tasks = _elements(value)
    for task in tasks:
        if type(task) is V.Partial:
            walker.facts.submits.append(Submit(e, pool, "Parallel", task.func, task.func.node if task.func else None,
                                               [(expr, v) for v in task.args], w))


# ---- drop-in copies of multiprocessing --------------------------------------------------------------

DILL_PACKAGES = ("multiprocess", "pathos")


def drop_in_package(func) -> str:
    """The package whose multiprocessing classes `func` makes an object of: `billiard.Pool`,
    `multiprocess.get_context("spawn").Process`; "" when not known."""
    if type(func) is V.ModuleRef:
        return func.qualified.split(".")[0]
    if type(func) is V.BoundMethod and type(func.instance) is V.Context:
        return func.instance.library or ""
    return ""


def drop_in_serializer(func) -> str:
    """`multiprocess.Pool`, `multiprocess.get_context("spawn").Process`: multiprocessing's objects,
    whose ForkingPickler is dill's."""
    return "dill" if drop_in_package(func) in DILL_PACKAGES else "pickle"


# ---- BaseManager subclasses ---------------------------------------------------------------------------

def manager_class(walker, cls: ast.ClassDef) -> bool:
    """A class of this module that derives (through this module's classes) from BaseManager."""
    boundary = lookup("multiprocessing.managers.BaseManager")
    if boundary is None:
        return False
    names = {boundary.qualified, *boundary.get("names", ())}
    for c in walker.facts.lineage(cls):
        for base in getattr(c, "bases", ()):
            if walker.imports.qualify(base) in names:
                return True
    return False


def _no_create_method(args, kwargs) -> bool:
    """`register(..., create_method=False)` (or anything but a constant True): no method makes a proxy."""
    pair = _arg(args, kwargs, (5, "create_method"))
    return pair is not None and not (isinstance(pair[0], ast.Constant) and pair[0].value is True)


def manager_call(walker, e, func: V.Callable, cls: ast.ClassDef, args, kwargs, w):
    """`MyManager()` makes a manager whose `start()` launches its server process;
    `MyManager.register(typeid, callable)` adds a callable to the registry that start() pickles."""
    if func.detail == "attribute":
        if func.name.rsplit(".", 1)[-1] == "register":
            typeid = _arg(args, kwargs, (0, "typeid"))
            if typeid is not None and isinstance(typeid[0], ast.Constant) and isinstance(typeid[0].value, str) \
                    and not _no_create_method(args, kwargs):
                walker.facts.manager_typeids.setdefault(id(cls), set()).add(typeid[0].value)
            pair = _arg(args, kwargs, (1, "callable"))
            if pair is not None:
                walker.facts.effects.append(Effect("manager-register", e, w, (cls, pair[0], pair[1])))
        return None
    serializer = "dill" if any(walker.imports.qualify(b) and walker.imports.qualify(b).startswith("multiprocess.")
                               for c in walker.facts.lineage(cls) for b in getattr(c, "bases", ())) else "pickle"
    value = V.MPObject(e, "Manager", None, serializer=serializer,
                       registry=(walker.facts.manager_typeids, tuple(id(c) for c in walker.facts.lineage(cls))))
    context = _arg(args, kwargs, (3, "ctx"))
    if context is not None:
        value.method = context[1].method if isinstance(context[1], V.Context) else "unknown"
    walker.facts.managers.append((value, cls))
    return value


# ---- decorators that run each call in a new process (pebble's @concurrent.process) ----------------------

def process_decorator(walker, definition) -> Boundary | None:
    """The catalog entry of a decorator of `definition` that runs the function in a child process."""
    for decorator in definition.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        boundary = lookup(walker.imports.qualify(target))
        if boundary is not None and boundary.kind == "decorator":
            return boundary
    return None


def decorated_call(walker, e, func: V.Callable, definition, boundary: Boundary, args, kwargs, w):
    """`work(21)` of an `@concurrent.process` function: a process starts now, its target the function
    (found by name in the child), its arguments pickled under spawn and forkserver."""
    method = None
    for decorator in definition.decorator_list:
        if isinstance(decorator, ast.Call):
            for keyword in decorator.keywords:
                if keyword.arg == boundary.get("context", [None, ""])[1]:
                    value = walker.lookup(keyword.value, walker.facts.module_env)
                    method = value.method if isinstance(value, V.Context) else "unknown"
    target = func if func.kind == "closure" else V.Callable(func.node, func.kind, func.name, definition)
    value = V.MPObject(e, "Process", method, boundary=boundary, start_seen=True)
    fact = Creation(e, "Process", w, value, method, target, e.func)
    fact.args = [(expr, v) for expr, v in args] + list(kwargs.values())
    walker.facts.creations.append(fact)
    walker.facts.starts.append(Start(e, value, w))
    return None
