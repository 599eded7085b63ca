"""What a function does through its parameters: fill a container (`def configure(spec):
spec.handlers.append(h)`), or call a method of what it is given (`def schedule(pool, ...):
pool.apply_async(task)`, `self.pool.map(...)` where `__init__` stored the parameter).

The walker evaluates a function once, with its parameters standing for whatever the callers pass
(`values.Param`), so an item added to a parameter's container is added to nothing. It is noted here
instead, and once the whole module is walked (every call site known) added to the container each call
site really passes: the `handlers` list of the JobSpec instance the caller built. A method called on a
parameter is called, in the same way, on each pool or process the callers pass (`flow` resolves the
parameter, through callers of callers up to its depth). A path through something the walker does not
follow is left alone (precision first: never invent)."""
from __future__ import annotations

import ast
from dataclasses import dataclass

from mpguard.semantic import values as V
from mpguard.semantic.boundaries import proxy_call_objects
from mpguard.semantic.flow import bind_argument
from mpguard.semantic.names import api_kind, starts_when_made

# A pool's methods that hand it a task: made again on the pool a call of this module gives (`with self.create_executor()
# as ex: ex.submit(f, x)`, the executor class known only from the receiver's class)
TASK_CALLS = frozenset({"submit", "map", "imap", "imap_unordered", "starmap", "apply", "apply_async", "map_async",
                        "starmap_async"})
# Container methods that add items (calls.container_call keeps what they add).
ADDERS = frozenset({"append", "add", "appendleft", "insert", "extend", "extendleft", "update", "setdefault"})
MAX_PATH = 4  # `spec.io.handlers.append(...)`: attributes followed from the parameter at most
MAX_NOTES = 2000  # notes kept per module (a generated module full of appends stays linear)
MAX_ROUNDS = 3  # rounds of call_on_passed: kept calls reached through call sites that kept calls made


@dataclass(eq=False)
class Note:
    """`<param>.<path...>.<method>(args)` in `function`."""

    call: ast.Call
    param: V.Param
    path: tuple
    method: str
    args: list  # [(expr, value)]
    kwargs: dict


def note(notes: list, e: ast.Call, receiver_value_of, args, kwargs) -> None:
    """Record the call `e` when it adds items to a container reached from a parameter of its function.
    `receiver_value_of(name)` is the value the function's scope binds to a name."""
    func = e.func
    if type(func) is not ast.Attribute or func.attr not in ADDERS or len(notes) >= MAX_NOTES:
        return
    path, node = [], func.value
    while type(node) is ast.Attribute and len(path) < MAX_PATH:
        path.append(node.attr)
        node = node.value
    if type(node) is not ast.Name:
        return
    param = receiver_value_of(node.id)
    if type(param) is not V.Param or param.kind != "positional":
        return
    notes.append(Note(e, param, tuple(reversed(path)), func.attr, list(args), dict(kwargs)))


def replay(notes: list, call_sites: dict, attribute_of, add) -> None:
    """Add each noted item to the container every call site passes. `attribute_of(value, name)` follows
    one attribute of an instance (None when unknown); `add(call, container, method, args, kwargs)` does
    what the container method does."""
    for item in notes:
        function = item.param.function
        for site in call_sites.get(function, ()):
            value = bind_argument(function, site, item.param)
            for name in item.path:
                if type(value) is not V.Instance:
                    value = None
                    break
                value = attribute_of(value, name)
            if type(value) is V.Sequence:
                add(item.call, value, item.method, item.args, item.kwargs)


@dataclass(eq=False)
class Deferred:
    """`<receiver>.<method>(args)` where the receiver is a parameter (or an attribute that holds one), or
    what a call of this module returns (a V.CallResult: `defer_on_result`)."""

    call: ast.Call
    param: V.Param | V.CallResult
    method: str
    args: list
    kwargs: dict
    where: object  # facts.Where of the call
    # made again only on an object of another project module's class the callers pass (`cfg.get(key)` of a dict
    # is an item lookup, read elsewhere; `self.session.get(url, ...)` of a FuturesSession is a project call)
    foreign_only: bool = False
    # made again only on an instance of a class of this module (a method called on an item of what the callers
    # pass: `step.run(...)` for each step of the list given to the constructor)
    instances_only: bool = False


# The `method` of a kept call that calls the parameter's value itself: `mapper(f, xs)` where the callers pass
# `pool.map` (DEAP's `toolbox.map`, a `map_fn=executor.map` argument).
ITSELF = V.CALLED


def defer(deferred: list, e: ast.Call, receiver, args, kwargs, w, method: str | None = None,
          foreign_only: bool = False) -> None:
    """Keep a method call on a parameter's value for `call_on_passed` (the walker could not tell what
    the receiver is while it walked the function). `method`: when the call is made through a name that
    holds the bound method (`mapper = self.pool.map; mapper(f, xs)`), not `receiver.method(...)`; ITSELF
    when the parameter's value is what is called."""
    if type(receiver) is V.Param and receiver.kind == "positional" and len(deferred) < MAX_NOTES:
        deferred.append(Deferred(e, receiver, method or e.func.attr, list(args), dict(kwargs), w, foreign_only))


def defer_on_result(deferred: list, e: ast.Call, receiver: V.CallResult | V.Element, args, kwargs, w, method: str,
                    instances_only: bool = False) -> None:
    """Keep a method call on what a call returns (`Pipeline().add(f)`, `p = make(); p.add(f)`) for
    `replay_on_results`: the walker meets it before the method (or the function) it returns from. Also a method
    called on an item of what the callers pass (`instances_only`: only this module's objects are called)."""
    if len(deferred) < MAX_NOTES:
        deferred.append(Deferred(e, receiver, method, list(args), dict(kwargs), w, instances_only=instances_only))


def replay_on_results(deferred: list, resolve, call) -> None:
    """Make each kept call a call of that method on every instance of a class of this module the call's
    receiver may be (a builder's `return self`, a factory's `return Pipeline()`): `add(f)` is then a
    call site of `Pipeline.add`, so what it stores in `self` holds `f`."""
    for item in deferred:
        value = resolve(item.param)
        classes = set()  # (an item's method: one call per class, however many of its objects the list holds)
        for option in value.options if type(value) is V.Union else (value,):
            # also a container a function returns (`tasks = make_tasks(); tasks.append(f)`): the list the
            # function builds gets the item (for every caller: an over-approximation kept to items added)
            instance = type(option) is V.Instance and option.cls is not None and type(option.cls.definition) is ast.ClassDef
            if item.instances_only and (not instance or option.cls.definition in classes):
                continue
            if item.instances_only:
                classes.add(option.cls.definition)
            if instance or (type(option) is V.Sequence and item.method in ADDERS) \
                    or (type(option) is V.MPObject and option.kind == "DaskBag") \
                    or (type(option) is V.MPObject and option.kind in proxy_call_objects()) \
                    or (type(option) is V.MPObject and option.kind in ("Pool", "Executor")
                        and item.method in TASK_CALLS):
                # (`build(xs).sum().compute()`; `self._manager.get_devices().update(...)`: its arguments are sent)
                call(item.call, V.BoundMethod(item.call.func, option, item.method), item.args, item.kwargs, item.where)


def call_on_passed(deferred: list, call_sites: dict, resolve, call) -> None:
    """Make each kept call on every multiprocessing object a call site passes for its receiver: `call(e,
    bound method, args, kwargs, where)` evaluates it as if the walker had known the receiver (a task
    submitted, a process started). It happens where that call site is (`where`: its function, its
    guard), not in the helper: a helper called at import time with a plain object and from a test with
    a pool starts processes only in the test.

    A call made here is a new call site of its callee, which may hold kept calls of its own (`bus.subscribe(
    event, handler)` made on the instance a caller passes). So the pairs are made in rounds, each round only
    the pairs not made before, at most MAX_ROUNDS: a method that calls itself on what it was given
    (weakref's `update(self, ...)` ending in `self.update(kwargs)`) adds a site per site and never ends."""
    made = set()
    for _ in range(MAX_ROUNDS):
        pairs = [(item, site) for item in list(deferred)
                 for site in list(call_sites.get(item.param.function, ())) if (id(item), id(site)) not in made]
        if not pairs:
            return
        made.update((id(item), id(site)) for item, site in pairs)
        for item, site in pairs:
            _call_at_site(item, site, resolve, call)


def _call_at_site(item: Deferred, site, resolve, call) -> None:
    """The kept call `item` as the call site `site` of its function makes it."""
    function = item.param.function
    value = resolve(bind_argument(function, site, item.param, resolve))
    where = site.where if site.where is not None else item.where
    args = [(e, _at_site(function, site, v)) for e, v in item.args]
    kwargs = {k: (e, _at_site(function, site, v)) for k, (e, v) in item.kwargs.items()}
    for option in value.options if type(value) is V.Union else (value,):
        if item.foreign_only and type(option) is not V.Returned:
            continue
        if item.method == ITSELF:  # `mapper(f, xs)` given `pool.map`: a task submitted to that pool
            if type(option) is V.BoundMethod and type(option.instance) is V.MPObject:
                call(item.call, option, args, kwargs, where)
            elif type(option) is V.ModuleRef and starting_constructor(option.qualified):
                call(item.call, option, args, kwargs, where)  # `pool_cls(n)` given `multiprocessing.Pool`: a pool made
        elif type(option) is V.Instance and option.fields and item.method in option.fields \
                and not _defines(option, item.method):
            # `options.pool_cls(n)` of a dataclass whose field holds the class: `multiprocessing.Pool` makes a pool
            held = resolve(option.fields[item.method])
            if type(held) is V.ModuleRef and starting_constructor(held.qualified):
                call(item.call, held, args, kwargs, where)
        # a multiprocessing object (a task submitted, a process started) or an instance of a class
        # of this module (`bus.subscribe(event, handler)`: a call site of that method)
        # (or of another project module's class: `self.session.get(...)` given a FuturesSession())
        elif type(option) is V.MPObject or type(option) is V.Context or (type(option) is V.Instance and option.cls is not None
                                            and type(option.cls.definition) is ast.ClassDef) \
                or (type(option) is V.Returned and item.method not in ADDERS):
            call(item.call, V.BoundMethod(item.call.func, option, item.method), args, kwargs, where)


def _defines(instance: V.Instance, name: str) -> bool:
    """Does the instance's class (not its bases, which this test does not read) define `name` itself?"""
    cls = instance.cls.definition if instance.cls is not None else None
    return any(getattr(f, "name", None) == name for f in getattr(cls, "body", ()))


def _at_site(function, site, value):
    """An argument of the kept call as this call site passes it: another parameter of the same function
    holds what this caller gives, not what any caller gives. `verify(pool, task)` called with a process
    pool and a function, and by another test with a thread pool and a lambda, submits the lambda only to
    the thread pool. Still a parameter (a finding names it and the line that gives it), of this site."""
    if type(value) is V.Param and value.function is function and value.site is None:
        return V.Param(value.node, function, value.name, value.kind, site=site)
    return value


def starting_constructor(qualified: str) -> bool:
    """A constructor of multiprocessing (or a drop-in copy) whose call starts processes: a Pool, a Manager."""
    return api_kind(qualified) in ("Pool", "Manager") and starts_when_made(qualified)


def defer_item_call(deferred: list, e: ast.Call, callee: V.Element, args, kwargs, w) -> None:
    """Keep a call of what an item or attribute of a parameter holds (`self.config["pool_cls"](n)` of the dict a
    constructor stored) for `construct_items`: what it is, the callers tell once the walk is over."""
    if len(deferred) < MAX_NOTES:
        deferred.append(Deferred(e, callee, ITSELF, list(args), dict(kwargs), w))


def construct_items(deferred: list, resolve, call) -> None:
    """Make each kept call of an item a call of the constructor it holds, where every value the callers may give
    there is one and the same pool or manager constructor (`RL_PIPELINE_CONFIG = {"pool_cls": multiprocessing.Pool}`
    given to the constructor): a pool is made at that call, in its function. A caller giving anything else (a
    thread pool, billiard's pool, an unknown value) leaves it alone (precision first)."""
    for item in deferred:
        value = resolve(item.param)
        options = value.options if type(value) is V.Union else (value,)
        names = {option.qualified if type(option) is V.ModuleRef else None for option in options}
        if len(names) == 1 and None not in names and starting_constructor(options[0].qualified):
            call(item.call, options[0], item.args, item.kwargs, item.where)
