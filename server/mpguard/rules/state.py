"""MP3xx: state that does not travel between parent and child the way the code assumes."""
from __future__ import annotations

import ast

from mpguard.fixes.logging_config import logging_config_fix
from mpguard.rules.fact_lookup import creations_of, first_of
from mpguard.semantic import values as V
from mpguard.semantic.class_reads import ClassTable, class_table
from mpguard.semantic.boundaries import library_packages, stateful_objects
from mpguard.semantic.module_generators import module_generators
from mpguard.semantic.index import nodes_in
from mpguard.semantic.names import is_main_guard
from mpguard.semantic.logging_setup import CALL_LEVELS, child_loses
from mpguard.semantic.platforms import ALL_METHODS, REIMPORTING
from mpguard.semantic.threads import recreated_at_fork
from mpguard.resolve.project import STDLIB
from mpguard.fixes.state import parent_state_fix
from mpguard.semantic.module_locks import LOCKS_FACT, lock_fact
from mpguard.rules.child_resets import child_resets, reset_globals
from mpguard.rules import (argument_copies, class_containers, dynamic_globals, environment, imported_generators,
                           logging_state, module_state, per_import_values)
from mpguard.rules.imported_settings import imported_class_settings
from mpguard.rules.context import PRELOADED_SINCE, joined
from mpguard.rules.call_order import runs_before
from mpguard.rules.thread_order import held_at, serialised_at_fork
from mpguard.rules.held_callees import held_in_callees
from mpguard.rules.registry import Rule, register
from mpguard.rules.state_dispatch import DispatchCopies
from mpguard.rules.state_handover import report_partial_handover, running_methods

CHILD_MUTATES_GLOBAL = register(Rule(
    "MP301", "child-mutates-global",
    "A child process changes module-level state that the parent then reads",
    ALL_METHODS,
    {m: "No exception: each child changes its own copy, and the parent still sees the original value "
        "(wrong result)" for m in ("fork", "spawn", "forkserver")},
    fix_title="Return the value from the worker, or use a Manager proxy / multiprocessing.Value",
))
PARENT_STATE = register(Rule(
    "MP302", "parent-state-not-inherited",
    "State set by the parent at run time is read by a child that re-imports the module",
    frozenset(REIMPORTING),
    {"spawn": "No exception: the child re-imports the module and sees the import-time value (wrong result)",
     "forkserver": "No exception: the child re-imports the module and sees the import-time value (wrong result)",
     "fork": "Only when the change happens after the Pool was created: the forked workers keep the old value"},
    fix_title="Pass the value to the child (Process args or a Pool initializer)",
    safe_fix=False,
))
MODULE_SYNC_OBJECT = register(Rule(
    "MP303", "module-level-sync-object",
    "A child uses a module-level Queue or Lock instead of one passed to it",
    frozenset(REIMPORTING),
    {"spawn": "No exception: the child builds its own Queue on import; the parent waits forever (deadlock)",
     "forkserver": "No exception: the child builds its own Queue on import; the parent waits forever (deadlock)"},
    fix_title="Pass the Queue or Lock to the child as an argument",
))
STALE_ENVIRONMENT = register(Rule(
    "MP304", "forkserver-stale-environment",
    "os.environ is changed after the first process started; forkserver children keep the old environment",
    frozenset({"forkserver"}),
    {"forkserver": "No exception: children forked by the server see the environment of its first start"},
))
HELD_LOCK = register(Rule(
    "MP305", "fork-inherits-held-lock",
    "A process is forked while another thread may hold a lock the child needs",
    frozenset({"fork"}),
    {"fork": "No exception: the child's copy of the lock stays locked forever (deadlock); 3.12+: "
             "DeprecationWarning: This process is multi-threaded, use of fork() may lead to deadlocks in the child.",
     "forkserver": "3.14+, a thread the script starts at import: the forkserver imports the script, starts it "
                   "too, and forks the child while it holds the lock (deadlock, no exception)"},
    fix_title="Join the thread before starting the process, or use the spawn context",
    breaks_from=PRELOADED_SINCE,
))
DUPLICATED_RNG = register(Rule(
    "MP306", "fork-duplicated-rng",
    "Forked children inherit numpy's global random state and draw the same numbers",
    frozenset({"fork"}),
    {"fork": "No exception: sibling children produce identical 'random' numbers (wrong result)",
     "forkserver": "3.14+, a generator the script makes at import: the forkserver makes it once and its children "
                   "share its state; sibling children produce identical 'random' numbers (wrong result)"},
    breaks_from=PRELOADED_SINCE,
))

CONTAINERS = {"list", "dict", "set", "defaultdict", "Counter", "deque", "OrderedDict", "array"}
LOG_CALLS = {"debug", "info", "warning", "warn", "error", "exception", "critical", "log"}
NUMPY_SAFE = {"seed", "default_rng", "RandomState", "Generator", "SeedSequence", "get_state", "set_state"}


def check(ctx) -> None:
    _child_mutations(ctx)
    argument_copies.check(ctx)  # a child changes the container it was given; the parent reads its own
    _parent_writes(ctx)
    dynamic_globals.check(ctx)  # `globals()[name] = ...` in the parent, `globals()[name]` in a child
    module_state.check(ctx)  # another module's global, set by its function in the parent, read in a child
    imported_class_settings(ctx)  # a class of another module configured through a classmethod
    class_containers.check(ctx)  # another module's class-level container filled by `__init__`, read by a pool task
    _parent_config(ctx)
    _parent_logger_setups(ctx)  # `getLogger("app").addHandler(...)` in the parent, or in a helper it calls
    _module_sync_objects(ctx)
    environment.check(ctx)  # MP304: os.environ changed after a process started (forkserver)
    _stale_environment_globals(ctx)
    per_import_values.check(ctx, _child_readers, parent_reads)  # `WORKDIR = tempfile.mkdtemp()` read on both sides
    _held_locks(ctx)
    _rng(ctx)
    _rng_objects(ctx)
    imported_generators.check(ctx)  # a helper module's unseeded generator drawn from in forked children


def module_assignment(ctx, name: str):
    """The value of the first top-level `name = ...` (or `name: T = ...`), else None."""
    return _module_assignments(ctx).get(name)


def _module_assignments(ctx) -> dict:
    """Every global's first top-level value, found in one pass over the module: asked once per global,
    a scan each time was quadratic (24,000 lines of globals took 15 s)."""
    memo = ctx.memo
    if "module assignments" not in memo:
        values: dict = {}
        for stmt in ctx.tree.body:
            if isinstance(stmt, ast.Assign):
                for target in stmt.targets:
                    if isinstance(target, ast.Name):
                        values.setdefault(target.id, stmt.value)
            elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                values.setdefault(stmt.target.id, stmt.value)
        memo["module assignments"] = values
    return memo["module assignments"]


def _mutable(value, classes=frozenset()) -> bool:
    """A module-level value a child can change in place: a container, a number, or an instance of one
    of the module's own classes (`STATS = Stats()`, then `STATS.count += 1` in a worker)."""
    if isinstance(value, (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp)):
        return True
    if isinstance(value, ast.Constant) and isinstance(value.value, (int, float)) and not isinstance(value.value, bool):
        return True
    if isinstance(value, ast.Call):
        func = value.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        return name in CONTAINERS or name in classes
    return False


def _stateful(ctx, value) -> dict | None:
    """The catalog entry of a library object whose methods change it (`Progress(...)`: `stateful_objects`)."""
    if not isinstance(value, ast.Call):
        return None
    return stateful_objects().get(ctx.imports.qualify(value.func) or "")


def enclosing_function(ctx, node):
    return ctx.enclosing_function(node)


def loads(ctx, name: str, functions, attribute: str | None = None) -> list:
    """Reads of `name` whose innermost scope is one of `functions`; for a module-level class, also the reads
    of its classmethods' first parameter (`cls.scorers.get(key)` reads `Registry.scorers`: BiG-SCAPE #15's
    shape in fresh_realistic3), and, asked for one `attribute` of it, its methods' instance where that reads
    the class attribute (`self.settings` for `Recorder.settings`: semantic/class_reads)."""
    functions = functions if isinstance(functions, (set, frozenset, dict)) else set(functions)
    out = [load.node for load in ctx.index.loads_of(name) if load.function in functions]
    readers = list(_classmethods(ctx).get(name, ()))
    if attribute is not None and "." not in attribute:
        readers += _class_table(ctx).instance_readers(name, attribute)
    for method, first in readers:
        if method in functions:
            out += [load.node for load in ctx.index.loads_of(first) if load.function is method]
    return out


def _class_table(ctx) -> ClassTable:
    return class_table(ctx.tree)


def _classmethods(ctx) -> dict:
    """Module-level class name -> [(classmethod, its first parameter's name)]."""
    memo = ctx.memo
    if "classmethods" not in memo:
        out: dict = {}
        for cls in ctx.tree.body:
            if isinstance(cls, ast.ClassDef):
                for item in cls.body:
                    if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and item.args.args and any(
                            isinstance(d, ast.Name) and d.id == "classmethod" for d in item.decorator_list):
                        out.setdefault(cls.name, []).append((item, item.args.args[0].arg))
        memo["classmethods"] = out
    return memo["classmethods"]


def parent_reads(ctx, name: str) -> bool:
    parents = ctx.parent_functions
    children = ctx.child_functions
    return any(load.guarded or (load.function in parents and load.function not in children)
               for load in ctx.index.loads_of(name))


def _child_mutations(ctx) -> None:
    classes = {s.name for s in ctx.tree.body if isinstance(s, ast.ClassDef)}
    shared: dict[str, bool] = {}  # name -> a mutable module global the parent reads
    by_value = None
    for effect in ctx.facts.effects_of("global-write"):
        func = effect.where.function
        children = ctx.child_functions.get(func)
        if func in ctx.parent_functions and not _serial_fallback_only(ctx, func, children):
            continue
        if not children:
            if by_value is None:
                by_value = _cloudpickle_tasks(ctx)
            if func not in by_value:
                continue
        elif all(c.role == "initializer" for c in children):
            continue
        name, how, target = effect.detail
        class_attribute = name in classes and isinstance(target, ast.Attribute) and type(target.value) is ast.Name
        if class_attribute and how == "attribute":
            continue  # `Settings.debug = value`: the child configures its own copy (MP302's restoring fix does this)
        if class_attribute:
            # `cls.total += n` in a classmethod a worker runs (or `Counter.total += n`): the class attribute the
            # parent reads as `Counter.total` stays unchanged there
            if not _parent_reads_attribute(ctx, name, target.attr):
                continue
        else:
            stateful = _stateful(ctx, module_assignment(ctx, name))
            if stateful is not None:  # `progress.advance(task)`: only the methods that change the object count
                if not (how == "mutate" and isinstance(target, ast.Attribute) and target.attr in stateful["methods"]
                        and type(target.value) is ast.Name and parent_reads(ctx, name)):
                    continue
            else:
                if name not in shared:
                    # (a Manager's `dict()`/`list()` proxy, or any multiprocessing object, is shared, not copied)
                    shared[name] = _mutable(module_assignment(ctx, name), classes) and parent_reads(ctx, name) \
                        and not isinstance(ctx.facts.module_env.get(name), V.MPObject)
                if not shared[name]:
                    continue
        verb = {"mutate": "changes", "augassign": "updates", "assign": "assigns", "item": "stores into",
                "attribute": "sets an attribute of", "delete": "deletes from"}.get(how, "changes")
        label = f"{name}.{target.attr}" if class_attribute else name
        ctx.report("MP301", effect.node, f"the child {verb} module-level `{label}`; the parent reads `{label}` but "
                   "never sees the change: each process has its own copy", ALL_METHODS)


def _parent_reads_attribute(ctx, name: str, attribute: str) -> bool:
    """Does the parent read `name.attribute` (a class attribute: `print(Counter.total)`)?"""
    parents, children = ctx.parent_functions, ctx.child_functions
    for load in ctx.index.loads_of(name):
        outer = ctx.parents.get(load.node)
        if (load.guarded or load.function in parents and load.function not in children) \
                and isinstance(outer, ast.Attribute) and outer.attr == attribute and isinstance(outer.ctx, ast.Load):
            return True
    return False


def _serial_fallback_only(ctx, func, children) -> bool:
    """Does the parent run `func` only where the pool does not (`if self.num_worker == 1: [load(a) for a in areas]
    else: pool.map(load, areas)`, csmetrics #64)? Then what the pool's children change is still lost on that branch."""
    spawners = [getattr(c.spawner, "node", None) for c in children or ()]
    sites = ctx.facts.call_sites.get(func, ())
    if not spawners or None in spawners or not sites:
        return False
    return all(any(ctx.exclusive(site.call, node) for node in spawners) for site in sites)


def _cloudpickle_tasks(ctx) -> set:
    """The functions that run in the worker processes of a cloudpickle pool (joblib's loky, dask's
    processes scheduler), callees included. `child_functions` leaves them out, since cloudpickle sends a
    script's function with the globals it reads (so the parent's state reaches them); but what the worker
    changes in its copy stays there all the same (joblib_loky_worker_fills_cache in fresh_libs2)."""
    roots = []
    for submit in ctx.facts.submits:
        if submit.pool.serializer == "cloudpickle" and submit.func is not None:
            func = submit.func
            roots += [func.definition] if type(func) is V.Callable and isinstance(func.definition, ast.Lambda) \
                else ctx.definitions_of(func)
    return ctx.reachable(roots) if roots else set()


def _local_to(ctx, func, name: str) -> bool:
    """Is `name` in `func` a local of it or of a function around it (`def factory(item): def get(k):
    return item[k]`), not the module global of that name?"""
    node = func
    while node is not None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)) and name in ctx.index.scope(node).stores:
            return True
        node = ctx.parents.get(node)
    return False


def _child_readers(ctx, name: str, attribute: str | None = None, setting_too: bool = False) -> list:
    readers = []
    for func, children in ctx.child_functions.items():
        if _local_to(ctx, func, name):
            continue  # `name` is the function's own local (or its enclosing one's)
        # Run by the parent's own program too (main block, import): a child whose path writes the global itself
        # (Cython's runtests: each shard runs the program's set-up again) has what it reads; one that only reads
        # it (atpass's task, which the program also calls with a ring of its own) has the import-time value. A
        # function the parent runs only in its tests (`price_line(10.0)`) is judged like any other.
        own_program = func in _program_functions(ctx)
        for node in loads(ctx, name, [func], attribute):
            parent = ctx.parents.get(node)
            for part in (attribute or "").split(".")[:-1]:  # `settings.Config.scale`: the chain of a dotted one
                parent = ctx.parents.get(parent) if isinstance(parent, ast.Attribute) and parent.attr == part else None
            if attribute is None or (isinstance(parent, ast.Attribute) and parent.attr == attribute.split(".")[-1]
                                     and _reads_attribute(ctx, parent)):
                readers.extend(c for c in children if (attribute is not None or setting_too
                                                       or not _sets_itself(ctx, c, name))
                               and not (own_program and _writes_itself(ctx, c, name)))
                break
    return readers


def _program_functions(ctx) -> set:
    """The functions the parent runs from its main block or at import (not those only a test runner calls)."""
    if "program functions" not in ctx.memo:
        roots = [d for value, _call, _where in ctx.facts.module_calls for d in ctx.definitions_of(value)]
        ctx.memo["program functions"] = ctx.reachable(roots)
    return ctx.memo["program functions"]


def _sets_itself(ctx, child, name: str) -> bool:
    names = _child_sets(ctx, child)
    return names is None or name in names[0]


def _writes_itself(ctx, child, name: str) -> bool:
    """Does what the child runs write the global in any way (rebind, mutate, update)?"""
    names = _child_sets(ctx, child)
    return names is None or name in names[1]


def _child_sets(ctx, child) -> tuple | None:
    """(globals a child assigns itself before it may read them: `global x; x = ...` in what it runs, globals it
    writes in any way: also `CDEFS.append(...)`); None, meaning any name at all, when it sets them through
    `globals()[key] = value` (state handed over explicitly)."""
    memo = ctx.memo.setdefault("child sets", {})
    key = id(child.definition)
    if key not in memo:
        reachable = ctx.reachable([child.definition])
        writes = [e for e in ctx.facts.effects_of("global-write") if e.where.function in reachable]
        assigned = {e.detail[0] for e in writes
                    if e.detail[1] == "assign" and isinstance(e.detail[2], ast.Name)}  # rebound, not mutated
        memo[key] = None if any(_sets_globals_dynamically(f) for f in reachable) \
            else (assigned, {e.detail[0] for e in writes})
    return memo[key]


def _sets_globals_dynamically(func) -> bool:
    for node in nodes_in(func):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("globals", "vars") \
                and not node.args:
            return True
    return False


def _reads_attribute(ctx, node: ast.Attribute) -> bool:
    """`X.attr` read, not only assigned or deleted (`X.attr += 1` reads it first)."""
    return isinstance(node.ctx, ast.Load) or isinstance(ctx.parents.get(node), ast.AugAssign)


def _writes_in_parent(ctx):
    spawning = None
    for effect in ctx.facts.effects_of("global-write"):
        where = effect.where
        if where.at_import:
            continue
        if where.function is not None and where.function in ctx.child_functions:
            continue
        if where.function is not None and where.function in ctx.import_functions \
                and where.function not in _run_time_functions(ctx):
            continue  # only called at import (`Registry.register(...)` at the top): a re-import runs it again
        if where.function is not None and where.function not in ctx.parent_functions:
            # A function nobody here calls (a library's `run()`, called from another module) is still
            # the parent of the pool it makes: what it writes before making it stays in the parent.
            spawning = _spawning_scopes(ctx) if spawning is None else spawning
            first = spawning.get(where.function)
            if first is None or _write_position(effect.node, effect.detail[0]) >= first:
                continue
        yield effect


def _run_time_functions(ctx) -> set:
    """Functions a call made after import reaches (from the main block, or from a function)."""
    if "run-time functions" not in ctx.memo:
        roots = [d for value, _call, where in ctx.facts.module_calls if not where.at_import
                 for d in ctx.definitions_of(value)]
        called = {callee for func in ctx.facts.functions if func not in ctx.import_functions
                  for callee in ctx.callees(func)}  # (a function a test runner or a child calls, too)
        ctx.memo["run-time functions"] = ctx.reachable([*roots, *called, *ctx.test_entry_points])
    return ctx.memo["run-time functions"]


def _spawning_scopes(ctx) -> dict:
    """function -> where it first makes the pool or process of a child of this module (row, column)."""
    out: dict = {}
    for child in ctx.children:
        spawner = child.spawner
        made = getattr(getattr(spawner, "pool", None), "node", None) or getattr(spawner, "node", None)
        scope = enclosing_function(ctx, made) if made is not None else None
        if scope is not None:
            where = (made.lineno, made.col_offset)
            out[scope] = min(out.get(scope, where), where)
    return out


def _set_by_initializers(ctx) -> set:
    """Globals that a pool initializer assigns in each worker: the documented way to pass state."""
    names = set()
    for func, children in ctx.child_functions.items():
        if any(c.role == "initializer" for c in children):
            names |= {e.detail[0] for e in ctx.facts.effects_of("global-write") if e.where.function is func}
    return names


def bound_at_import(ctx, name: str) -> bool:
    """Does module-level code outside the main guard bind `name` (so a re-imported child has it)?"""
    from mpguard.semantic.names import is_main_guard

    for stmt in ctx.tree.body:
        if isinstance(stmt, ast.If) and is_main_guard(stmt.test):
            stmt = ast.If(test=stmt.test, body=[], orelse=stmt.orelse)
        for node in nodes_in(stmt):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name == name:
                return True
            if isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Store) \
                    and enclosing_function(ctx, node) is None:
                return True
            if isinstance(node, ast.alias) and (node.asname or node.name).split(".")[0] == name \
                    and enclosing_function(ctx, node) is None:
                return True
    return False


def _parent_writes(ctx) -> None:
    initialized = _set_by_initializers(ctx)
    copies = DispatchCopies(ctx)  # the same findings at the calls that run the reading children
    guard_only_seen, handed_over = set(), set()
    for effect in _writes_in_parent(ctx):
        name, how, target = effect.detail
        spelled = name
        held = _held_class(ctx, name, how, target)
        if held is not None:  # `Hub.worker_class.settings = v` sets `Recorder.settings` (the class it holds)
            name, target = held, ast.Attribute(value=ast.Name(held, ast.Load()), attr=target.attr, ctx=target.ctx)
        if name in initialized:
            _partial_handover(ctx, effect, name, how, handed_over)
            continue
        guard_only = effect.where.guarded and how in ("assign", "import") and not bound_at_import(ctx, name)
        if guard_only and name in guard_only_seen:
            continue  # one report per name defined only under the guard
        attribute = target.attr if isinstance(target, ast.Attribute) and how == "attribute" else None
        if attribute and isinstance(target.value, ast.Attribute) and isinstance(target.value.value, ast.Name) \
                and isinstance(ctx.facts.module_env.get(name), V.ModuleRef):
            attribute = f"{target.value.attr}.{attribute}"  # `settings.Config.scale = 2.5`: a class of that module
        bound = ctx.facts.module_env.get(name)
        if isinstance(bound, V.MPObject) and not guard_only:
            continue  # a Queue or Lock made at import is MP303's; one made only under the guard is a NameError
        if isinstance(bound, V.ModuleRef) and (attribute or how not in ("assign", "import")) \
                and (bound.qualified.split(".")[0] in STDLIB or bound.qualified.split(".")[0] in library_packages()):
            continue  # `sys.stdout = ...`, `util._registry.clear()`: the library's state, not the program's
        if isinstance(bound, V.ModuleRef) and how == "assign" and effect.where.function is not None:
            continue  # `global mp; mp = namespace`: a child keeps the module, whose names it reads
        readers = _readers_of(ctx, name, attribute, bound)
        if readers is None:
            if attribute is None:
                _partial_handover(ctx, effect, name, how, handed_over)
            continue
        methods, first_tasks = readers
        made = ctx.memo["parent state readers"].get(("indirect", name, attribute, isinstance(bound, V.ModuleRef)
                                                     and bound.qualified))
        if made is not None and not any(_reaches_spawn(ctx, effect.node, node) for node in made):
            continue
        scope = enclosing_function(ctx, effect.node)
        after_pool = first_tasks.get(id(scope), (10**9, 0)) < _write_position(effect.node, name) \
            or _called_after_pool(ctx, scope, first_tasks)
        if after_pool:
            methods = ALL_METHODS  # forked workers were copied before the change
        running = running_methods(ctx, effect.node)
        if running is not None:  # (a write made only under some start methods is lost under those alone)
            if not running & set(methods):
                continue
            methods = methods & running if type(methods) is frozenset else methods
        label = f"{name}.{attribute}" if attribute else name
        subject = f"`{label}`"
        if held is not None:  # (what the code spells, then the class attribute it sets)
            subject = f"`{spelled}.{effect.detail[2].value.attr}.{attribute}` (the class attribute `{label}`)"
        made = len(ctx.findings)
        if guard_only:
            guard_only_seen.add(name)
            ctx.report("MP302", effect.node, f"`{name}` is only defined under `if __name__ == \"__main__\":` but a "
                       "child reads it; a child that re-imports the module has no such global: "
                       f"NameError: name '{name}' is not defined", methods,
                       error=f"NameError: name '{name}' is not defined",
                       fix=parent_state_fix(ctx, effect.node) if methods and how == "assign" else None)
            copies.add(_made(ctx, made), name, effect.node, _crossing_readers(ctx, name, None), after_pool, True)
            continue
        # (an initializer restoring the value when the workers start cannot carry a change made after that)
        # (children that read it only through the module's own functions: their pools get the fix too)
        through = [c.spawner for c in module_state.children_reading(ctx, bound.qualified, attribute)] \
            if methods and not after_pool and isinstance(bound, V.ModuleRef) and attribute else []
        ctx.report("MP302", effect.node, f"{subject} is set by the parent at run time but read by a child; a "
                   f"child that re-imports the module sees its import-time value", methods,
                   fix=parent_state_fix(ctx, effect.node, through) if methods and not after_pool and held is None
                   else None,
                   related=_crossings(ctx, name, attribute))
        copies.add(_made(ctx, made), label, effect.node, _crossing_readers(ctx, name, attribute), after_pool, False)
    copies.report()


def _made(ctx, before: int):
    """The finding ctx.report appended after `before` findings, else None (code that never runs, no method)."""
    return ctx.findings[before] if len(ctx.findings) > before else None


def _held_class(ctx, name: str, how: str, target) -> str | None:
    """The plain class of the module that `Hub.worker_class` holds when the write is `Hub.worker_class.x = v`
    (semantic/class_reads.ClassTable.held_class), else None."""
    if how != "attribute" or not isinstance(target, ast.Attribute) or not isinstance(target.value, ast.Attribute) \
            or not isinstance(target.value.value, ast.Name) or target.value.value.id != name:
        return None
    return _class_table(ctx).held_class(name, target.value.attr)


def _crossings(ctx, name: str, attribute) -> tuple:
    """The calls that hand a child reading `name` its work (the pool's `starmap`, the `Process(...)`), as
    related locations of the write: the finding is the write's (what the child misses), the traceback the
    child's, started there. At most three, in source order; asked once per name."""
    memo = ctx.memo.setdefault("parent state crossings", {})
    key = (name, attribute)
    if key not in memo:
        nodes = {id(c.spawner.node): c.spawner.node for c in _crossing_readers(ctx, name, attribute)}
        ordered = sorted(nodes.values(), key=lambda n: (n.lineno, n.col_offset))[:3]
        memo[key] = tuple((n, "a child that reads it gets its work here") for n in ordered)
    return memo[key]


def _crossing_readers(ctx, name: str, attribute) -> list:
    """The children of this module that read `name` (or `name.attribute`) and are started by a call here."""
    memo = ctx.memo.setdefault("parent state crossing readers", {})
    key = (name, attribute)
    if key not in memo:
        readers = [] if ctx.unimported_main else _child_readers(ctx, name, attribute)
        memo[key] = [c for c in readers if isinstance(getattr(c.spawner, "node", None), ast.Call)]
    return memo[key]


def _partial_handover(ctx, effect, name: str, how: str, reported: set) -> None:
    """The children set `name` themselves (an initializer, `globals()[key] = value`) from what the parent
    hands over: is it handed over only under some start methods?"""
    if ctx.facts.branch_methods and how != "import" and not ctx.unimported_main:
        report_partial_handover(ctx, effect, name, _child_readers(ctx, name, setting_too=True), reported)


def _readers_of(ctx, name: str, attribute, bound):
    """For the children that read `name` (or `name.attribute`): the start methods under which a change
    the parent makes is lost to them, and, per function, the first row where a pool that runs such a
    child as a task was created there (workers forked before a change never see it). None when no
    child reads it. Asked once per write and the same for every write of the name: kept."""
    memo = ctx.memo.setdefault("parent state readers", {})
    key = (name, attribute, isinstance(bound, V.ModuleRef) and bound.qualified)
    if key not in memo:
        # Functions of a __main__ that children never import cannot run in a spawned child at all (MP209).
        readers = [] if ctx.unimported_main else _child_readers(ctx, name, attribute)
        if isinstance(bound, V.ModuleRef) and attribute:
            readers += [c for c in _module_children(ctx, bound.qualified)]
            # and those that read it through the module's own functions (`settings.fmt(x)` reading `CURRENCY`):
            # said only for writes that reach where those children are made (`_reaches_spawn`)
            indirect = module_state.children_reading(ctx, bound.qualified, attribute) if not readers else []
            if indirect:
                memo[("indirect",) + key] = [_made_at(c) for c in indirect]
            readers += indirect
        if not readers:
            memo[key] = None
            return None
        methods, first_tasks = frozenset(), {}
        for child in readers:
            methods |= ctx.breaks(child.method, lambda m: m != "fork")
            spawner_node = getattr(child.spawner, "node", None)
            pool = getattr(child.spawner, "pool", None)
            created = getattr(pool, "node", spawner_node)
            if created is not None and child.role == "task":
                scope = id(enclosing_function(ctx, created))
                where = (getattr(created, "lineno", 10**9), getattr(created, "col_offset", 0))
                first_tasks[scope] = min(first_tasks.get(scope, (10**9, 0)), where)
        memo[key] = methods, first_tasks
    return memo[key]


def _made_at(child):
    """The node that makes the pool or process a child runs in."""
    pool = getattr(child.spawner, "pool", None)
    return getattr(pool, "node", None) or getattr(child.spawner, "node", None)


def _reaches_spawn(ctx, write, made) -> bool:
    """Does the parent's write `write` happen before the pool or process `made` is made, on a path that leads
    there: earlier in the same function, at the module's top or main block, in a test's set-up hook of the same
    class, or in a function that calls the maker afterwards (or that the maker calls first)? A test method that
    starts nothing, a tearDown, are not such paths (keras saving_lib_test's sweep false alarms)."""
    if made is None:
        return False
    writer, maker = enclosing_function(ctx, write), enclosing_function(ctx, made)
    if writer is None or module_state.made_after(ctx, made, write, writer):
        return True  # (at the top; or later in the writer, there or in a function it calls afterwards)
    if writer.name in ("setUp", "setUpClass", "setup_method", "setup_class", "asyncSetUp") \
            and maker is not None and ctx.parents.get(writer) is ctx.parents.get(maker):
        return True
    calls = ctx.facts.functions.get(maker)
    return calls is not None and any(getattr(v, "definition", None) is writer and (c.lineno, c.col_offset)
                                     < (made.lineno, made.col_offset) for v, c, _w in calls.calls)


def _called_after_pool(ctx, writer, first_tasks: dict, depth: int = 3) -> bool:
    """The function that makes the change is called (itself, or through up to `depth` calls) by a function
    after it created a pool whose tasks read the name (DEAP #452: `update_global_array(gen)` in the loop
    that maps over a pool made before it): the forked workers were copied before the change too."""
    if writer is None or not first_tasks:
        return False
    calls_of = ctx.memo.get("calls of definitions")
    if calls_of is None:  # definition -> [(calling function, call)]: built once per module
        calls_of = ctx.memo["calls of definitions"] = {}
        for function, info in ctx.facts.functions.items():
            for func, call, _where in info.calls:
                if type(func) is V.Callable and func.definition is not None:
                    calls_of.setdefault(func.definition, []).append((function, call))
    targets, seen = {writer}, {writer}
    for _ in range(depth):
        callers = set()
        for target in targets:
            for function, call in calls_of.get(target, ()):
                first = first_tasks.get(id(function), (10**9, 0))
                if (call.lineno, call.col_offset) > first and not _inside_call_at(ctx, call, first):
                    return True
                callers.add(function)
        targets = callers - seen
        seen |= callers
        if not targets:
            return False
    return False


def _inside_call_at(ctx, node, position: tuple) -> bool:
    """`node` is an argument of the call at `position` (`Pool(initializer=initialize(args))`): evaluated
    before that call is made."""
    parent = ctx.parents.get(node)
    while parent is not None and not isinstance(parent, ast.stmt):
        if type(parent) is ast.Call and (parent.lineno, parent.col_offset) == position:
            return True
        parent = ctx.parents.get(parent)
    return False


def _write_position(node, name: str) -> tuple:
    """Where `name` is bound by the write `node`: `with Pool() as p, tqdm() as bar:` binds `bar` after
    the Pool's workers were made, though both are on the `with` line."""
    if isinstance(node, (ast.With, ast.AsyncWith)):
        for item in node.items:
            target = item.optional_vars
            if target is not None and any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(target)):
                return target.lineno, target.col_offset
    return node.lineno, node.col_offset


def _same_scope(ctx, a, b) -> bool:
    return enclosing_function(ctx, a) is enclosing_function(ctx, b)


def _module_children(ctx, module: str) -> list:
    out = []
    for submit in ctx.facts.submits:
        if isinstance(submit.func, V.ModuleRef) and submit.func.qualified.startswith(module + "."):
            from mpguard.rules.context import Child

            out.append(Child(submit.node, "task", submit, submit.pool.method, V.daemonic_pool(submit.pool)))
    for creation in ctx.facts.creations:
        if isinstance(creation.target, V.ModuleRef) and creation.target.qualified.startswith(module + "."):
            from mpguard.rules.context import Child

            out.append(Child(creation.node, "target", creation, creation.method, creation.value.daemon))
    return out


def _uses(ctx, func, predicate) -> bool:
    return any(predicate(n) for n in nodes_in(func) if enclosing_function(ctx, n) is func)


OWN_GENERATORS = {"random.Random", "random.SystemRandom", "random.seed"}


def _parent_config(ctx) -> None:
    for effect in ctx.facts.effects:
        if effect.kind not in ("logging.config", "random.seed") or not ctx.in_parent(effect.where) \
                or effect.where.at_import or ctx.runs_in_child(effect.where):
            continue
        if effect.kind == "logging.config":
            _lost_records(ctx, effect.node, effect.detail)
        else:
            # The module's global generator, not a `random.Random(seed)` of the child's own.
            uses = lambda n: isinstance(n, ast.Call) and (ctx.imports.qualify(n.func) or "").startswith("random.") \
                and ctx.imports.qualify(n.func) not in OWN_GENERATORS
            seeds = lambda n: isinstance(n, ast.Call) and ctx.imports.qualify(n.func) == "random.seed"
            # A child that seeds the generator itself (`random.seed(seed)` with a seed it was given) is
            # reproducible whatever the parent did.
            if any(_uses(ctx, f, uses) and not _uses(ctx, f, seeds) for f in ctx.child_functions):
                ctx.report("MP302", effect.node, "random.seed() in the parent does not make children reproducible: "
                           "spawned children start fresh and forked children are reseeded", ALL_METHODS)


def _lost_records(ctx, node, setup) -> None:
    """MP302 at the parent's logging configuration `node` (semantic/logging_setup.LoggingSetup `setup`) when a
    child that does not configure logging itself surely loses a record the parent would keep."""
    if setup.logger and not logging_state.parent_logs_through(ctx, setup.logger):
        return  # (a named logger the parent itself never logs through: rules/logging_state)
    configured = _configure_logging(ctx)

    def levels(func):  # the child's records that reach the configured logger's handlers
        return _record_levels(ctx, func) if not setup.logger else logging_state.named_record_levels(ctx, func, setup.logger)
    # a child loses a record only if the parent's configuration would keep it (logging_setup)
    readers = [c for f, cs in ctx.child_functions.items() if f not in configured and child_loses(setup, levels(f))
               for c in cs]
    methods = frozenset().union(*(ctx.breaks(c.method, lambda m: m != "fork") for c in readers)) if readers else frozenset()
    what = "logging is configured in the parent only; a spawned child logs with an unconfigured root logger" \
        if not setup.logger else f"the `{setup.logger}` logger's handlers are added in the parent only; a spawned " \
        f"child's `{setup.logger}` logger has none"
    ctx.report("MP302", node, f"{what} and its records are dropped", methods,
               fix=logging_config_fix(ctx, node, [c.spawner for c in readers]) if methods else None)


def _parent_logger_setups(ctx) -> None:
    """Named loggers given handlers at run time by the parent, here or by another module's function it calls
    (rules/logging_state), asked only when a child logs at all."""
    if not any(_record_levels(ctx, f) for f in ctx.child_functions):
        return
    for node, where, setup in logging_state.parent_configurations(ctx):
        if ctx.in_parent(where) and not where.at_import and not ctx.runs_in_child(where):
            _lost_records(ctx, node, setup)


def _record_levels(ctx, func) -> set:
    """The levels `func`'s own logging calls record at (None for `log(level, ...)`)."""
    return {CALL_LEVELS.get(n.func.attr) for n in nodes_in(func)
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in LOG_CALLS
            and enclosing_function(ctx, n) is func}


def _configure_logging(ctx) -> set:
    """Child functions that configure logging themselves, directly, through what they call, or
    because their pool's initializer does: their records are not lost."""
    configuring = {e.where.function for e in ctx.facts.effects_of("logging.config")}
    # `logging.getLogger().addHandler(QueueHandler(q))` in the child (the logging cookbook's worker)
    if "children adding a log handler" not in ctx.memo:  # one scan per module, however many configs
        adds = lambda n: isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "addHandler"
        ctx.memo["children adding a log handler"] = {f for f in ctx.child_functions if _uses(ctx, f, adds)}
    configuring |= ctx.memo["children adding a log handler"]
    configuring |= logging_state.configuring_elsewhere(ctx)  # `install_queue_handler(q)` of a helper module
    out = set()
    for child in ctx.children:
        roots = [child.definition]
        creation = child.spawner if child.role != "task" else None
        pool = getattr(child.spawner, "pool", None)
        if pool is not None:
            creation = next((c for c in ctx.facts.creations if c.value is pool), None)
        if creation is not None and creation.initializer is not None:
            roots += ctx.definitions_of(creation.initializer)
            if _configures_logging(ctx, creation.initializer):  # `initializer=functools.partial(logging.basicConfig, ...)`
                out |= ctx.reachable([child.definition])
                continue
        if any(f in configuring for f in ctx.reachable(roots)):
            out |= ctx.reachable([child.definition])
    return out


LOGGING_CONFIG = frozenset({"logging.basicConfig", "logging.config.dictConfig", "logging.config.fileConfig"})


def _configures_logging(ctx, value) -> bool:
    """The initializer is logging's own configuring function, or a partial of it (MP302's fix writes that), or a
    function of another project module that configures logging itself (rules/logging_state)."""
    if type(value) is V.Partial:
        value = value.func
    return type(value) is V.ModuleRef and (value.qualified in LOGGING_CONFIG
                                           or logging_state.foreign_configures(ctx, value.qualified))


def _module_sync_objects(ctx) -> None:
    initialized = _set_by_initializers(ctx)
    for name, value in ctx.facts.module_env.items():
        if name in initialized:
            continue  # an initializer replaces it with the object passed through initargs
        if not (isinstance(value, V.MPObject) and value.kind in ("Queue", "SimpleQueue", "Lock", "Value")):
            continue
        creation = next((c for c in ctx.facts.creations if c.value is value), None)
        if creation is None or not creation.where.at_import:
            continue
        for func, children in ctx.child_functions.items():
            # `def work(lock): with lock:` reads its own parameter (the Lock it was handed), not the global
            found = loads(ctx, name, [func]) if not _local_to(ctx, func, name) else []
            if found:
                methods = frozenset().union(*(ctx.breaks(c.method, lambda m: m != "fork") for c in children))
                ctx.report("MP303", found[0], f"the child uses module-level `{name}`, a {value.kind} created at import; "
                           f"a spawned child re-imports the module and gets a new, unconnected {value.kind}", methods)
                break


def _stale_environment_globals(ctx) -> None:
    """`LOG_LEVEL = os.environ.get("LOG_LEVEL", ...)` at import, and the parent's `os.environ["LOG_LEVEL"] = ...`
    at run time before it starts the children that read `LOG_LEVEL`: a forked child keeps the import-time value
    (the parent's global), while a spawned or forkserver child imports the module again and reads the new one
    (check50 #396's shape; fresh_flow globals_environ_read_at_import, observed wrong_result under fork only)."""
    captured = {}  # environment variable -> [(global, its module-level statement)]
    for stmt in ctx.tree.body:
        if type(stmt) is ast.Assign and len(stmt.targets) == 1 and type(stmt.targets[0]) is ast.Name:
            for key in _environment_keys(ctx, stmt.value):
                captured.setdefault(key, []).append((stmt.targets[0].id, stmt))
    if not captured:
        return
    starts = environment.starts_by_function(ctx, "fork", ("Pool", "Executor"))
    for effect in ctx.facts.effects_of("environ-write"):
        function, stmt = effect.where.function, effect.node
        key = _written_key(ctx, stmt)
        if function is None or key not in captured or not ctx.in_parent(effect.where) \
                or not any(order > effect.where.order for order in starts.get(function, ())):
            continue
        for name, assignment in captured[key]:
            if _child_readers(ctx, name, setting_too=True):
                ctx.report("MP302", stmt, f"`{name}` was read from os.environ[{key!r}] at import (line "
                           f"{assignment.lineno}); this changes the variable at run time, before children that read "
                           f"`{name}` start: a forked child keeps the parent's import-time value, while a spawned one "
                           "imports the module again and sees the new one", ctx.breaks(None, lambda m: m == "fork"),
                           related=((assignment, f"`{name}` is read from the environment here"),))
                break


def _environment_keys(ctx, value) -> list:
    """The constant names of the environment variables an expression reads (os.environ.get / [...] / getenv)."""
    keys = []
    for node in nodes_in(value):
        if type(node) is ast.Call and node.args and type(node.args[0]) is ast.Constant \
                and ctx.imports.qualify(node.func) in ("os.environ.get", "os.getenv"):
            keys.append(node.args[0].value)
        elif type(node) is ast.Subscript and type(node.slice) is ast.Constant \
                and ctx.imports.qualify(node.value) == "os.environ":
            keys.append(node.slice.value)
    return [k for k in keys if isinstance(k, str)]


def _written_key(ctx, stmt):
    """The variable `os.environ["K"] = ...` sets, else None."""
    targets = stmt.targets if type(stmt) is ast.Assign else [getattr(stmt, "target", None)]
    for target in targets:
        if type(target) is ast.Subscript and type(target.slice) is ast.Constant \
                and ctx.imports.qualify(target.value) == "os.environ":
            return target.slice.value
    return None


def _held_locks(ctx) -> None:
    _held_elsewhere(ctx)
    held_in_callees(ctx)  # (a lock another module's call holds across a wait: rules/held_callees)
    threads = [s for s in ctx.facts.starts if s.obj.kind == "Thread"]
    if not threads:
        return
    lock_names = {n for n, v in ctx.facts.module_env.items() if isinstance(v, V.Unpicklable) and "lock" in v.what}
    lock_names -= recreated_at_fork(ctx.tree, ctx.imports.qualify)  # a forked child makes these anew (at-fork hook)
    joins = [op for op in ctx.facts.ops if op.name == "join" and op.obj.kind == "Thread"]
    for start in ctx.facts.starts:
        if start.obj.kind == "Thread":
            continue
        creation = first_of(creations_of(ctx, start.obj))
        targets = ctx.definitions_of(creation.target) if creation else []
        # an RLock the forking code holds at the fork: no other thread holds it then, and the child's only thread
        # owns it and takes it again (czid-dag's "acquire lock before fork")
        needed = {n for n in lock_names if loads(ctx, n, ctx.reachable(targets))} - _rlocks_held_at(ctx, start.node)
        needed -= reset_globals(ctx, start.node)  # (made anew by the child's first statements: not the held copy)
        for thread in threads:
            if thread.where.function is start.where.function:
                if thread.where.order > start.where.order or any(
                        j.obj is thread.obj and thread.where.order < j.where.order < start.where.order for j in joins):
                    continue
            # started in a function a common caller (or the test runner: setUpClass before the test) runs first,
            # and joined nowhere (where a join elsewhere runs is not followed)
            elif any(j.obj is thread.obj for j in joins) \
                    or not runs_before(ctx, (thread.where, thread.node), (start.where, start.node)):
                continue
            if serialised_at_fork(ctx, start.node, None, thread.node.lineno):
                continue  # (all the thread does with locks is under an RLock the forking code holds now)
            tcreation = first_of(creations_of(ctx, thread.obj))
            held = {n for n in needed if tcreation and loads(ctx, n, ctx.reachable(ctx.definitions_of(tcreation.target)))}
            if held:
                # a thread the script starts at import runs in 3.14's forkserver too, which forks the child
                at_import = thread.where.at_import and ctx.preloaded
                methods = ctx.breaks(start.obj.method, lambda m: m == "fork",
                                     later=PRELOADED_SINCE if at_import else None)
                server = ("; from Python 3.14 the forkserver imports the script, so it starts the thread too and "
                          "forks its children the same way") if getattr(methods, "later", None) else ""
                ctx.report("MP305", start.node, f"a thread started earlier may hold `{sorted(held)[0]}` when this "
                           f"process is forked; the child's copy of the lock can stay locked forever{server}",
                           methods)
                break


def _rlocks_held_at(ctx, node) -> set:
    """Names of the module's threading RLocks held by `with <name>:` blocks around `node` in its function."""
    env = ctx.facts.module_env
    return {e.id for e in held_at(ctx, node) if type(e) is ast.Name and isinstance(env.get(e.id), V.Unpicklable)
            and env[e.id].what == "threading lock" and "RLock" in (env[e.id].error or "")}


def _held_elsewhere(ctx) -> None:
    """MP305 through another project module's own lock (semantic/module_locks): a call of its function that leaves
    a thread running which takes the lock (`logsink.start_flusher()`), made before a process is forked whose code
    calls a function of that module taking the same lock (`logsink.write()`): in the same function earlier, or in
    a function a common caller (or the test runner: setUpClass before the test) runs first."""
    resolver = ctx.resolver
    if resolver is None or not hasattr(resolver, "module_fact") or not ctx.facts.project_calls:
        return
    starts = [s for s in ctx.facts.starts if s.obj.kind != "Thread"]
    if not starts:
        return
    holding, taking = [], {}  # [(where, call, function, locks its thread takes)]; function -> locks its calls take
    for e, qualified, _args, _kwargs, w in ctx.facts.project_calls:
        module, _, name = qualified.rpartition(".")
        fact = resolver.module_fact(module, LOCKS_FACT, lock_fact) if module else None
        if not fact:
            continue
        if name in fact["threads"]:
            holding.append((w, e, qualified, {f"{module}.{lock}" for lock in fact["threads"][name]}))
        if name in fact["takes"] and w.function is not None:
            taking.setdefault(w.function, set()).update(f"{module}.{lock}" for lock in fact["takes"][name])
    if not holding:  # (a child may take the lock through its target, another module's function, or a call)
        return
    for start in starts:
        creation = next((c for c in ctx.facts.creations if c.value is start.obj), None)
        targets = ctx.definitions_of(creation.target) if creation is not None else []
        needed = set().union(*(taking.get(f, set()) for f in ctx.reachable(targets))) if targets else set()
        needed |= _taken_by_foreign_target(resolver, creation.target if creation is not None else None)
        needed -= {k[len("global:"):] for k in child_resets(ctx, start.node) if k.startswith("global:")}
        for w, call, starter, locks in holding:
            held = locks & needed
            if not held or not ctx.in_parent(w):
                continue
            first = w.function is start.where.function and w.order < start.where.order \
                and not ctx.exclusive(call, start.node)
            if first or runs_before(ctx, (w, call), (start.where, start.node)):
                lock = sorted(held)[0]
                ctx.report("MP305", start.node, f"the thread {starter}() left running (line {call.lineno}) may hold "
                           f"`{lock}` when this process is forked, and the child takes it too; the child's copy of the "
                           "lock can stay locked forever", ctx.breaks(start.obj.method, lambda m: m == "fork"),
                           related=((call, "the thread that takes the lock is started here"),))
                break


def _taken_by_foreign_target(resolver, target) -> set:
    """The locks of another project module a child whose target is that module's function takes
    (`Process(target=gpustats.serve)`, serve taking gpustats's `gpulock`): its `lock_fact`."""
    if type(target) is not V.ModuleRef or "." not in target.qualified:
        return set()
    module, _, name = target.qualified.rpartition(".")
    fact = resolver.module_fact(module, LOCKS_FACT, lock_fact)
    return {f"{module}.{lock}" for lock in fact.get("takes", {}).get(name, ())} if fact else set()


# Making a generator of one's own does not create numpy's global state.
OWN_NUMPY_GENERATORS = {"default_rng", "Generator", "SeedSequence", "RandomState", "PCG64", "MT19937", "Philox",
                        "SFC64", "BitGenerator"}


def numpy_major() -> int | None:
    """The major version of the numpy installed beside mpguard (its metadata only; never imported)."""
    global _NUMPY_MAJOR
    if _NUMPY_MAJOR == "?":
        try:
            from importlib.metadata import PackageNotFoundError, version

            _NUMPY_MAJOR = int(version("numpy").split(".")[0])
        except (ImportError, ValueError, PackageNotFoundError):
            _NUMPY_MAJOR = None
    return _NUMPY_MAJOR


_NUMPY_MAJOR: int | str | None = "?"


def _parent_touches_numpy_rng(ctx):
    """A call of numpy's global generator (a draw, or seed()) in code the parent runs: numpy 2 creates
    and seeds that state then, and forked children copy it. The first such call, else None."""
    memo = ctx.memo.setdefault("numpy rng touched", [])
    if memo:
        return memo[0]
    found = None
    for node in nodes_in(ctx.tree):
        if isinstance(node, ast.Call):
            qualified = ctx.imports.qualify(node.func) or ""
            if qualified.startswith("numpy.random.") and qualified.rsplit(".", 1)[1] not in OWN_NUMPY_GENERATORS:
                func = enclosing_function(ctx, node)
                if func is None or (func in ctx.parent_functions and func not in ctx.child_functions):
                    found = node
                    break
    memo.append(found)
    return found


def _rng(ctx) -> None:
    if "numpy" not in ctx.source.text:  # only numpy's global generator is checked
        return
    for func, children in ctx.child_functions.items():
        if not any(c.role == "task" or c.spawner.where.loop for c in children):
            continue
        draws, seeded = [], False
        for node in nodes_in(func):
            if isinstance(node, ast.Call) and enclosing_function(ctx, node) is func:
                qualified = ctx.imports.qualify(node.func) or ""
                if qualified.startswith("numpy.random."):
                    if qualified.rsplit(".", 1)[1] in NUMPY_SAFE:
                        seeded = True
                    else:
                        draws.append(node)
        if draws and not seeded:
            touched = _parent_touches_numpy_rng(ctx)
            legacy = numpy_major() == 1
            if touched is None and not legacy:
                continue  # numpy 2 seeds the global generator lazily: each child seeds its own
            # used at the script's import: 3.14's forkserver imports the script, so its server makes the state too
            # (numpy 1.x's state made by `import numpy` alone is not judged: no numpy 1.x runs on 3.14)
            later = PRELOADED_SINCE if touched is not None and ctx.preloaded and _runs_at_import(ctx, touched) \
                else None
            methods = joined(ctx.breaks(c.method, lambda m: m == "fork", later=later) for c in children)
            why = (f"the parent already used it (line {touched.lineno}), so numpy's global random state is copied "
                   "into every forked child" if touched is not None else
                   "numpy 1.x seeds its global random state at import, and every forked child gets a copy")
            if getattr(methods, "later", None):
                why += (" (from Python 3.14 also into every child of the forkserver, which imports the script and "
                        "so uses it there too)")
            ctx.report("MP306", draws[0], f"{why}: sibling children draw the same numbers", methods)


def _runs_at_import(ctx, node) -> bool:
    """Does `node` run when the module is imported: at module level (a class body counts), outside any
    function and outside the main guard?"""
    child, parent = node, ctx.parents.get(node)
    while parent is not None:
        if isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            return False
        if type(parent) is ast.If and ctx.parents.get(parent) is ctx.tree and is_main_guard(parent.test) \
                and child in parent.body:
            return False
        child, parent = parent, ctx.parents.get(parent)
    return True


def _module_generators(ctx) -> dict:
    """Module-level names bound once, at import, to a random generator object made without a seed -> (entry,
    the assignment): semantic/module_generators.py."""
    return module_generators(ctx.tree, ctx.imports.qualify)


def _local_names(func) -> set:
    args = func.args
    names = {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)}
    names |= {a.arg for a in (args.vararg, args.kwarg) if a is not None}
    if type(func) is not ast.Lambda:
        names |= {n.id for n in nodes_in(func) if type(n) is ast.Name and type(n.ctx) is not ast.Load}
    return names


def _rng_objects(ctx) -> None:
    """MP306 for a module-level generator object made without a seed (`RNG = np.random.default_rng()`,
    `np.random.RandomState()`, `random.Random()`): it seeds itself from the OS when the parent imports
    the module, so forked children each get a copy of one state and draw the same numbers."""
    generators = _module_generators(ctx)
    if not generators:
        return
    module_funcs = {n for n in nodes_in(ctx.tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))}

    def calls_on(func):
        local = _local_names(func)
        for node in nodes_in(func):
            if type(node) is ast.Call and type(node.func) is ast.Attribute and type(node.func.value) is ast.Name \
                    and node.func.value.id in generators and node.func.value.id not in local \
                    and enclosing_function(ctx, node) is func:
                yield node.func.value.id, node

    # a generator reseeded in any function (an initializer calling `RNG.seed()`) is left alone
    reseeded = {name for func in module_funcs for name, call in calls_on(func)
                if call.func.attr in generators[name][0].get("reseeds", ())}
    reported = set()
    # 3.14's forkserver imports the script in its server: the generator is made there once, and shared
    later = PRELOADED_SINCE if ctx.preloaded else None
    for func, children in ctx.child_functions.items():
        if not any(c.role == "task" or c.spawner.where.loop for c in children):
            continue
        methods = joined(ctx.breaks(c.method, lambda m: m == "fork", later=later) for c in children)
        if not methods and not getattr(methods, "later", None):
            continue
        reached = [f for f in ctx.reachable([func]) if f in module_funcs]
        draws = sorted(((name, call) for f in reached for name, call in calls_on(f) if name not in reseeded),
                       key=lambda d: (d[1].lineno, d[1].col_offset))
        if draws and draws[0][1] not in reported:
            name, call = draws[0]
            reported.add(call)
            line = generators[name][1].lineno
            server = (" (from Python 3.14 also every child of the forkserver, which imports the script once and "
                      "makes it there)") if getattr(methods, "later", None) else ""
            ctx.report("MP306", call, f"`{name}` (line {line}) seeds itself from the OS when the parent imports the "
                       f"module, made without a seed; every forked child gets a copy of its state{server}: sibling "
                       "children draw the same numbers", methods)
