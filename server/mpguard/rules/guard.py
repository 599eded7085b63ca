"""MP1xx: bootstrapping. What runs again when a spawned child re-imports the main module."""
from __future__ import annotations

import ast

from mpguard.semantic import errors, values as V
from mpguard.semantic.names import is_main_guard
from mpguard.semantic.param_guards import main_process_only
from mpguard.semantic.platforms import REIMPORTING
from mpguard.resolve.project import acts_at_import, effects_summary, function_summary
from mpguard.fixes.guard import main_guard_fix, move_under_guard_fix
from mpguard.fixes.lazy_state import LAZY_KINDS, lazy_state_fix
from mpguard.rules.context import PRELOADED_SINCE
from mpguard.rules.fact_lookup import effects_in
from mpguard.rules.registry import Rule, register
from mpguard.rules.sink_arguments import handed_values, hands_pool

BOOTSTRAP = errors.text("bootstrap")
DAEMONIC = "AssertionError: daemonic processes are not allowed to have children"

PROCESS_AT_IMPORT = register(Rule(
    "MP101", "process-started-at-import",
    "A process starts while the module is being imported (no `if __name__ == \"__main__\":` guard)",
    frozenset(REIMPORTING),
    {"spawn": BOOTSTRAP + " (a Pool often hangs after printing it)", "forkserver": BOOTSTRAP},
    severity="error", fix_title="Wrap the module-level code that starts processes in `if __name__ == \"__main__\":`",
))
SIDE_EFFECT_AT_IMPORT = register(Rule(
    "MP102", "import-side-effect-reruns",
    "A module-level side effect runs again in every spawned child",
    frozenset(REIMPORTING),
    {"spawn": "No exception: the effect (file write, truncation, cleanup, expensive build) happens once more "
              "per child, silently", "forkserver": "No exception: the effect happens once more per child"},
    fix_title="Move the side effect under the main guard", safe_fix=False,
))

FILE_WRITE_MODES = ("w", "a", "x", "+")


def check(ctx) -> None:
    if not ctx.unimported_main:  # no child imports this __main__: its code never runs again in one
        _starts_at_import(ctx)
        _side_effects(ctx)
    _imported_modules(ctx)


def _bites(method: str) -> bool:
    return method in REIMPORTING


def _starts_at_import(ctx) -> None:
    facts = ctx.facts
    imported_submits = {id(s.pool) for s in facts.submits if s.where.at_import} | _handed_at_import(ctx)
    for start in facts.starts:
        if start.obj.kind != "Thread" and start.where.at_import:
            boundary = start.obj.boundary
            what = "a process" if boundary is None else f"a local cluster of worker processes ({boundary.library})" \
                if boundary.kind == "cluster" else f"a process ({boundary.library})"
            _report_start(ctx, start.node, f"`{_text(start.node.func)}()` starts {what} at import time",
                          start.obj.method, start.obj.elsewhere)
    entered = {id(e.detail) for e in facts.effects_of("with") if e.where.at_import}
    for creation in facts.creations:
        if not creation.where.at_import:
            continue
        if not creation.starts and id(creation.value) not in entered:
            continue  # a SyncManager made, not started: its `start()`, if at import, is reported itself
        if creation.kind == "LibPool":
            _library_pool_at_import(ctx, creation, id(creation.value) in imported_submits)
            continue
        if creation.kind in ("Pool", "Manager") or (creation.kind == "Executor" and id(creation.value) in imported_submits):
            label = {"Pool": "a process pool", "Manager": "a manager server process",
                     "Executor": "a process pool executor that runs tasks"}[creation.kind]
            # in a package module, importers read what it binds: the guard cannot hold it, made on first use can
            lazy = lazy_state_fix(ctx, creation.node) \
                if creation.kind in LAZY_KINDS and getattr(ctx.imports, "package", None) else None
            _report_start(ctx, creation.node, f"`{_text(creation.node.func)}(...)` creates {label} at import time",
                          creation.method, creation.value.elsewhere, fix=lazy)
    for value, call, where in facts.module_calls:
        if not where.at_import:
            continue
        if imported_spawner(ctx, value, call):
            # a start only the main process reaches (a test of current_process().name in the function) does not
            # happen in a re-importing child; it does in 3.14's forkserver server (_report_start)
            _report_start(ctx, call, f"`{_text(call.func)}()` (from {_defined(ctx, value.qualified).rpartition('.')[0]}) "
                          "starts processes and is called at import time", _imported_method(ctx, value.qualified),
                          main_only=not imported_spawner(ctx, value, call, child=True))
            continue
        for definition in ctx.definitions_of(value):
            if definition in ctx.spawning_functions and ctx.spawns_when_called(definition, call):
                _report_start(ctx, call, f"`{_text(call.func)}()` starts processes and is called at import time",
                              start_method_of(ctx, definition),
                              main_only=not ctx.spawns_when_called(definition, call, child=True))
                break


def _report_start(ctx, node, message, method, elsewhere=None, fix=None, main_only: bool = False) -> None:
    """MP101 for a start at import time. One that only a process named MainProcess reaches (`if
    current_process().name == "MainProcess":` around it at the module's level, or in the function the call
    runs: `main_only`) starts nothing in a spawned child, whose name is its own (`Process-1`) while it
    re-imports the module, nor in a forkserver child; but from Python 3.14 the forkserver imports the script
    in its server, a process named MainProcess, before it forks the first child (`_preload_modules =
    ['__main__']`, which earlier versions never passed the script's path for): the start runs there."""
    if not main_only and not main_process_only(node, ctx.parents):
        _report(ctx, node, message, method, elsewhere, fix=fix)
        return
    methods = ctx.breaks(method, lambda _method: False, elsewhere, later=PRELOADED_SINCE)
    if not methods and not getattr(methods, "later", ()):
        return  # (a context of its own that is not forkserver: no server imports the script for it)
    ctx.report("MP101", node, f"{message}, under a test of the process's name, which is no main guard: from Python "
               "3.14 the forkserver imports the script (and what it imports) in its server process, named "
               "MainProcess too, and the start runs there while the server bootstraps: "
               f"{BOOTSTRAP.rstrip('.')}; the server dies and the parent's start() fails with ConnectionResetError",
               methods, fix=None if fix is False else fix or main_guard_fix(ctx, node), error=BOOTSTRAP)


def _handed_at_import(ctx) -> set:
    """ids of the process pools this module hands at import time to a function of another project module that
    gives them tasks (`recipes.compute_and_store_features(cuts, executor=ex)`, lhotse #126: its summary's sink of
    role "pool"): an executor starts its workers at its first submit, there."""
    out = set()
    # (the whole summary: a helper given its pool need not name a process API, which the quick test looks for)
    for *_call, _sink, value in handed_values(ctx, "pool", function_summary, reached_only=True,
                                              follows=lambda args, kwargs, where: where.at_import
                                              and not where.guarded and hands_pool(ctx, args, kwargs)):
        for option in value.options if type(value) is V.Union else (value,):
            if type(option) is V.MPObject and option.kind in ("Pool", "Executor"):
                out.add(id(option))
    return out


def _library_pool_at_import(ctx, creation, used: bool) -> None:
    """A library's pool made at import time (semantic/data/boundaries.json): reported when it starts its
    workers there (made and used, or a pool that starts on creation) and they re-import the module."""
    boundary = creation.value.boundary
    if boundary.kind == "cluster" or not (used or boundary.get("starts") == "creation"):
        return
    label = {"pool": "creates a process pool", "parallel": "runs tasks in a process pool",
             "call": "runs tasks in a process pool", "scheduler": "runs the graph in a pool of spawned processes",
             "trainer": "starts its processes in a {} called"}
    what = label.get(boundary.kind, "starts processes").format(  # Trainer: fit/validate/..., Fabric: launch
        "/".join(f"`{t}`" for t in [*boundary.get("function_tasks", ()), *boundary.get("tasks", ())]))
    if main_process_only(creation.node, ctx.parents):
        _report_start(ctx, creation.node, f"`{_text(creation.node.func)}(...)` ({boundary.library}) {what} at import "
                      "time", creation.method, creation.value.elsewhere, main_only=True)
        return
    _report(ctx, creation.node, f"`{_text(creation.node.func)}(...)` ({boundary.library}) {what} at import time",
            creation.method, creation.value.elsewhere, boundary.get("errors", {}).get("spawn_guard"),
            boundary.get("errors", {}).get("spawn_guard_note"))


def _defined(ctx, qualified: str) -> str:
    """The name the project defines `qualified` under (a re-export followed, a factory's object's method)."""
    follow = getattr(ctx.resolver, "defined_name", None)
    return follow(qualified) if follow is not None else qualified


def imported_spawner(ctx, value, call=None, child: bool = False) -> bool:
    """A function of another project module that starts processes (read from that module's AST), when
    called by `call` if given (in a child process, when `child`)."""
    return isinstance(value, V.ModuleRef) and ctx.imported_spawner(value.qualified, call, child)


def _imported_method(ctx, qualified: str) -> str | None:
    """The start method of what a spawning function of another project module starts, as its summary keeps
    it (`ModuleSummary.spawn_methods`: an explicit method, loky's fresh interpreters, a fork or spawn
    context, dask's processes scheduler); None (the default's) when not kept."""
    summary, name = effects_summary(ctx.resolver, qualified)
    methods = getattr(summary, "spawn_methods", None) or {}
    return methods.get(name, methods.get(f"{name}.__init__"))


def start_method_of(ctx, function) -> str | None:
    """The start method that decides where the processes `function` starts, itself or through the functions
    it calls (`cli()` -> `run()` -> a pool of a spawn context), re-import the module: an explicit spawn or
    forkserver one does under every default, else the default does (None), else only fork is asked. A
    spawning function of another project module it calls counts with the method its summary keeps for it
    (`nilearn`'s `non_parametric_inference()` -> `permuted_ols()`, whose joblib workers are loky's), the
    default's when it keeps none."""
    reach = ctx.reachable([function])
    methods = {c.method for c in ctx.facts.creations if c.where.function in reach and c.kind != "Thread"}
    methods |= {s.obj.method for s in ctx.facts.starts if s.where.function in reach and s.obj.kind != "Thread"}
    methods |= {method for function, _node, _condition, method in ctx.facts.param_spawns if function in reach}
    methods |= {_imported_method(ctx, qualified) for call, qualified, _a, _k, where in ctx.facts.project_calls
                if where.function in reach and ctx.imported_spawner(qualified, call)}
    explicit = sorted(m for m in methods if m in ("spawn", "forkserver"))
    if explicit:
        return explicit[0]
    return None if None in methods or "unknown" in methods or not methods else methods.pop()


def report_at_import(ctx, node, message, method, elsewhere=None) -> None:
    """MP101 for a library's start at import time (rules/libraries.py)."""
    _report_start(ctx, node, message, method, elsewhere)


def _report(ctx, node, message, method, elsewhere=None, error=None, note=None, fix=None) -> None:
    """`error`: what the library raises in the child instead of multiprocessing's bootstrap error (`note`:
    since which release)."""
    methods = ctx.breaks(method, _bites, elsewhere)
    fails = f"fails to bootstrap: {BOOTSTRAP}" if error is None else f"fails: {error}"
    if note:
        fails += f" ({note})"
    bites = methods or getattr(methods, "platforms", None)  # (only elsewhere: billiard's Pool on macOS)
    if error is None and imported_module(ctx):
        # a package's module is imported by a child, not re-imported as its main module: while it bootstraps
        # (a main module that imports this one) the bootstrap check fails; a Pool worker importing it later, to
        # unpickle a task of a module that imports it (parallelbar #4), fails the daemon assertion instead
        ctx.report("MP101", node, f"{message}; a child process that imports this module starts it again: "
                   f"a spawned child importing it while it bootstraps (a main module importing this one) fails: "
                   f"{BOOTSTRAP.rstrip('.')}; a daemonic Pool worker importing it to unpickle a task fails: {DAEMONIC}",
                   methods, fix=(fix or main_guard_fix(ctx, node)) if bites else None, error=BOOTSTRAP)
        return
    ctx.report("MP101", node, f"{message}; a spawned child re-imports the module and {fails}",
               methods, fix=(fix or main_guard_fix(ctx, node)) if bites else None, error=error or BOOTSTRAP)


def _imported_failure(ctx) -> str:
    """How a child fails when importing this module starts a process: the bootstrap check of a spawned child
    re-importing its main module; for a package's module (imported by others), that, or the daemon assertion
    of a Pool worker importing it to unpickle a task (parallelbar #4)."""
    if not imported_module(ctx):
        return BOOTSTRAP
    return f"a spawned child importing this module while it bootstraps fails: {BOOTSTRAP.rstrip('.')}; a daemonic " \
           f"Pool worker importing it to unpickle a task fails: {DAEMONIC}"


def imported_module(ctx) -> bool:
    """A module of a package that has no main guard: one that other modules import, not a script."""
    return bool(getattr(ctx.imports, "package", None)) \
        and not any(isinstance(s, ast.If) and is_main_guard(s.test) for s in ctx.tree.body)


SPAWNER_KINDS = ("Process", "Pool", "Executor", "Manager")


def spawners(ctx) -> list[tuple[int, str | None]]:
    """(row, explicit start method) of every process, pool, executor and manager the module creates
    (of a slice of it: only those in the statements it re-checks, see RuleContext.keeps)."""
    return [(c.node.lineno, c.method) for c in ctx.facts.creations
            if c.kind in SPAWNER_KINDS and (ctx.keeps is None or ctx.keeps(c.node))]


def _spawns_reimporting_children(ctx) -> frozenset:
    # An analysis of a slice of the module is told about the creations outside it.
    explicit = {method for _row, method in spawners(ctx)} | set(ctx.outside_spawners or ())
    if not explicit:
        return frozenset()
    if None in explicit or "unknown" in explicit or len(explicit) > 1:
        return ctx.breaks(None, _bites) | (ctx.breaks("spawn", _bites) if explicit & REIMPORTING else frozenset())
    return ctx.breaks(explicit.pop(), _bites)


def _child_stops_before(ctx):
    """A test of a module-level node: does a spawned child's re-import stop before it? An unguarded process,
    pool, executor or manager made at import by a statement every import runs (not under an `if`, a `try` or a
    loop) raises the bootstrap RuntimeError in the child (MP101): what comes after it in the module's text never
    runs again there (llm.c's dev/data/fineweb.py writes its shards inside `with mp.Pool(nprocs) as pool:`)."""
    stops = [c.node for c in ctx.facts.creations
             if c.kind in SPAWNER_KINDS and c.where.function is None and c.where.at_import and not c.where.guarded
             and c.method in (None, *REIMPORTING) and _runs_on_every_import(ctx, c.node)]
    first = min(((n.lineno, n.col_offset) for n in stops), default=None)
    return lambda node: first is not None and (node.lineno, node.col_offset) > first


def _runs_on_every_import(ctx, node) -> bool:
    parent = ctx.parents.get(node)
    while parent is not None and not isinstance(parent, ast.Module):
        if isinstance(parent, (ast.If, ast.Try, ast.For, ast.AsyncFor, ast.While, ast.FunctionDef,
                               ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda, ast.IfExp, ast.BoolOp,
                               ast.comprehension, ast.Match)) or type(parent).__name__ == "TryStar":
            return False
        parent = ctx.parents.get(parent)
    return parent is not None


def _side_effects(ctx) -> None:
    methods = _spawns_reimporting_children(ctx)
    if not methods:
        return
    stopped = _child_stops_before(ctx)

    for effect in ctx.facts.effects:
        if not effect.where.at_import or effect.where.function is None and stopped(effect.node):
            continue
        described = describe_effect(effect)
        if described is None or _appends_nothing(ctx, effect) or installs_what_it_misses(ctx, effect):
            continue
        message, only = described
        _report_effect(ctx, effect.node, message, methods & only)
    for value, call, where in ctx.facts.module_calls:
        if not where.at_import or stopped(call):
            continue
        for definition in ctx.definitions_of(value):
            effect = function_effect(ctx, definition)
            if effect is not None:
                _report_effect(ctx, call, f"`{_text(call.func)}()` {effect}", methods)
                break
    for call, qualified, _a, _k, where in ctx.facts.project_calls:  # a function or class method of another module
        if where.function is not None or not where.at_import or ctx.resolver is None or stopped(call):
            continue
        summary, name = function_summary(ctx.resolver, qualified)
        effect = getattr(summary, "effects_when_called", {}).get(name) if summary is not None else None
        if effect is not None:
            _report_effect(ctx, call, f"`{_text(call.func)}()` {effect} of "
                           f"{summary.path.replace(chr(92), '/').rsplit('/', 1)[-1]}", methods)


def _report_effect(ctx, node, message, methods) -> None:
    """MP102 for a side effect at import time that the children re-importing the module under `methods` repeat.
    One that only a process named MainProcess runs (`if current_process().name == "MainProcess":` around it)
    runs in no child, but once more in 3.14's forkserver server, which imports the script under that name."""
    if not main_process_only(node, ctx.parents):
        ctx.report("MP102", node, f"{message} at import time; it runs again in every spawned child", methods,
                   fix=move_under_guard_fix(ctx, node))
        return
    if "forkserver" not in methods:
        return
    explicit = {method for _row, method in spawners(ctx)} | set(ctx.outside_spawners or ())
    server = ctx.breaks("forkserver" if explicit == {"forkserver"} else None, lambda _method: False,
                        later=PRELOADED_SINCE)
    ctx.report("MP102", node, f"{message} at import time, under a test of the process's name, which is no main "
               "guard: it runs again when the forkserver of Python 3.14+ imports the script in its server process, "
               "named MainProcess too (spawned children skip it)", server, fix=move_under_guard_fix(ctx, node))


def describe_effect(effect):
    """(message, start methods it can bite under) for a side effect worth reporting, else None."""
    if effect.kind == "open" and isinstance(effect.detail, str) and any(m in effect.detail for m in FILE_WRITE_MODES):
        verb = "truncates" if "w" in effect.detail else "writes to"
        return f"`open(..., {effect.detail!r})` {verb} a file", frozenset(REIMPORTING)
    if effect.kind == "atexit":
        # Observed: 3.11/3.12 forkserver children leave through os._exit and skip atexit.
        return "`atexit.register(...)` registers a cleanup", frozenset({"spawn"})
    if effect.kind == "fs-effect":
        return f"`{_text(effect.node.func)}(...)` changes the file system or runs a program", frozenset(REIMPORTING)
    return None


IMPORT_ERRORS = ("ImportError", "ModuleNotFoundError")


def installs_what_it_misses(ctx, effect) -> bool:
    """An effect in the `except ImportError:` handler of an import that the handler imports again after
    it (`try: import ultralytics / except ImportError: os.system("pip install ultralytics"); import
    ultralytics`): a process that got past the handler has the module, so a child re-importing the
    module (same environment) finds it in the `try` and never runs the handler."""
    statement, handler = effect.node, None
    while statement is not None and handler is None:
        parent = ctx.parents.get(statement)
        if isinstance(parent, ast.ExceptHandler) and statement in parent.body:
            handler = parent
        else:
            statement = parent
    if handler is None or handler.type is None:
        return False
    caught = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    if not any(_text(c).rsplit(".", 1)[-1] in IMPORT_ERRORS for c in caught):
        return False
    trial = ctx.parents.get(handler)
    tried = {alias.name for stmt in getattr(trial, "body", ()) if isinstance(stmt, (ast.Import, ast.ImportFrom))
             for alias in ([ast.alias(name=stmt.module or "")] if isinstance(stmt, ast.ImportFrom) else stmt.names)}
    after = handler.body[handler.body.index(statement) + 1:]
    again = {alias.name for stmt in after if isinstance(stmt, (ast.Import, ast.ImportFrom))
             for alias in ([ast.alias(name=stmt.module or "")] if isinstance(stmt, ast.ImportFrom) else stmt.names)}
    return bool(tried & again)


def function_effect(ctx, function) -> str | None:
    """A side effect the call surely reaches: unconditional in the function it sits in (an effect
    behind an `if` or in a loop may well not happen, and guessing would cry wolf). The first one met in the order
    the calls run (the function's own, then its first callee's, ...) is named."""
    for func in ctx.reached_in_call_order(function):
        for effect in effects_in(ctx, func):
            if describe_effect(effect) is not None \
                    and _unconditional(ctx, effect.node, func) and not _appends_nothing(ctx, effect):
                return f"runs {describe_effect(effect)[0]} (line {effect.node.lineno})"
    return None


WRITES = ("write", "writelines")


def _appends_nothing(ctx, effect) -> bool:
    """`out = open("results.txt", "a")` at import with nothing written there: opening for append again in
    each child changes nothing (their own writes are appends too). Truncating ("w") or creating ("x") is
    not like that, and neither is a write in the same scope (`with open(p, "a") as f: f.write(...)`)."""
    mode = effect.detail
    if effect.kind != "open" or not isinstance(mode, str) or "a" not in mode or any(m in mode for m in "wx"):
        return False
    parent = ctx.parents.get(effect.node)
    if isinstance(parent, ast.Attribute):
        return parent.attr not in WRITES  # `open(p, "a").write(line)`
    names, scope = set(), None
    if isinstance(parent, ast.withitem) and isinstance(parent.optional_vars, ast.Name):
        names.add(parent.optional_vars.id)
        scope = ctx.parents.get(parent)
    elif isinstance(parent, ast.Assign) and all(isinstance(t, ast.Name) for t in parent.targets):
        names.update(t.id for t in parent.targets)
        scope = ctx.parents.get(parent)
        while scope is not None and not isinstance(scope, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef)):
            scope = ctx.parents.get(scope)
    if scope is None or not names:
        return False  # handed to something we do not follow: it may write
    memo = ctx.memo.setdefault("files written per scope", {})
    if id(scope) not in memo:  # one scan per scope, however many files it opens
        memo[id(scope)] = (scope, _written_names(scope))
    return not names & memo[id(scope)][1]


def _same_scope_nodes(scope):
    """The nodes of `scope` outside the functions and classes it defines (what runs with it)."""
    todo = list(ast.iter_child_nodes(scope))
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        yield node
        todo.extend(ast.iter_child_nodes(node))


def _written_names(scope) -> set:
    """Names of `scope` that something may write through: `out.write(...)`, or handed to a call
    (`print(..., file=out)`, `json.dump(obj, out)`)."""
    names = set()
    for node in _same_scope_nodes(scope):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.attr in WRITES:
            names.add(func.value.id)
        names.update(a.id for a in [*node.args, *(k.value for k in node.keywords)] if isinstance(a, ast.Name))
    return names


def _unconditional(ctx, node, func) -> bool:
    node = ctx.parents.get(node)
    while node is not None and node is not func:
        if isinstance(node, (ast.If, ast.IfExp, ast.For, ast.AsyncFor, ast.While, ast.Try, ast.BoolOp,
                             ast.ExceptHandler, ast.comprehension)) or (hasattr(ast, "Match") and isinstance(node, ast.Match)):
            return False
        node = ctx.parents.get(node)
    return True


def _imported_modules(ctx) -> None:
    if ctx.resolver is None:
        return
    reimporting = _spawns_reimporting_children(ctx)
    for effect in ctx.facts.effects_of("import"):
        if not effect.where.at_import:
            continue
        for module in imported_modules(effect.node):
            if not reimporting and not acts_at_import(ctx.resolver, module):
                continue  # (side effects aside, only its effects at import are read here: it has none)
            summary = ctx.resolver.module_summary(module)
            if summary is None:
                continue
            if summary.starts_processes:
                line, text = summary.starts_processes[0]
                ctx.report("MP101", effect.node, f"importing {module} starts processes at import time "
                           f"({summary.path}:{line}: {text}): {_imported_failure(ctx)}", ctx.breaks(None, _bites),
                           error=BOOTSTRAP)
            elif getattr(summary, "main_only_starts", None) and not ctx.unimported_main:
                line, text = summary.main_only_starts[0]
                _report_start(ctx, effect.node, f"importing {module} starts processes at import time "
                              f"({summary.path}:{line}: {text})", None, main_only=True, fix=False)
            if summary.side_effects and reimporting:
                line, text = summary.side_effects[0]
                ctx.report("MP102", effect.node, f"importing {module} has a side effect that runs again in "
                           f"every spawned child ({summary.path}:{line}: {text})", reimporting)
            if summary.sets_start_method:
                line, method = summary.sets_start_method[0]
                ctx.report("MP402", effect.node, f"importing {module} calls set_start_method({method!r}) at "
                           f"import time; a spawned child imports it again and gets "
                           f"`RuntimeError: context has already been set`", ctx.breaks(None, lambda m: True))


def imported_modules(node) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom) and node.module and not node.level:
        # `from pkg import mod` may name a submodule as well as an attribute.
        return [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
    return []


def _text(node) -> str:
    try:
        return ast.unparse(node)
    except Exception:  # pragma: no cover
        return "call"
