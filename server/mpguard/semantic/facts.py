"""Facts the walker records: what the program does with multiprocessing, and where."""
from __future__ import annotations

import ast
from dataclasses import dataclass, field

from mpguard.semantic.values import MPObject, Value


class Where:
    """Where a statement runs. One per statement walked: a slotted class, cheaper than a dataclass."""

    __slots__ = ("function", "guarded", "order", "pools", "loop")

    def __init__(self, function, guarded: bool, order: int, pools: tuple = (), loop: bool = False):
        self.function = function  # innermost def (or None at module level)
        self.guarded = guarded  # inside `if __name__ == "__main__":` at module level
        self.order = order  # position in source order (for "before/after" questions)
        self.pools = pools  # enclosing `with <pool>` blocks, innermost last
        self.loop = loop  # inside a for/while loop in this scope

    def __repr__(self) -> str:
        return f"Where({self.function!r}, {self.guarded}, {self.order}, {self.pools!r}, {self.loop})"

    @property
    def at_import(self) -> bool:
        return self.function is None and not self.guarded


@dataclass(eq=False)
class Creation:
    """A call that makes a Process, Pool, Executor, Manager or synchronisation object."""

    node: ast.Call
    kind: str
    where: Where
    value: MPObject
    method: str | None = None  # an explicit start method (context, mp_context, max_tasks_per_child)
    target: Value | None = None
    target_expr: ast.expr | None = None
    args: list = field(default_factory=list)  # [(expr, Value)]
    initializer: Value | None = None
    initializer_expr: ast.expr | None = None
    initargs: list = field(default_factory=list)
    max_tasks_per_child: bool = False
    # calling it starts its processes (a Pool, `multiprocessing.Manager()`); not a SyncManager's constructor,
    # whose server starts at `start()` or when a `with` enters it (names.STARTED_LATER)
    starts: bool = True


@dataclass(eq=False)
class Start:
    node: ast.Call
    obj: MPObject
    where: Where


@dataclass(eq=False)
class Submit:
    """A task handed to a Pool or ProcessPoolExecutor."""

    node: ast.Call
    pool: MPObject
    method_name: str
    func: Value | None
    func_expr: ast.expr | None
    args: list  # [(expr, Value)] of everything that is pickled with the task
    where: Where
    result_used: bool = False
    # the positional arguments each call of the task gets, [(expr, Value)], when the call's shape says
    # (`pool.map(f, xs)`: an item of xs; `submit(f, a, b)`); None otherwise (starmap, keywords, `*args`)
    task_args: list | None = None


@dataclass(eq=False)
class Op:
    """A method call on a multiprocessing object: join, get, put, send, recv, close, ..."""

    node: ast.Call
    obj: MPObject
    name: str
    where: Where
    args: list = field(default_factory=list)


@dataclass(eq=False)
class StartMethodCall:
    node: ast.Call
    name: str  # set_start_method | get_start_method | get_context
    method: str | None
    force: bool
    allow_none: bool
    where: Where
    conditional: bool = False  # under an `if get_start_method(allow_none=True) is None` test
    # set_start_method(m) with `m` chosen per platform: {platform: method} where it is not `method` (Linux's)
    elsewhere: dict | None = None
    # for another module's function that calls it (rules/lifecycle): the default methods under which its RuntimeError
    # is not handled there (semantic/failing_handlers); None: it is not caught there
    fails_under: frozenset | None = None


@dataclass(eq=False)
class Effect:
    """Anything else a rule may care about. kind names it; detail carries specifics."""

    kind: str
    node: ast.AST
    where: Where
    detail: object = None


@dataclass
class FunctionInfo:
    node: ast.AST
    name: str
    kind: str  # module | method | nested | guard | lambda
    calls: list = field(default_factory=list)  # [(Value, ast.Call, Where)]
    returns: list = field(default_factory=list)  # [(Value | None, ast.Return)]
    yields: list = field(default_factory=list)  # [Value | None]: what `yield` gives (`yield from` its items)
    # parameter name -> the value of its default, for the defaults the walk evaluates where the def is (a lambda,
    # a function, a partial of them: walker._evaluated_default): what a call that leaves the argument out passes
    defaults: dict = field(default_factory=dict)


@dataclass
class ModuleFacts:
    creations: list = field(default_factory=list)
    starts: list = field(default_factory=list)
    submits: list = field(default_factory=list)
    ops: list = field(default_factory=list)
    # ops on a value the callers pass (a parameter, an item of one): the object is known only through
    # flow.resolve, when a rule asks (lifecycle's join-before-drain)
    deferred_ops: list = field(default_factory=list)
    # `lock.acquire()` / `lock.release()` of a multiprocessing or threading Lock or RLock (Op.obj: the lock's
    # value; rules/locks.py pairs them along the paths of the function)
    lock_ops: list = field(default_factory=list)
    start_methods: list = field(default_factory=list)
    effects: list = field(default_factory=list)
    functions: dict = field(default_factory=dict)  # def node -> FunctionInfo
    # a nested def or lambda -> the scope of the function it is written in, as that function's walk left it:
    # the values its closure cells hold (dill and cloudpickle pickle them with it)
    closure_envs: dict = field(default_factory=dict)
    module_env: dict = field(default_factory=dict)
    module_calls: list = field(default_factory=list)  # [(Value, ast.Call, Where)] at module level
    # if / try / IfExp / decorated def whose first branch (body) runs only on some platforms -> those platforms
    branch_platforms: dict = field(default_factory=dict)
    call_sites: dict = field(default_factory=dict)
    # [(Creation, function, parameter)]: an executor's max_tasks_per_child given by a parameter (calls.settle_tasks_per_child)
    tasks_per_child_params: list = field(default_factory=list)
    # calls of functions of other project modules: [(ast.Call, qualified name, args, kwargs, Where)]
    project_calls: list = field(default_factory=list)
    # decorators of other project modules applied to a function of this module (`@app.task` with `app` made by
    # another module, `@register_task`): [(decorator expr, qualified name, [(def, Callable)], {}, Where)], the
    # shape of `project_calls` (the decorator is called with the function). Kept apart: only rules asking what
    # a callee does with a function it is handed read them
    decorations: list = field(default_factory=list)
    # the same for a decorator factory's call (`@app.fit("query")`, `@register("name")`): the qualified name is the
    # factory's, the function is handed to the decorator its call returns (ModuleSummary sinks "daemon-decorated")
    factory_decorations: list = field(default_factory=list)
    # (id(call), qualified) of a method call on an object another project module made -> that object
    # (a V.Returned: `worker.start()` on `SearchWorker(config)`, whose arguments are then known)
    receivers: dict = field(default_factory=dict)
    # statements that run only on some platforms because a platform test before them left the block
    # (`if sys.platform == "win32": return`) -> those platforms
    after_exit: dict = field(default_factory=dict)
    return_reach: dict = field(default_factory=dict)  # a return under a platform test -> where it runs
    # a return of a context under a test of the start method set or of the environment -> context_choices.Choice
    return_choice: dict = field(default_factory=dict)
    # if whose test compares the start method in use (`get_start_method() == "spawn"`) -> the methods
    # under which its body runs
    branch_methods: dict = field(default_factory=dict)
    class_bases: dict = field(default_factory=dict)  # class -> its base classes defined in this module
    delayed: dict = field(default_factory=dict)  # joblib's `delayed(f)(x)` call -> V.Partial (the task)
    managers: list = field(default_factory=list)  # [(MPObject, ClassDef)]: instances of BaseManager subclasses
    # {id(ClassDef): {typeid}}: what `register(typeid, ...)` named on a BaseManager subclass (a method of its
    # instances that makes a proxy)
    manager_typeids: dict = field(default_factory=dict)
    instance_attributes: dict = field(default_factory=dict)  # class -> [(name, value)] stored in `self`
    # `.start` read on something the walker could not follow: any process may be started there
    unresolved_starts: int = 0  # def node -> [flow.CallSite]: the arguments passed to it
    # items added to a container reached from a parameter (semantic/param_calls.Note) and methods called
    # on a parameter (param_calls.Deferred): replayed on what the call sites pass once the walk is over
    param_notes: list = field(default_factory=list)
    param_calls: list = field(default_factory=list)
    # methods called on what a call of this module returns (`Pipeline().add(f)`): param_calls.Deferred
    # with the CallResult as receiver, replayed on the objects it resolves to once the walk is over
    result_calls: list = field(default_factory=list)
    # calls of what an item or attribute of a parameter holds (`self.config["pool_cls"](n)`): param_calls.Deferred
    # with that V.Element as receiver, made a pool's construction once the walk is over when the callers give one
    item_calls: list = field(default_factory=list)
    # id of an argparse parser (semantic/cli_args) -> {dest: the value `args.<dest>` has by default}
    cli_defaults: dict = field(default_factory=dict)
    # [(MPObject, value)]: a library pool whose backend is known only once the walk is over
    # (library_calls.settle_backends chooses its serializer and start method then, or forgets it)
    pending_pools: list = field(default_factory=list)
    # [(MPObject, value[, least])]: a library method's pool (or a DataLoader) whose worker count
    # (`num_proc=data_args.num_workers`) is known only once the walk is over (library_calls.settle_counts keeps it
    # for a count above `least`, 1 by default, else forgets it)
    pending_counts: list = field(default_factory=list)
    # [(MPObject, V.Param, least)]: those whose count is a parameter of a function that no call in this module
    # settles (`def get_loaders(ds, num_workers=0): DataLoader(ds, num_workers=num_workers, ...)`): another
    # module's caller decides whether it starts processes (linter/summaries `counted`, rules/reached_sites)
    param_counts: list = field(default_factory=list)
    # `get_context(config.get("start_method"))` of a parameter: (context, value) settled once the walk is over
    # (semantic/pending_contexts), and (context, call) for each object made through such a context
    pending_contexts: list = field(default_factory=list)
    # calls of a factory's local function the factory defines several times, whose arguments the call sites
    # known at the end of the walk choose (semantic/chosen_defs): (the closure value, its CallSite)
    pending_choices: list = field(default_factory=list)
    context_calls: list = field(default_factory=list)
    # id(union) -> (the union, function, [(option, (if or IfExp, truth))]): a name a test of the function's
    # parameters binds to different imported objects, each option with its branch (semantic/branch_choices)
    branch_unions: dict = field(default_factory=dict)
    # [(function, call, condition, start method)]: a library pool made only when the callers of other modules pass
    # a value that names a process scheduler (library_calls._callers_choose): a param_guards condition
    param_spawns: list = field(default_factory=list)
    # [(MPObject, function, (if or IfExp, truth))]: an object made by calling such an option, forgotten once the
    # walk is over when no path of the program takes its branch (branch_choices.settle)
    branch_objects: list = field(default_factory=list)
    # qualified library singleton -> configured_objects.Configured: what this module's configuration calls gave it
    configured: dict = field(default_factory=dict)
    defaulted_pools: list = field(default_factory=list)  # [(library pool, function)]: a caller's setting may choose
    tables: object = None  # the registries the walk met (semantic/registries.Tables)

    def lineage(self, cls) -> list:
        """`cls` and the base classes of this module it inherits from, nearest first."""
        out, todo = [], [cls]
        while todo and len(out) < 32:
            current = todo.pop(0)
            if current not in out:
                out.append(current)
                todo.extend(self.class_bases.get(current, ()))
        return out

    def effects_of(self, kind: str) -> list:
        # Rules ask after the walk is over; group once (the list only grows during the walk).
        if getattr(self, "_grouped_at", -1) != len(self.effects):
            self._grouped = {}
            for effect in self.effects:
                self._grouped.setdefault(effect.kind, []).append(effect)
            self._grouped_at = len(self.effects)
        return self._grouped.get(kind, [])
