"""Abstract values: what the walker knows an expression evaluates to."""
from __future__ import annotations

import ast
from dataclasses import dataclass, field


# A dask collection's methods give a collection again (`bag.map(f).sum()`) until one of these runs it
# (boundaries.json: dask.compute's "methods").
SCHEDULER_METHODS = frozenset({"compute", "persist"})


# The `method` of a call of the value itself (`executor_cls()`, `mapper(f, xs)` where the value is what the callers
# pass): a V.CallResult's, and a kept call's in semantic/param_calls.
CALLED = "()"


@dataclass(eq=False)
class Value:
    node: ast.AST | None = None


@dataclass(eq=False)
class Context(Value):
    """A `multiprocessing` context; `method` None means the default one. A context chosen per platform
    (`try: get_context("fork") except ValueError: get_context("spawn")`) has the method it has on Linux,
    and `elsewhere` names the platforms where it differs: {"windows": "spawn"}."""

    method: str | None = None
    elsewhere: dict | None = None
    library: str | None = None  # a context of a drop-in fork of multiprocessing ("multiprocess")


@dataclass(eq=False)
class PlatformFlag(Value):
    """A boolean set from a platform or feature test (`IS_WINDOWS = sys.platform == "win32"`): the
    platforms on which it is true."""

    platforms: frozenset = frozenset()


@dataclass(eq=False)
class MPObject(Value):
    """Something multiprocessing made: Process, Pool, Executor, Manager, Queue, Lock, ..."""

    kind: str = ""
    method: str | None = None
    creation: object | None = None  # the facts.Creation that made it
    daemon: bool = False
    subclass: ast.ClassDef | None = None
    elsewhere: dict | None = None  # from a context chosen per platform: {"windows": "spawn"}
    start_seen: bool = False  # its `.start` is read somewhere (called, or handed on)
    kept_by_self: bool = False  # appended to `self.<name>` in the loop that makes it (calls.evaluate_call)
    # a Pool subclass that makes its own worker processes (its own `Process`, or `__init__` passing a `context`):
    # the "NoDaemonPool" recipe, whose workers may have children; whether they are daemonic is not known
    own_workers: bool = False
    # Made by a third-party library (semantic/boundaries.py): its catalog entry, and the serializer
    # its tasks cross with ("pickle", "cloudpickle", "dill").
    boundary: object | None = None
    serializer: str = "pickle"
    # the drop-in copy of multiprocessing whose class made it ("billiard", "multiprocess"); "" for multiprocessing's
    # own or not known: whether a daemonic process may start it depends on it (boundaries.daemon_children_allowed)
    package: str = ""
    # a dask.bag: the functions its graph runs, from `.map(f)`, `.filter(g)`, ... ([(expr, value)]): each
    # crosses with cloudpickle when the bag is computed on processes
    functions: list = field(default_factory=list)
    # a Lock, Queue or Value: the type its "should only be shared ... through inheritance" error names
    # (semantic/inheritance.py: an Event says "Condition"); "" when not known
    named_type: str = ""
    factory: str = ""  # the constructor's own name ("Event", "JoinableQueue"), for messages
    # made at the top of this other project module (semantic/imported_syncs): `node` is in that module's tree
    module: str = ""
    # an instance of a BaseManager subclass: ({id(ClassDef): {typeid}} the module's `register` calls fill, the ids
    # of its class and bases): a method named as a registered typeid makes a proxy (makes_proxy)
    registry: tuple | None = None

    def makes_proxy(self, name: str) -> bool:
        """`manager.get_devices()` on an instance of a BaseManager subclass that registered "get_devices": the
        method makes a proxy (BaseManager._create + proxytype, an AutoProxy by default)."""
        if self.registry is None:
            return False
        typeids, classes = self.registry
        return any(name in typeids.get(c, ()) for c in classes)


@dataclass(eq=False)
class Callable(Value):
    """A reference to a function or class.

    kind: module | method | builtin | imported | lambda | nested | local_class | guard |
    closure (returned by a factory or made by a decorator without functools.wraps).
    """

    kind: str = "module"
    name: str = ""
    definition: ast.AST | None = None
    detail: str = ""
    # Decorators imported from other modules: whether they hide the function is asked lazily.
    decorators: tuple = ()
    # "closure": the factory's local definition this call of it handed out, when its arguments chose one of
    # several of that name (semantic/chosen_defs); None: the factory's last one
    made: ast.AST | None = None
    # ... or, when the arguments are known only at the end of the walk, (factory call, args, kwargs, bound)
    chooser: tuple | None = None


@dataclass(eq=False)
class Partial(Value):
    func: Value | None = None
    args: list = field(default_factory=list)
    made_by: str = ""  # "map" / "filter": a lazy iterator over `func`, which pickles as (func, iterators)


@dataclass(eq=False)
class BoundMethod(Value):
    instance: Value | None = None
    name: str = ""


@dataclass(eq=False)
class Instance(Value):
    cls: Callable | None = None
    args: list = field(default_factory=list)  # values given to the constructor (it may keep them)
    fields: dict | None = None  # a dataclass's or NamedTuple's fields, by name, as the constructor was given them
    label: str = ""  # what an instance without a class is called ("a LogRecord"; "" for a namespace)
    # appended to `self.<name>` in the loop that makes it (calls.evaluate_call): that container keeps several
    kept_in_loop: bool = False


@dataclass(eq=False)
class Unpicklable(Value):
    """An object pickle refuses: a thread lock, an open file, a generator, ..."""

    what: str = ""
    error: str = ""
    yields: object = None  # a generator expression's items: what iterating over it gives
    type: str | None = None  # its type's short name when the catalog knows its methods ("Connection")
    mode: str | None = None  # an open file's mode, when the call gives it as a constant ("r" by default)


@dataclass(eq=False)
class Library(Value):
    """A standard-library object that pickles but whose methods may make one that does not: a compiled
    re.Pattern (its .search() makes an re.Match). `type` is its short type name in the pickle catalog."""

    type: str = ""
    qualified: str = ""  # the factory that made it (`requests.Session`)
    # attribute -> what the program stored in it, for the attributes its __getstate__ pickles
    # (`session.hooks["response"].append(f)`; data/boundaries.json `pickled_state`): pickled with it
    stored: dict = field(default_factory=dict)


@dataclass(eq=False)
class Sequence(Value):
    """A container: a tuple, list or set (its items), or a mapping (its values; a dict literal's keys are its
    node's, the keys of the items stored later are in `under`).
    Items added later (`append`, `d[k] = v`, `update`, ...) are added to `items`."""

    items: list = field(default_factory=list)
    mapping: bool = False
    held: list = field(default_factory=list)  # pickled with it, never an item: a defaultdict's default factory
    keys: list | None = None  # a mapping's keys in the order of `items`, when known (a `**kwargs` binding)
    # a mapping's items added by `table[key] = value`: their index in `items` -> the key's value (a V.Constant, a
    # V.Param of the function that stores it: `def add(name, fn): TABLE[name] = fn`); no entry: a key not known
    under: dict = field(default_factory=dict)
    # the module whose members `inspect.getmembers` listed: (name, member) pairs, given out only through
    # a comprehension that semantic/members.py can narrow (iterating it otherwise gives nothing known)
    enumerates: str = ""


@dataclass(eq=False)
class Union(Value):
    """One of several values: an item taken from a container by an unknown key, the two arms of
    `a if c else b`, every call site's argument for a parameter. Made by `flow.union`, never nested but for
    an `every` union, which stays one option of another."""

    options: list = field(default_factory=list)
    # the item a lookup by a key no one knows gives (`TABLE[name]` with `name` from `sys.argv`): which one it is
    # depends on data the program reads, so a rule reports a problem only when every option has one (flow.every)
    every: bool = False


@dataclass(eq=False)
class CallResult(Value):
    """What a call of a function of this module returns, when the call is walked before the function
    (a module-level call of a function defined above it): resolved by `flow.resolve` when asked."""

    function: object = None
    yields: bool = False  # the items a generator function yields, not what it returns
    # a method called on an object the callers pass (`bundle.jobs()` with `bundle` a parameter): the
    # method is found on each object the receiver resolves to
    receiver: object = None
    method: str = ""
    # a call of the function itself (`bound`: made on its object or class, the first parameter not passed): only
    # the returns its arguments may reach are resolved (`if return_iterator: return (... for ...)`); None: all
    bound: bool | None = None


@dataclass(eq=False)
class Element(Value):
    """Any item of a value known only later (a CallResult or a Param): `pool.map(task, chunks)` where
    `chunks` is what a function defined below returns. Resolved by `flow.resolve` when asked."""

    of: object = None
    contents: bool = False  # a mapping's values too (`d.update(extra)`), not only a sequence's items
    key: object = None  # the constant key of a subscript (`conf["reload"]` of what `settings()` returns)
    attr: str | None = None  # an attribute instead (`config.init_fn` of a parameter): the field it names
    # what `isinstance(x, T)` ruled out (`bytes(c) if isinstance(c, memoryview) else c`): options of type T are
    # dropped once resolved
    excluding: str | None = None
    # a classmethod's `cls.<attr>` that a subclass overrides: {class: its value}, read off the class each call
    # site calls the method on (CallSite.receiver); `fallback` (the defining class's) when no call site is known
    per_class: dict | None = None
    fallback: object = None
    # a keyword of `Pool(**options)` where `options` is known only later (what a helper returns): only the value
    # under a key the mapping surely has (a literal's constant keys and the keys set after it), else nothing
    spread: bool = False
    # an item of `a, b = helpers.load()` (what another module's function returns, unpacked by position): no
    # subscript of the program's own that it could have changed
    unpacked: bool = False
    # `of` stored in a mapping under a parameter of the storing function (`def add(name, fn): TABLE[name] = fn`),
    # taken out under a constant: (that V.Param, the constant). What each call site passing that constant stored
    # (flow.resolve: the key and the value of the same call, `add("invert", invert)`)
    stored: tuple | None = None


@dataclass(eq=False)
class MemberByName(Value):
    """`getattr(module, name)` of a project module, with `name` known only later (taken from what a
    function defined below returns: a listing of the module's functions, semantic/members.py): resolved
    by `flow.resolve` to the module's functions the name may be, when every name is one of `functions`."""

    module: str = ""
    name: object = None
    functions: tuple = ()


@dataclass(eq=False)
class Param(Value):
    """A parameter of a function of this module, resolved through the function's call sites
    (`flow.resolve`) when a rule asks what it holds. kind: positional | vararg | kwarg."""

    function: object = None
    name: str = ""
    kind: str = "positional"
    # one call site (flow.CallSite) when the value is what that caller passes, not what any caller
    # passes (param_calls: a call replayed on the pool one caller gives, with that caller's task)
    site: object = None


@dataclass(eq=False)
class ModuleRef(Value):
    qualified: str = ""
    # one of several modules a table of getters gives by a key the callers pass (semantic/keyed_modules): the
    # param_guards condition ("picks", ...) under which it is this one; None for a module known for sure
    picked: tuple | None = None


@dataclass(eq=False)
class Imported(Value):
    """A name imported from a module mpguard can read (project code)."""

    module: str = ""
    name: str = ""


@dataclass(eq=False)
class Constant(Value):
    """A literal whose pickled size is known to be small."""

    size: int = 0


@dataclass(eq=False)
class Returned(Value):
    """What a call to a function of another module returned; resolved only if it reaches a child."""

    qualified: str = ""
    # items this module adds to it (`steps = build_steps(...); steps.append(Step(...))`): pickled with it
    added: list = field(default_factory=list)
    args: list = field(default_factory=list)  # what the call was given (a class of that module may keep it)
    keywords: dict = field(default_factory=dict)  # the values of `args` given by keyword, by name
    # for a method's result, what the method was called on (`s3_resource().Object(...)`: the Returned of
    # `s3_resource()`), whose catalog type may tell what the method gives
    receiver: Value | None = None
    # attributes this module sets on it after the call (`p = Specifications(); p.client = client`): an object of a
    # project class pickled by its __dict__ carries them (semantic/pickling judges them there only)
    fields: dict = field(default_factory=dict)


@dataclass(eq=False)
class Caught(Value):
    """The exception an `except T as name:` clause binds: whatever its `try` body may raise that the clause
    catches. Which classes those are is a question of the raises (rules/caught_results.py asks it)."""

    handler: ast.ExceptHandler | None = None
    trial: ast.Try | None = None


def daemonic_pool(pool) -> bool:
    """A multiprocessing Pool whose workers are daemonic (every Pool's, unless a subclass makes its own)."""
    return type(pool) is MPObject and pool.kind == "Pool" and not pool.own_workers
