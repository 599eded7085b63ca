"""What importing a project module does, for the scripts that import it: the processes it starts, its
side effects, the start method it sets, the functions that start processes when called. The resolver
asks for these through the functions it is handed (`ProjectResolver(..., SUMMARIZER)`)."""
from __future__ import annotations

import ast
from contextlib import contextmanager

from mpguard.linter.trees import TREES, borrowed_tree
from mpguard.linter.reach import may_give
from mpguard.resolve.project import STDLIB, ModuleSummary, Sink, Summarizer, effects_summary
from mpguard.semantic.flow import CallSite, bind_argument
from mpguard.semantic.endless import finite
from mpguard.semantic.hash_cycles import hash_cycle_problem
from mpguard.semantic.worker_objects import worker_methods
from mpguard.semantic.sent_originals import sends_original
from mpguard.linter.daemon_sinks import called_in_daemons, daemon_decorators, daemon_methods, daemon_runs
from mpguard.linter.process_classes import process_state_sinks
from mpguard.linter.bound_state import bound_state
from mpguard.linter.context_fixes import FIXING_KINDS, fixing_functions
from mpguard.semantic.context_fixers import CONTEXT_FIX
from mpguard.linter.caught_sends import caught_sent_sinks
from mpguard.linter.raise_paths import raise_paths, raised_here
from mpguard.rules.raised_elsewhere import RAISE_DEPTH, Raised
from mpguard.rules.lifecycle import platforms_always, writes_much
from mpguard.rules.daemon_children import allowed_in_daemon
from mpguard.rules.queue_writes import queue_writes
from mpguard.rules.worker_ends import summarize_ends
from mpguard.semantic.module_globals import single_assignments
from mpguard.semantic.local_values import own_nodes
from mpguard.semantic.returned_items import returned_shape
from mpguard.semantic.returned_proxies import returned_proxies
from mpguard.semantic.param_guards import (
    ALWAYS, both, chosen_classes, guard_key, guards, main_process_only, merge, sink_key, spawn_key, summary_function)
from mpguard.semantic.branch_choices import made_under
from mpguard.semantic.failing_handlers import unhandled_methods
from mpguard.semantic import errors, values as V
from mpguard.semantic.pickle_problems import fix_handle
from mpguard.semantic.configured_objects import BOUND, PROXY
from mpguard.semantic.index import rewrapped
from mpguard.semantic.conditions import EVERYWHERE, branch_reach, pure_platform_test
from mpguard.rules.constant_tests import always_false, always_true
from mpguard.rules.context import RuleContext
from mpguard.rules.guard import describe_effect, function_effect, installs_what_it_misses, start_method_of
from mpguard.semantic.names import TASK_METHODS, ImportMap, package_name
from mpguard.semantic.walker import Walker
from mpguard.text.source import SourceDecodeError, SourceText, decode_source


def import_time_summary(data: bytes | str, path: str, module: str, resolver=None):
    """What importing `module` does (for scripts that import it): a ModuleSummary. With `resolver`,
    what its functions do through the project modules it imports counts too."""
    with _walk(data, path, module, resolver) as (summary, ctx):
        return summary if ctx is None else _summarized(ctx, summary, module)


def _summarized(ctx, summary, module: str):
    tree, facts, text = ctx.tree, ctx.facts, ctx.source.text
    spawning = ctx.spawning_functions
    summary.spawning = {f.name: _spawn_line(ctx, f) for f in tree.body if f in spawning}
    summary.spawning.update({f"{c.name}.{f.name}": _spawn_line(ctx, f) for c in tree.body if isinstance(c, ast.ClassDef)
                             for f in c.body if f in spawning})  # methods: `Pipeline(...).run()`
    there = {s.node.lineno for s in facts.starts if s.obj.kind != "Thread"} | \
        {c.node.lineno for c in facts.creations if c.kind in ("Pool", "Manager")}
    summary.spawn_sites = {name for name, line in summary.spawning.items() if line in there}
    helpers = {call.lineno: qualified for call, qualified, _a, _k, _w in facts.project_calls
               if ctx.imported_spawner(qualified, call)}
    summary.spawn_via = {name: helpers[line] for name, line in summary.spawning.items()
                         if name not in summary.spawn_sites and line in helpers}
    named = {f: f.name for f in tree.body if f in spawning}
    named.update({f: f"{c.name}.{f.name}" for c in tree.body if isinstance(c, ast.ClassDef) for f in c.body
                  if f in spawning})
    summary.daemon_allowed = {name for f, name in named.items() if allowed_in_daemon(ctx, f)}
    summary.counted = {param.function.name: (param.name, least) for _pool, param, least in facts.param_counts
                       if param.function in tree.body}
    _spawn_guards(ctx, tree, summary)
    _spawn_methods(ctx, tree, summary)
    _effects_when_called(ctx, tree, summary)
    _crossings(ctx, tree, summary, module)
    caught_sent_sinks(ctx, tree, summary)  # a worker loop sending what the caller's function raised
    lines = text.splitlines()
    snippet = lambda node: lines[node.lineno - 1].strip() if 0 < node.lineno <= len(lines) else ""
    starting = [c.node for c in facts.creations
                if c.where.at_import and c.kind in ("Pool", "Manager") and c.method != "fork"
                and (c.starts or _entered(facts, c))]
    starting += [s.node for s in facts.starts if s.where.at_import and s.obj.kind != "Thread" and s.obj.method != "fork"]
    for node in starting:  # (a start only a process named MainProcess makes: none in a child that imports it)
        kept = summary.main_only_starts if main_process_only(node, ctx.parents) else summary.starts_processes
        kept.append((node.lineno, snippet(node)))
    for creation in facts.creations:
        # a Lock, Queue or Value of the default context made at import asks it for its context, which fixes
        # the start method: a later set_start_method() without force raises (numcodecs #522's blosc mutex)
        if creation.where.at_import and creation.kind in FIXING_KINDS and creation.method is None:
            summary.fixes_start_method.append((creation.node.lineno, snippet(creation.node)))
    for effect in facts.effects_of(CONTEXT_FIX):  # (a library call that makes one: a tqdm bar at import)
        if effect.where.at_import:
            summary.fixes_start_method.append((effect.node.lineno, snippet(effect.node)))
    summary.fixing = fixing_functions(ctx, tree)
    for effect in facts.effects:
        # atexit handlers of an imported library are per process by design; file writes are not.
        if effect.where.at_import and effect.kind != "atexit" and describe_effect(effect) is not None \
                and not installs_what_it_misses(ctx, effect) and not main_process_only(effect.node, ctx.parents):
            summary.side_effects.append((effect.node.lineno, snippet(effect.node)))
    top = {f: f.name for f in tree.body if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))}
    # (a class's `__init__` runs when its class is called: `Server(...)` sets the method as a function would)
    top.update({f: c.name for c in tree.body if isinstance(c, ast.ClassDef) for f in c.body
                if isinstance(f, ast.FunctionDef) and f.name == "__init__"})
    # (and the other methods: `Processor(...)(paths)` runs `__call__`, which calls `self._run_all(paths)`)
    setters = {**top, **{f: f"{c.name}.{f.name}" for c in tree.body if isinstance(c, ast.ClassDef) for f in c.body
                         if isinstance(f, ast.FunctionDef) and f.name != "__init__"}}
    for call in facts.start_methods:
        if call.name == "set_start_method" and call.where.function in setters and not call.force \
                and not call.conditional:
            # (in a `try` whose handler fails unless the method fixed is the one asked for: set, or it fails)
            failing = unhandled_methods(call.node, ctx.parents, ctx.imports)
            reach = _setting_reach(ctx, call.node, call.where.function, rescued=bool(failing))
            name = setters[call.where.function]
            if reach and name not in summary.setting:
                summary.setting[name] = (call.node.lineno, call.method)
                if reach != EVERYWHERE:
                    summary.setting_platforms[name] = reach
                if failing:
                    summary.setting_failing[name] = failing
        if call.name == "set_start_method" and call.where.at_import and not call.force and not call.conditional \
                and call.method != "fork":
            summary.sets_start_method.append((call.node.lineno, call.method))
        # (`if get_start_method(allow_none=True) is None: set_start_method(m)` at the top sets it too when the
        # module is imported before anything set one)
        # (and one under tests every run from source decides: `if getattr(sys, "frozen", False): ... else:`); with
        # the platforms where the method chosen differs (`mode = "spawn"` under `if sys.platform == "win32"`)
        if call.name == "set_start_method" and call.where.function is None and call.where.at_import and call.method \
                and (_always_in(ctx, call.node, None) or call.conditional and _top_test(ctx, call.node)
                     or _decided_at_top(ctx, call.node)):
            summary.chooses_start_method.append((call.node.lineno, call.method, call.elsewhere))
        # (a set_start_method() that always runs at import fixes the method as well: any later call
        # without force=True raises, whatever method the module chose)
        if call.where.at_import and (call.name == "get_start_method" and not call.allow_none
                                     or call.name == "get_context" and call.method is None
                                     or call.name == "set_start_method" and not call.conditional):
            summary.fixes_start_method.append((call.node.lineno, snippet(call.node)))
        if call.name == "set_start_method" and call.where.function is None and call.where.at_import \
                and not call.force and not call.conditional:
            platforms = _platforms_only(ctx, call.node)
            if platforms:
                summary.raises_if_fixed.append((call.node.lineno, platforms))
    _setting_through_calls(ctx, setters, summary)
    return summary


def _setting_through_calls(ctx, top: dict, summary) -> None:
    """A top-level function (or class) that always calls one that always sets the start method sets it too:
    bittensor #935's `create_pow()` -> `solve_for_difficulty_fast()` -> `set_start_method('spawn')`, the CLI calling
    create_pow() on each registration attempt. Wrappers of this module are followed up to a fixed point (each
    function is added once: linear in the calls); a call of another module's function that `setting` lists counts
    the same, its line here the site. Only a call that runs whenever the wrapper does, on the same platforms."""
    by_name = {name: function for function, name in top.items()}
    todo = []
    for call, qualified, _args, _kwargs, where in ctx.facts.project_calls:
        if where.function not in top or top[where.function] in summary.setting:
            continue
        there, name = effects_summary(ctx.resolver, qualified) if ctx.resolver is not None else (None, None)
        found = there.setting.get(name) if there is not None and isinstance(name, str) else None
        if found is not None and getattr(there, "setting_platforms", {}).get(name, EVERYWHERE) == EVERYWHERE \
                and _always_in(ctx, call, where.function) and not getattr(there, "setting_via", {}).get(name):
            summary.setting[top[where.function]] = (call.lineno, found[1])
            if name in getattr(there, "setting_failing", {}):
                summary.setting_failing[top[where.function]] = there.setting_failing[name]
            todo.append(where.function)
    todo += [by_name[name] for name in list(summary.setting) if name in by_name and by_name[name] not in todo]
    while todo:
        function = todo.pop()
        line, method = summary.setting[top[function]]
        if summary.setting_platforms.get(top[function], EVERYWHERE) != EVERYWHERE:
            continue  # (what a platform test alone lets through is not carried further)
        for site in ctx.facts.call_sites.get(function, ()):
            caller = site.where.function if site.where is not None else None
            if caller in top and top[caller] not in summary.setting \
                    and _always_in(ctx, site.call, caller):
                summary.setting[top[caller]] = (line, method)
                if top[function] in summary.setting_failing:
                    summary.setting_failing[top[caller]] = summary.setting_failing[top[function]]
                # (a method reached as `self.<name>()`: a subclass's override of it would run instead)
                via = set(summary.setting_via.get(top[function], ()))
                if _on_self(site.call, caller) and "." in top[function]:
                    via.add(top[function].rpartition(".")[2])
                if via:
                    summary.setting_via[top[caller]] = frozenset(via)
                todo.append(caller)


def _on_self(call: ast.Call, caller) -> bool:
    """Is `call` a method call on the caller's own object (`self.run_all(...)`)?"""
    first = caller.args.args[0].arg if isinstance(caller, FUNCS) and caller.args.args else None
    return isinstance(call.func, ast.Attribute) and isinstance(call.func.value, ast.Name) \
        and call.func.value.id == first and first is not None


def _platforms_only(ctx, node) -> frozenset:
    """The platforms on which a statement at a module's top runs: under no test but platform tests (`if
    platform.system() != "Windows":`), in no try, loop or `with`; empty when something else decides."""
    reach, child, parent = EVERYWHERE, node, ctx.parents.get(node)
    while parent is not None and not isinstance(parent, ast.Module):
        if isinstance(parent, ast.If):
            where = ctx.facts.branch_platforms.get(parent)
            if where is None or not pure_platform_test(parent.test, ctx.imports):
                return frozenset()
            reach &= branch_reach(parent, child, where)
        elif not isinstance(parent, (ast.Expr, ast.Call)):
            return frozenset()
        child, parent = parent, ctx.parents.get(parent)
    return reach


def _walked(data: bytes | str, path: str, module: str, resolver):
    """(a ModuleSummary holding the module's top-level definitions and imports, the RuleContext of a walk
    of the module's own tree). The context is None when the module does not decode, parse or walk: the
    summary then says nothing more (its definitions are kept when only the walk fails, as
    `top_definitions` reads them)."""
    summary = ModuleSummary(path)
    try:
        text = data if isinstance(data, str) else decode_source(data)
        tree = TREES.own(text, path)  # (walked: a tree of its own)
    except (SyntaxError, SourceDecodeError, RecursionError, MemoryError, ValueError):
        return summary, None
    summary.definitions = _definitions(tree)
    try:
        walker = Walker(tree, ImportMap(package_name(module, path)), resolver)
        facts = walker.run()
    except (SyntaxError, SourceDecodeError, RecursionError, MemoryError, ValueError):
        return summary, None
    summary.imports = walker.imports
    return summary, RuleContext(SourceText(text), tree, facts, walker.parents, walker.imports, resolver,
                                index=walker.index)


@contextmanager
def _walk(data: bytes | str, path: str, module: str, resolver):
    """`_walked`, its rule context released when the block ends. Its facts refer back to it (flows, memos, the
    objects its creations made): left alone, every summary's walk waited in reference cycles for the collector,
    which `mpguard check` runs between files (`cli.batch`) over everything made since (distributed: 180,000
    objects of cyclic garbage, dask 124,000; the collection was an eighth of their time)."""
    summary, ctx = _walked(data, path, module, resolver)
    try:
        yield summary, ctx
    finally:
        if ctx is not None:
            ctx.release()


def _top_test(ctx, node) -> bool:
    """Is `node` a statement of an `if` body at the module's top (`if ...: set_start_method(m)`)?"""
    statement = ctx.parents.get(node)
    test = ctx.parents.get(statement)
    return isinstance(statement, ast.Expr) and isinstance(test, ast.If) and statement in test.body \
        and isinstance(ctx.parents.get(test), ast.Module)


def _decided_at_top(ctx, node) -> bool:
    """Does `node`, at the module's top, run on every run from source: only `if` statements around it whose test
    every run decides its way (rules/constant_tests), no `try`, loop or `with`?"""
    child, parent = node, ctx.parents.get(node)
    while parent is not None and not isinstance(parent, ast.Module):
        if isinstance(parent, ast.If):
            if not (any(c is child for c in parent.body) and always_true(ctx, parent.test, None)
                    or any(c is child for c in parent.orelse) and always_false(ctx, parent.test, None)):
                return False
        elif not isinstance(parent, ast.Expr):
            return False
        child, parent = parent, ctx.parents.get(parent)
    return parent is not None


def _setting_reach(ctx, node, function, rescued: bool = False) -> frozenset:
    """The platforms on which `node` runs whenever `function` does: everywhere under no test (`_always_in`), the
    platforms a platform test alone lets through (`if sys.platform != "win32": set_start_method("fork")`), else
    none (another condition, a loop, a `try` or `with` decides). `rescued`: a `try` whose body holds it does not
    count (its handler fails itself: semantic/failing_handlers)."""
    if _always_in(ctx, node, function, rescued):
        return EVERYWHERE
    child, parent = node, ctx.parents.get(node)
    while parent is not None and parent is not function:
        if isinstance(parent, (ast.Try, ast.For, ast.AsyncFor, ast.While, ast.With, ast.AsyncWith, ast.Match)) \
                or type(parent).__name__ == "TryStar":
            if not (rescued and _in_body(parent, child)):
                return frozenset()
        child, parent = parent, ctx.parents.get(parent)
    return platforms_always(ctx, [node]) if parent is function else frozenset()


def _always_in(ctx, node, function, rescued: bool = False) -> bool:
    """Does `node` run whenever `function` does: no `if`, `try`, loop or `with` around it in the function? With
    `rescued`, a `try` whose body holds it does not count."""
    child, parent = node, ctx.parents.get(node)
    while parent is not None and parent is not function:
        if isinstance(parent, (ast.If, ast.Try, ast.For, ast.While, ast.With, ast.IfExp, ast.BoolOp, ast.Match)) \
                or type(parent).__name__ == "TryStar":
            if not (rescued and isinstance(parent, ast.Try) and _in_body(parent, child)):
                return False
        child, parent = parent, ctx.parents.get(parent)
    return parent is function


def _in_body(trial, child) -> bool:
    return isinstance(trial, ast.Try) and any(child is stmt for stmt in trial.body)


def top_definitions(data: bytes | str, path: str, module: str, resolver=None) -> dict:
    """A module's top-level functions, classes and lambdas by name (`ModuleSummary.definitions`), from its
    syntax tree alone: what the walker asks of another module (what does `helpers.make()` return? is
    `helpers.task` a lambda?) without walking it, and so without walking what it imports in turn."""
    try:
        text = data if isinstance(data, str) else decode_source(data)
        return _definitions(TREES.own(text, path, shared_by=path))
    except (SyntaxError, SourceDecodeError, RecursionError, MemoryError, ValueError):
        return {}


def module_names(data: bytes | str, path: str, module: str, resolver=None):
    """(definitions, imports) of a module from its syntax tree alone: its top-level functions, classes and
    lambdas (`ModuleSummary.definitions`) and the names its module-level imports bind, as the walker binds
    them (`ModuleSummary.imports`). What a question about another module's classes reads (is the object
    `helpers.Client()` made picklable? what are an exception's bases?) without building its summary, which
    walks it and asks about the modules it imports in turn; (`{}`, None) when it does not parse."""
    try:
        text = data if isinstance(data, str) else decode_source(data)
        tree = TREES.own(text, path, shared_by=path)
    except (SyntaxError, SourceDecodeError, RecursionError, MemoryError, ValueError):
        return {}, None
    imports = ImportMap(package_name(module, path))
    todo = list(reversed(tree.body))
    while todo:  # in the order of the text, function bodies left out (their imports are their own)
        node = todo.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            imports.add(node)
        elif isinstance(node, ast.stmt) and not isinstance(node, FUNCS):
            todo.extend(reversed([child for child in ast.iter_child_nodes(node) if isinstance(child, ast.stmt)]))
    return _definitions(tree), imports


def module_globals(data: bytes | str, path: str, module: str, resolver=None) -> dict:
    """name -> the expression a module's top assigns it once (semantic/module_globals.py), from its syntax
    tree alone: what an object of its class holds when a method stores the global in `self`."""
    try:
        text = data if isinstance(data, str) else decode_source(data)
        return single_assignments(TREES.own(text, path, shared_by=path))
    except (SyntaxError, SourceDecodeError, RecursionError, MemoryError, ValueError):
        return {}


def _definitions(tree: ast.Module) -> dict:
    definitions = {}
    for stmt in tree.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            definitions[stmt.name] = stmt
        elif isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Lambda):
            for target in stmt.targets:
                if isinstance(target, ast.Name):
                    definitions[target.id] = stmt.value
    return definitions


FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


def _spawn_line(ctx, function) -> int:
    """The line where `function` starts a process, itself or in the first local callee that does (a
    finding at a caller in another module points there); else its `def`."""
    facts, seen, todo = ctx.facts, set(), [function]
    while todo:
        func = todo.pop(0)
        if func in seen:
            continue
        seen.add(func)
        lines = [s.node.lineno for s in facts.starts if s.where.function is func and s.obj.kind != "Thread"]
        lines += [c.node.lineno for c in facts.creations if c.where.function is func and c.kind in ("Pool", "Manager")]
        lines += [s.node.lineno for s in facts.submits if s.where.function is func]
        lines += [node.lineno for function, node, _condition, _method in facts.param_spawns if function is func]
        lines += [call.lineno for call, qualified, _a, _k, where in facts.project_calls
                  if where.function is func and ctx.imported_spawner(qualified, call)]  # a helper of yet another module
        if lines:
            return min(lines)
        todo.extend(c for c in ctx.callees(func) if c in ctx.spawning_functions)
    return function.lineno


def _spawn_guards(ctx, tree: ast.Module, summary: ModuleSummary) -> None:
    """For each function of `summary.spawning`, the parameter conditions under which a call of it starts
    processes (`param_guards.spawn_key`), when there are some: `def open_bam(path, stats=False): if stats:
    return _stats(path)` (and `_stats` makes the Pool) spawns only when called with a true `stats`."""
    named = {f: f.name for f in tree.body if isinstance(f, FUNCS)}
    named.update({f: f"{c.name}.{f.name}" for c in tree.body if isinstance(c, ast.ClassDef)
                  for f in c.body if isinstance(f, FUNCS)})
    for function, name in named.items():
        alternatives = ctx.spawn_alternatives.get(function)
        if name in summary.spawning and alternatives is not None and alternatives != ALWAYS:
            summary.guards[spawn_key(name)] = alternatives


def _effects_when_called(ctx, tree: ast.Module, summary: ModuleSummary) -> None:
    """For each top-level function and Class.method whose call surely reaches a side effect (an append to a
    file, a file-system change: rules/guard.describe_effect), what it runs: an importer calling it at import
    time repeats it in every spawned child (MP102). Only asked when some function holds such an effect."""
    if not any(effect.where.function is not None and describe_effect(effect) is not None
               for effect in ctx.facts.effects):
        return
    named = {f: f.name for f in tree.body if isinstance(f, FUNCS)}
    named.update({f: f"{c.name}.{f.name}" for c in tree.body if isinstance(c, ast.ClassDef)
                  for f in c.body if isinstance(f, FUNCS)})
    for function, name in named.items():
        effect = function_effect(ctx, function)
        if effect is not None:
            summary.effects_when_called[name] = effect


def _spawn_methods(ctx, tree: ast.Module, summary: ModuleSummary) -> None:
    """For each function of `summary.spawning` whose start method does not follow the caller's default
    (`rules.guard.start_method_of`), that method: one that never re-imports the main module (joblib's loky
    workers are fresh interpreters, an explicit fork context) bootstraps nothing in a caller that calls it at
    import time, an explicit spawn or forkserver one (dask's processes scheduler, a `get_context("spawn")`
    pool) re-imports it under every default, fork included (MP101). Through a spawner of yet another module
    it reaches, the method that module's summary keeps for it (loky's, behind a helper of a helper)."""
    named = {f: f.name for f in tree.body if isinstance(f, FUNCS)}
    named.update({f: f"{c.name}.{f.name}" for c in tree.body if isinstance(c, ast.ClassDef)
                  for f in c.body if isinstance(f, FUNCS)})
    for function, name in named.items():
        if name not in summary.spawning:
            continue
        method = start_method_of(ctx, function)
        if method is not None:
            summary.spawn_methods[name] = method


def _crossings(ctx, tree: ast.Module, summary: ModuleSummary, module: str) -> None:
    """What callers' values meet in this module's top-level functions: parameters that reach a child
    (sinks), results and exceptions that pickle refuses."""
    top = {f: f.name for f in tree.body if isinstance(f, FUNCS)}
    # A class's __init__ keeps what the caller gives (`self.target = target`) for a method to start later.
    inits = {f: c.name for c in tree.body if isinstance(c, ast.ClassDef) for f in c.body
             if isinstance(f, FUNCS) and f.name == "__init__"}
    # A method that hands what it is given to a child itself (`Executor(2).map(func, items)`): "Class.method"
    methods = {f: f"{c.name}.{f.name}" for c in tree.body if isinstance(c, ast.ClassDef) for f in c.body
               if isinstance(f, FUNCS) and f.name != "__init__"}
    facts = ctx.facts
    seen_lines: set = set()  # the sink_keys met so far

    def sink(value, function, role, method, node, serializer="pickle", items=False, pool=None, calls=None,
             registry=None, context=None, receiver=None):
        if type(value) is V.Union:  # `dict(kwargs or {})`: the parameter is one of the options
            for option in value.options:
                sink(option, function, role, method, node, serializer, items, pool, calls, context=context,
                     receiver=receiver)
            return
        if type(value) is V.Element and type(value.key) is V.Param and value.stored is None and value.attr is None \
                and registry is None and facts.tables is not None:
            # `fn = registry.get(name)` handed over: the caller's `name` picks the registered item that crosses
            table = facts.tables.name_of(value.of)
            if table is not None:
                sink(value.key, function, role, method, node, serializer, items, pool, calls, table, context)
            return
        if type(value) is V.Partial and role == "task" and not value.made_by:
            # `partial(run, cache=self.cache)` as the task: pickled with what it binds (llama_index's pipeline)
            for bound in value.args:
                sink(bound, function, "task-args", method, node, serializer, items, pool)
            return
        if type(value) is V.Element and type(value.of) is V.Param and value.key is None and not value.contents \
                and value.attr is None \
                and role in ("args", "task-args") and not items:
            sink(value.of, function, role, method, node, serializer, True, pool)  # `for s in steps: submit(f, s)`
            return
        if type(value) is not V.Param:
            return
        if value.function is function and function in top:
            owner = top[function]
        elif value.function is function and function in methods:
            owner = methods[function]
        elif value.function in inits and ctx.parents.get(function) is ctx.parents.get(value.function):
            owner = inits[value.function]
        elif value.function in methods and ctx.parents.get(function) is ctx.parents.get(value.function):
            # a sibling method keeps its argument in the object (`register(name, func)` storing it in
            # `self._registry`) and this method hands what it reads back to a child (faktory's Worker)
            owner = methods[value.function]
        else:
            return
        summary.sinks.setdefault(owner, []).append(Sink(value.name, value.kind, role, method, node.lineno,
                                                      serializer or "pickle", items=items, pool=pool, calls=calls,
                                                      registry=registry, context=context, receiver=receiver))
        if value.function is function and function.name != "__init__":
            # `if workers > 1: ex.map(fn, items)`: the caller's arguments say whether it crosses (param_guards)
            here = made_under(node, function, ctx.parents)
            key = sink_key(owner, node.lineno)
            if here and (key in summary.guards or key not in seen_lines):
                summary.guards[key] = merge(summary.guards.get(key, ()), (here,))
            elif key in summary.guards:  # (another crossing on the line, under no condition)
                del summary.guards[key]
            seen_lines.add(key)

    for creation in facts.creations:
        function = creation.where.function
        if function is None:
            continue
        serializer = getattr(creation.value, "serializer", "pickle")
        if creation.kind == "Process":
            sink(creation.target, function, "target", creation.method, creation.node, serializer)
            for _expr, value in creation.args:
                sink(value, function, "args", creation.method, creation.node, serializer)
        elif creation.kind in ("Pool", "Executor"):
            sink(creation.initializer, function, "initializer", creation.method, creation.node, serializer)
            for _expr, value in creation.initargs:  # each worker's Process args: `initargs=(self.dataset,)`
                sink(value, function, "initargs", creation.method, creation.node, serializer)
    for item in facts.param_calls:  # `context.Process(target=worker, args=(function, ...))`, `context` a parameter
        function, given = item.where.function, item.param
        if item.method != "Process" or type(given) is not V.Param or given.function is not function \
                or type(item.call.func) is not ast.Attribute:
            continue
        target, args = item.kwargs.get("target"), item.kwargs.get("args")
        if target is not None:
            sink(target[1], function, "target", None, item.call, context=given.name)
        if args is not None and type(args[1]) is V.Sequence and not args[1].mapping:
            for value in args[1].items:
                sink(value, function, "args", None, item.call, context=given.name)
    for item in facts.param_calls:  # `pool.submit(task, x)`, `pool` a parameter: the pool the caller gives
        function, given = item.where.function, item.param
        if item.method not in TASK_METHODS or type(given) is not V.Param or given.function is not function \
                or type(item.call.func) is not ast.Attribute or not item.args or type(item.args[0][0]) is ast.Starred:
            continue
        # the pool itself: the caller's process pool starts its workers here (rules/guard: at the caller's import)
        sink(given, function, "pool", None, item.call)
        task = item.args[0][1]
        if type(task) is V.BoundMethod and type(task.instance) is V.Instance and task.instance.node is function \
                and function in methods and _self_named(function, item.args[0][0]):
            # `pool.submit(self.run_local)` in a method: the object the caller calls the method on crosses with it
            sink(V.Param(function, function, function.args.args[0].arg), function, "task", None, item.call,
                 calls=task.name, receiver=given.name)
        else:
            sink(task, function, "task", None, item.call, receiver=given.name)
        for expr, value in item.args[1:]:
            if type(expr) is not ast.Starred:
                sink(value, function, "task-args", None, item.call, receiver=given.name)
    for name, sinks in process_state_sinks(ctx, tree).items():  # what a Process subclass's object keeps
        summary.sinks.setdefault(name, []).extend(sinks)
    summary.bound_state.update(bound_state(ctx, tree))  # what an object whose method starts Process(target=self.m) keeps
    # a callable the caller hands over runs in a daemonic child (also one a method keeps in a registry that a
    # daemonic worker looks up and calls: `@app.task` storing the function in `TaskApp.registry`)
    called = called_in_daemons(ctx)
    for param, creation, when in daemon_runs(ctx, {**top, **methods}, called):
        if when is None:
            sink(param, param.function, "daemon-run", creation.method, creation.node)
        elif param.function in methods:
            summary.sinks.setdefault(methods[param.function], []).append(
                Sink(param.name, param.kind, "daemon-run", creation.method, creation.node.lineno, when=when))
    # `@obj.fit("query")`: the decorator a factory (a function or method of this module) returns keeps the function
    # where a daemonic child of this module calls it
    for param, creation, factory in daemon_decorators(ctx, {**top, **methods}, called):
        summary.sinks.setdefault({**top, **methods}[factory], []).append(
            Sink(param.name, param.kind, "daemon-decorated", creation.method, creation.node.lineno))
    for function, name in top.items():  # `@isolated(...)`: the wrapper hands the replaced function to a Process
        sending = sends_original(function)
        if sending is not None:
            summary.sinks.setdefault(name, []).append(
                Sink("", "positional", "decorated-original", None, sending.lineno))
    for param, creation, method in daemon_methods(ctx, {**top, **methods}):  # a method of each item the caller gives
        owner = top.get(param.function) or methods.get(param.function)
        summary.sinks.setdefault(owner, []).append(Sink(param.name, param.kind, "daemon-method", creation.method,
                                                        creation.node.lineno, items=True, calls=method))
    for given, creation, method, call in worker_methods(facts, tree):  # `_worker = worker_class()` in the initializer
        if creation.where.function is not None:  # (sink() keeps a parameter only)
            sink(given, creation.where.function, "worker-method", creation.method, call, calls=method)
    for submit in facts.submits:
        function = submit.where.function
        if function is not None:
            serializer = getattr(submit.pool, "serializer", "pickle")
            task = submit.func
            if type(task) is V.BoundMethod and type(task.instance) is V.Instance and task.instance.node is function \
                    and function in methods and _self_named(function, submit.func_expr):
                # `executor.submit(self._black_box, row)` in a method (poli #59): the object the caller calls the
                # method on crosses with the task, as the caller's own class makes it (a subclass keeping a lambda)
                sink(V.Param(function, function, function.args.args[0].arg), function, "task", submit.pool.method,
                     submit.node, serializer, calls=task.name)
                task = None
            sink(task, function, "task", submit.pool.method, submit.node, serializer)
            for _expr, value in submit.args:
                sink(value, function, "task-args", submit.pool.method, submit.node, serializer)
    # `self.executor.submit(func, *args, **kwargs)` in a method, the executor the constructor's caller gave:
    # a sink where that caller gives a process pool (Sink.pool)
    for item in facts.param_calls:
        function, given = item.where.function, item.param
        if item.method != "submit" or type(given) is not V.Param or given.function not in inits \
                or function not in methods or ctx.parents.get(function) is not ctx.parents.get(given.function):
            continue
        values = [v for _e, v in item.args] + [v for _e, v in item.kwargs.values()]
        for index, value in enumerate(values):
            sink(value, function, "task" if index == 0 else "task-args", None, item.call, pool=given.name)
    _inherited_constructor_sinks(tree, summary)
    _inherited_foreign_sinks(ctx, tree, summary)
    _forwarding(ctx, {**top, **methods}, summary)
    _forwarding_here(ctx, top, summary)
    _self_method_sinks(tree, summary)
    if getattr(getattr(ctx.resolver, "summarizer", None), "results", None) is None:
        _judge_results(ctx, tree, summary, module)  # (else built alone when asked: `result_summary`)
    sink = None  # (it calls itself through its closure cell: a reference cycle holding the module's facts)


def _inherited_constructor_sinks(tree: ast.Module, summary: ModuleSummary) -> None:
    """A class of this module without an `__init__` of its own is made by its base's (`ChangeReload(config,
    target=...)` of uvicorn's `BaseReload`): what that constructor keeps reaches a child as it does for the base,
    through the methods the subclass inherits. A crossing made in a method the subclass overrides is left out
    (its own method decides). Bases of this module, by name, nearest first (single inheritance)."""
    classes = {c.name: c for c in tree.body if isinstance(c, ast.ClassDef)}
    for cls in classes.values():  # (in source order: a base's own inherited sinks are copied first)
        if cls.name in summary.sinks or _defines(cls, "__init__") or len(cls.bases) != 1 \
                or type(cls.bases[0]) is not ast.Name or cls.bases[0].id not in classes:
            continue
        base = classes[cls.bases[0].id]
        own = {f.name for f in cls.body if isinstance(f, FUNCS)}
        kept = [sink for sink in summary.sinks.get(base.name, ())
                if _method_at(base, sink.line, classes) not in own]
        if kept:
            summary.sinks[cls.name] = kept


def _inherited_foreign_sinks(ctx, tree: ast.Module, summary: ModuleSummary) -> None:
    """A class of this module whose one base is a class of another project module inherits the methods it does not
    define, and what they hand to a child (poli #59: `PoliRFPInternal(AbstractBlackBox)` runs the base's `__call__`,
    which submits `self._black_box`): those sinks are this class's too, under its own name, so an importer that
    names only the subclass is still read (linter/reach). The walker calls the base's method itself
    (semantic/foreign_methods)."""
    if ctx.resolver is None:
        return
    for cls in tree.body:
        if not isinstance(cls, ast.ClassDef) or len(cls.bases) != 1 or cls.keywords:
            continue
        base = ctx.imports.qualify(cls.bases[0])
        if not base or "." not in base or base.partition(".")[0] in STDLIB:
            continue
        other, name = effects_summary(ctx.resolver, f"{base}.__init__")
        if other is None or other is summary or not name:
            continue
        prefix = name.rpartition(".")[0] + "."
        own = {f.name for f in cls.body if isinstance(f, FUNCS)}
        found = ctx.resolver.class_definition(base) if hasattr(ctx.resolver, "class_definition") else None
        base_cls = found[0] if found is not None else None
        for key, sinks in list(other.sinks.items()):
            method = key[len(prefix):] if key.startswith(prefix) else None
            if not method or "." in method or method in own or f"{cls.name}.{method}" in summary.sinks:
                continue
            # (a crossing made in a method the subclass overrides, `self.run()` reached from `__call__`: its own
            # method runs there instead)
            kept = [sink for sink in sinks if base_cls is None or _method_at(base_cls, sink.line, {}) not in own]
            if kept:
                summary.sinks[f"{cls.name}.{method}"] = kept


def _self_method_sinks(tree: ast.Module, summary: ModuleSummary) -> None:
    """A method that calls another method of its class on its own object (`__call__` running `self.run(items)`),
    where that method hands the object to a pool (a Sink on its first parameter with `calls`: `ex.map(self.score,
    ...)`), hands its object on too: the same sink, under the caller's name. Followed to a fixpoint per class
    (each caller gets each sink once: linear in the calls times the sinks)."""
    for cls in tree.body:
        if not isinstance(cls, ast.ClassDef):
            continue
        methods = {f.name: f for f in cls.body if isinstance(f, FUNCS)}
        firsts = {n: _first_param(f) for n, f in methods.items()}
        callers: dict = {}  # callee -> the methods calling it on their own object
        for name, method in methods.items():
            me = firsts[name]
            for node in own_nodes(method) if me else ():
                if type(node) is ast.Call and type(node.func) is ast.Attribute and type(node.func.value) is ast.Name \
                        and node.func.value.id == me and node.func.attr in methods and node.func.attr != name:
                    callers.setdefault(node.func.attr, set()).add(name)

        def object_sinks(name):
            return [s for s in summary.sinks.get(f"{cls.name}.{name}", ()) if s.calls and s.role == "task"
                    and s.param == firsts[name] and getattr(s, "receiver", None) is None]

        todo = [name for name in methods if object_sinks(name)]
        while todo:
            callee = todo.pop()
            for caller in sorted(callers.get(callee, ())):
                have = {(s.calls, s.line) for s in object_sinks(caller)}
                added = [s for s in object_sinks(callee) if (s.calls, s.line) not in have]
                for sink in added:
                    summary.sinks.setdefault(f"{cls.name}.{caller}", []).append(Sink(
                        firsts[caller], "positional", sink.role, sink.method, sink.line, sink.serializer, calls=sink.calls))
                if added:
                    todo.append(caller)


def _first_param(method) -> str | None:
    """The name of a method's own object (its first parameter), None for a static or class method."""
    if any(getattr(d, "id", getattr(d, "attr", "")) in ("staticmethod", "classmethod") for d in method.decorator_list):
        return None
    params = [*method.args.posonlyargs, *method.args.args]
    return params[0].arg if params else None


def _defines(cls: ast.ClassDef, name: str) -> bool:
    return any(isinstance(f, FUNCS) and f.name == name for f in cls.body)


def _method_at(cls: ast.ClassDef, line: int, classes: dict) -> str | None:
    """The name of the method of `cls` (or of a base of this module it inherits from) whose lines hold `line`."""
    seen = set()
    while cls is not None and cls.name not in seen:
        seen.add(cls.name)
        for f in cls.body:
            if isinstance(f, FUNCS) and f.lineno <= line <= (f.end_lineno or f.lineno):
                return f.name
        base = cls.bases[0] if len(cls.bases) == 1 else None
        cls = classes.get(base.id) if type(base) is ast.Name else None
    return None


def _iterated_items(ctx, function, info) -> tuple[str, str] | None:
    """(what, error) of the items of what `function` returns, when pickle refuses them whatever the call: every
    return the function has reaches them (no parameter test decides) and each return's items are refused (a
    list of lxml elements, `tree.findall(path)`, built here). Iterating it (`pool.map(task, ...)`) sends each."""
    returns = info.returns if info is not None else ()
    found = None
    for value, node in returns:
        if guards(node, ctx.parents, function) != frozenset():
            return None
        problem = ctx.pickler.object_problem(V.Element(node, of=value), pool_task=False)
        if problem is None or problem.kind not in ("unpicklable", "state"):
            return None
        found = found or (problem.what, problem.error)
    return found


def _judge_results(ctx, tree: ast.Module, summary: ModuleSummary, module: str) -> None:
    """What each top-level function returns that pickle refuses, and when (`ModuleSummary.results`); pickle's
    words name `module` for a class it makes (the walk names its own module `__main__`)."""
    facts, pickler = ctx.facts, ctx.pickler
    top = {f: f.name for f in tree.body if isinstance(f, FUNCS)}
    plain = set(top.values())  # (the module's own functions: no `self` or `cls` shifts their arguments)
    # and the classmethods and staticmethods of its classes (`Repository.open(path)` returning `cls(conn=...)`)
    top.update((f, f"{c.name}.{f.name}") for c in tree.body if isinstance(c, ast.ClassDef) for f in c.body
               if isinstance(f, FUNCS) and any(isinstance(d, ast.Name) and d.id in ("classmethod", "staticmethod")
                                               for d in f.decorator_list))
    top.update(_singleton_methods(tree))
    # and the properties of its classes: a caller's `creds.server` of an object of one is what the property's body
    # returns (a fresh `ssl.SSLContext(...)`, wool #60), whatever the object (its own state is judged elsewhere)
    top.update(_properties(tree))
    # a generator method of its classes gives a generator whatever object it is called on (`Crawler(root).iter_series()`,
    # `self.crawler.iter_series()`): what it yields or returns is not judged, only that it is a generator
    methods = {f: f"{c.name}.{f.name}" for c in tree.body if isinstance(c, ast.ClassDef) for f in c.body
               if f not in top and _makes_generator(ctx, f)}
    for function, name in {**top, **methods}.items():
        info = facts.functions.get(function)
        if _makes_generator(ctx, function):
            # calling a generator function gives a generator, whatever it returns: pickle refuses it
            summary.results[name] = ("a generator", errors.text("generator"))
            if finite(function):
                summary.finite_generators.add(name)
            continue
        refused = []  # (what, error, alternatives): each return pickle refuses, and when it is reached
        handles: dict = {}  # what -> where a fix would change it here (ModuleSummary.origins)
        for value, node in info.returns if info is not None else ():
            chosen = chosen_classes(node, function) if isinstance(node, ast.Return) and type(value) is V.Union else {}
            for option in value.options if chosen else (value,):
                # (an object of a class a parameter chooses: refused only under that choice)
                cls = option.cls.name if type(option) is V.Instance and option.cls is not None else None
                problem = pickler.object_problem(option, pool_task=False)
                if problem is not None and problem.kind in ("unpicklable", "state", "lambda", "local"):
                    here = guards(node, ctx.parents, function)
                    if here is not None and cls in chosen:
                        here = both(here, chosen[cls])
                    made = getattr(problem, "at", None)
                    if here is not None and made is not None and _inside(ctx.parents, made, function):
                        # `if with_client: settings.client = httpx.Client(...)`: refused only under that condition
                        made_under = guards(made, ctx.parents, function)
                        here = both(here, made_under) if made_under is not None else None
                    if here is not None:
                        refused.append((problem.what, _in_module(problem.error, module), (here,)))
                        handles.setdefault(problem.what, fix_handle(problem, ctx.parents))
        iterated = _iterated_items(ctx, function, info)
        if iterated is not None:
            summary.iterated[name] = iterated
        for _value, node in info.returns if info is not None else ():
            cycle = hash_cycle_problem(tree.body, function, node)
            if cycle is not None and guards(node, ctx.parents, function) == frozenset():  # (any call returns it)
                summary.rebuilt[name] = (f"a `{cycle[0]}` that {cycle[1]}", cycle[2])
                break
        if info is not None and info.defaults:
            refused += _refused_defaults(ctx, function, info, {what for what, _e, _a in refused}, handles)
        returned = [value for value, _node in info.returns] if info is not None else []
        keyed = _refused_items(returned, pickler, ctx.parents, summary.origins, name)
        if keyed:
            summary.keyed[name] = keyed
        held = _held_parameters(returned, function)
        if held:
            summary.holds[name] = held
        shape = returned_shape(returned, function) if name in plain and not function.decorator_list else None
        if shape is not None:
            summary.shapes[name] = shape
        derived = _derived_results(returned, function)
        if derived:
            summary.derived[name] = derived
        types = {getattr(value, "type", None) if type(value) in (V.Library, V.Unpicklable) else None
                 for value in returned}
        if len(types) == 1 and None not in types:
            summary.types[name] = types.pop()
        made = {value.cls.name if type(value) is V.Instance and value.cls is not None
                and isinstance(value.cls.definition, ast.ClassDef) and value.cls.definition in tree.body else None
                for value in returned}
        if len(made) == 1 and None not in made:
            summary.classes[name] = made.pop()
        proxies = returned_proxies(returned)
        if proxies:
            summary.proxies[name] = proxies
        contexts = _returned_contexts(ctx, function, info)
        if contexts:
            summary.contexts[name] = contexts
        proxies = [value for value in returned if type(value) is V.Library and value.type == PROXY]
        if proxies and len(proxies) == len(returned):  # `return structlog.get_logger(name)` after its `configure`
            problem = pickler.object_problem(V.Library(proxies[0].node, BOUND, qualified=proxies[0].qualified), False)
            if problem is not None and problem.kind in ("unpicklable", "lambda", "local"):
                summary.bound[name] = (problem.what, problem.error)
        if refused:
            summary.results[name] = refused[0][:2]
            if handles.get(refused[0][0]) is not None:
                summary.origins[name] = handles[refused[0][0]]
            if any(alternatives != ALWAYS for _w, _e, alternatives in refused):  # `if plain: return Plain()`
                summary.guards[(name, "results")] = refused


def _self_named(function, expr) -> bool:
    """`self.<method>` read on the method's own first parameter."""
    positional = function.args.args
    return bool(positional) and type(expr) is ast.Attribute and type(expr.value) is ast.Name \
        and expr.value.id == positional[0].arg


def _returned_contexts(ctx, function, info) -> tuple:
    """((method, alternatives), ...) of a function whose every return is a multiprocessing context or None
    (sherpa's `context_for(method)`: `get_context()` for "default", `get_context(method)` else, None where the
    method does not exist): the start method of each context it returns and the parameter conditions that
    return is reached under (`ModuleSummary.contexts`). Empty for any other function."""
    out = []
    for value, node in info.returns if info is not None else ():
        if type(value) is V.Constant and isinstance(value.node, ast.Constant) and value.node.value is None:
            continue  # (no context: the caller runs without processes)
        if type(value) is not V.Context or value.elsewhere or not isinstance(node, ast.Return):
            return ()
        here = guards(node, ctx.parents, function)
        if here is None:
            continue  # (never reached)
        out.append((value.method, (here,)))
    return tuple(out)


def _refused_defaults(ctx, function, info, seen: set, handles: dict) -> list:
    """The returns pickle refuses only when a call leaves a parameter to its default (pafy's `get_playlist(url,
    callback=lambda x: None)` returning `Playlist(..., callback=callback)`): (what, error, alternatives), each
    alternative also asking for that parameter's default."""
    out = []
    for name in info.defaults:
        with ctx.flow.assuming_omitted(function, name), ctx.pickler.apart():
            for value, node in info.returns:
                problem = ctx.pickler.object_problem(value, pool_task=False)
                if problem is None or problem.kind not in ("unpicklable", "state", "lambda", "local") \
                        or problem.what in seen:
                    continue
                here = guards(node, ctx.parents, function)
                here = both(here, frozenset({(("default", name), True)})) if here is not None else None
                if here is not None:
                    seen.add(problem.what)
                    out.append((problem.what, problem.error, (here,)))
                    handles.setdefault(problem.what, fix_handle(problem, ctx.parents))
    return out


PROPERTY_DECORATORS = frozenset({"property", "cached_property"})


def _properties(tree: ast.Module) -> dict:
    """{getter: "Class.name"} for the properties (`@property`, `@functools.cached_property`) the module's top-level
    classes define: reading one on an object of the class runs the getter, and what it returns is the value read."""
    return {f: f"{c.name}.{f.name}" for c in tree.body if isinstance(c, ast.ClassDef) for f in c.body
            if isinstance(f, FUNCS) and any(_decorator_id(d) in PROPERTY_DECORATORS for d in f.decorator_list)}


def _decorator_id(decorator) -> str:
    return decorator.id if type(decorator) is ast.Name else decorator.attr if type(decorator) is ast.Attribute else ""


def _singleton_methods(tree: ast.Module) -> dict:
    """{method: "name.method"} for the methods of a module's object made once at its top (`h = _Interpreter()`,
    NEURON's `from neuron import h`): a caller's `h.Section(...)` gets what that method returns. Only a name bound
    once in the module, to a call of a class the module defines (what else may rebind it is unknown)."""
    classes = {c.name: c for c in tree.body if isinstance(c, ast.ClassDef)}
    made, bound = {}, {}
    for stmt in tree.body:
        for node in ast.walk(stmt) if not isinstance(stmt, (*FUNCS, ast.ClassDef)) else ():
            if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
                bound[node.id] = bound.get(node.id, 0) + 1
        if isinstance(stmt, (*FUNCS, ast.ClassDef)):
            bound[stmt.name] = bound.get(stmt.name, 0) + 1
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name) \
                and isinstance(stmt.value, ast.Call) and isinstance(stmt.value.func, ast.Name) \
                and stmt.value.func.id in classes:
            made[stmt.targets[0].id] = classes[stmt.value.func.id]
    out = {}
    for name, cls in made.items():
        if bound.get(name) != 1:
            continue
        for f in cls.body:
            if isinstance(f, FUNCS) and not f.name.startswith("__") \
                    and not any(isinstance(d, ast.Name) and d.id == "property" for d in f.decorator_list):
                out[f] = f"{name}.{f.name}"
    return out


def _makes_generator(ctx, function) -> bool:
    """A plain generator function (a `yield` in its own scope, no decorator that may replace it such as
    `@contextmanager`): what a call gives is a generator object."""
    scope = ctx.index.scopes.get(function) if ctx.index is not None else None
    return type(function) is ast.FunctionDef and scope is not None and scope.has_yield and not rewrapped(function)


def _inside(parents: dict, node, function) -> bool:
    while node is not None:
        if node is function:
            return True
        node = parents.get(node)
    return False


def _refused_items(returned: list, pickler, parents: dict, origins: dict, name: str) -> dict:
    """{key: (kind, what, error)} for the items under constant keys of the dict literals a function returns that
    pickle refuses; a key whose item is refused in one return and not in another is left out (unsure). Where a fix
    would change such an item here goes to `origins[(name, key)]`."""
    found, fine = {}, set()
    for value in returned:
        if type(value) is not V.Sequence:
            continue
        if not value.mapping and isinstance(value.node, ast.Tuple) and len(value.items) == len(value.node.elts) \
                and not any(isinstance(e, ast.Starred) for e in value.node.elts):
            # `return model, _transform(n)`: the caller unpacks it by position (openai/CLIP PR #151's clip.load)
            pairs = [(ast.Constant(i), item) for i, item in enumerate(value.items)]
        elif value.mapping and isinstance(value.node, ast.Dict):
            pairs = list(zip(value.node.keys, value.items))
        else:
            continue
        for key, item in pairs:
            if not isinstance(key, ast.Constant) or not isinstance(key.value, (str, int)):
                continue
            problem = pickler.object_problem(item, pool_task=False) or pickler.callable_problem(item)
            if problem is not None and problem.kind in ("unpicklable", "state", "lambda", "local"):
                if key.value not in found and fix_handle(problem, parents) is not None:
                    origins[(name, key.value)] = fix_handle(problem, parents)
                found.setdefault(key.value, (problem.kind, problem.what, problem.error))
            else:
                fine.add(key.value)
    for key in fine:
        origins.pop((name, key), None)
    return {k: v for k, v in found.items() if k not in fine}


def _held_parameters(returned: list, function) -> tuple:
    """The parameters of `function` its return values hold, in containers it builds (`store["client"] =
    client; return {"config": store}`) or as themselves: ((name, position or None for keyword-only), ...).
    Only what is surely pickled with the result: an object of a class given the parameter is not followed."""
    arguments = function.args
    positions = {a.arg: i for i, a in enumerate([*arguments.posonlyargs, *arguments.args])}
    found, seen, todo = {}, set(), list(returned)
    while todo and len(seen) < 200:
        value = todo.pop()
        if value is None or id(value) in seen:
            continue
        seen.add(id(value))
        kind = type(value)
        if kind is V.Param and value.function is function and value.kind == "positional" and value.name != "self":
            found.setdefault(value.name, positions.get(value.name))
        elif kind is V.Sequence:
            todo += [*value.items, *value.held]
        elif kind is V.Union:
            todo += value.options
    return tuple(sorted(found.items()))


def _derived_results(returned: list, function) -> tuple:
    """((parameter, position or None, method), ...): the returns that are what a method of a parameter gives
    (`return conn.execute(sql)`), judged at each caller by the class of what it passes."""
    arguments = function.args
    positions = {a.arg: i for i, a in enumerate([*arguments.posonlyargs, *arguments.args])}
    found = []
    for value in returned:
        receiver = value.receiver if type(value) is V.CallResult else None
        if type(receiver) is V.Param and receiver.function is function and receiver.kind == "positional" \
                and receiver.name != "self" and value.method != V.CALLED:
            entry = (receiver.name, positions.get(receiver.name), value.method)
            if entry not in found:
                found.append(entry)
    return tuple(found)


FORWARDED_ROLES = frozenset({"target", "args", "initializer", "initargs", "task", "task-args"})


def _forwarding(ctx, owners: dict, summary: ModuleSummary) -> None:
    """A parameter handed on to a function of another project module whose own parameter reaches a child
    (`def run_export(orders, **options): workers.fan_out(chunks, **options)`): a sink of this function
    too, with the other function's role and line. Through `**options` only the keyword the other
    function's parameter takes crosses (`Sink.key`)."""
    for call, qualified, args, kwargs, where in ctx.facts.project_calls:
        owner = owners.get(where.function)
        if owner is None or ctx.resolver is None or not any(
                type(v) is V.Param and v.function is where.function for v in _passed(args, kwargs)):
            continue  # (most calls hand on no parameter: the other module's summary is not asked for)
        other, name = effects_summary(ctx.resolver, qualified)
        sinks = [s for s in other.sinks.get(name, ()) if s.role in FORWARDED_ROLES] if other is not None else []
        definition, bound = summary_function(other, name) if sinks else (None, False)
        if not isinstance(definition, FUNCS):
            continue
        site = CallSite(call, args, kwargs, bound, where)
        spread = kwargs.get(None)
        for sink in sinks:
            if sink.key is not None or getattr(sink, "pool", None) is not None \
                    or getattr(sink, "receiver", None) is not None:
                continue  # (one module of forwarding through **kwargs at a time; a pool the receiver holds or the
                # caller gives: not followed further)
            value = bind_argument(definition, site, V.Param(call, definition, sink.param, sink.kind))
            if value is None and spread is not None and type(spread[1]) is V.Param and spread[1].kind == "kwarg" \
                    and sink.kind == "positional" and sink.param not in kwargs:
                passed, key = spread[1], sink.param  # `fan_out(chunks, **options)`: options["transform"]
            elif type(value) is V.Param and value.kind != "kwarg":
                passed, key = value, None
            else:
                continue
            if passed.function is where.function:
                summary.sinks.setdefault(owner, []).append(Sink(passed.name, passed.kind, sink.role, sink.method,
                                                              call.lineno, sink.serializer, key))


def _forwarding_here(ctx, top: dict, summary: ModuleSummary) -> None:
    """A parameter handed on to another top-level function of this same module whose own parameter reaches a
    child (sbi's `simulate_for_sbi(simulator, ...)` calling `simulate_in_batches(simulator, ...)`, which runs it
    with joblib): a sink of the caller too, with the callee's role, serializer and line (the line where it
    crosses). Followed to a fixpoint over the module's call sites: each (function, parameter, role) is added
    once, so the work is linear in the call sites times the sinks."""
    by_name = {name: f for f, name in top.items()}
    seen = {(owner, s.param, s.role) for owner, sinks in summary.sinks.items() for s in sinks}
    todo = [name for name in summary.sinks if name in by_name]
    while todo:
        callee = by_name[todo.pop()]
        for site in ctx.facts.call_sites.get(callee, ()):
            caller = getattr(site.where, "function", None)
            owner = top.get(caller)
            if owner is None or site.bound or caller is callee:
                continue
            for sink in list(summary.sinks.get(top[callee], ())):
                if sink.role not in FORWARDED_ROLES or sink.key is not None or getattr(sink, "pool", None) is not None \
                        or getattr(sink, "receiver", None) is not None:
                    continue
                value = bind_argument(callee, site, V.Param(site.call, callee, sink.param, sink.kind))
                if type(value) is not V.Param or value.function is not caller or value.kind == "kwarg" \
                        or (owner, value.name, sink.role) in seen:
                    continue
                seen.add((owner, value.name, sink.role))
                summary.sinks.setdefault(owner, []).append(Sink(value.name, value.kind, sink.role, sink.method,
                                                              sink.line, sink.serializer, items=sink.items,
                                                              calls=sink.calls))
                todo.append(owner)


def _passed(args, kwargs):
    yield from (value for _expr, value in args)
    yield from (value for _expr, value in kwargs.values())


def result_summary(data: bytes | str, path: str, module: str, resolver=None) -> ModuleSummary:
    """What a module's functions return that pickle refuses (`ModuleSummary.results`, `.guards`): a fact
    of its own, built only when a rule asks what another module's function returns
    (`resolve.project.results_summary`). Inside `import_time_summary`, judging every return of every
    function of every module a checked file reaches took a third of the time on dask (issue 16)."""
    with _walk(data, path, module, resolver) as (summary, ctx):
        if ctx is None:
            return summary
        tree = ctx.tree
        _judge_results(ctx, tree, summary, module)
        return summary


def raise_summary(data: bytes | str, path: str, module: str, resolver=None, depth: int = RAISE_DEPTH) -> ModuleSummary:
    """What a module's functions and methods raise that pickle cannot rebuild in a parent, with the
    parameter conditions under which they do (`ModuleSummary.raises`, `.guards`; `.definitions` and
    `.imports` to read them): a fact of its own, built only when a rule asks what a task of another
    module raises (`resolve.project.raises_summary`). Inside `import_time_summary` it made every summary
    read the summaries of every module its functions call, and those of theirs in turn: checking mypy
    built 188 summaries instead of 10 (issue 16). `depth`: how many modules further the calls into other
    project modules are followed (`rules.raised_elsewhere.RAISE_DEPTH`)."""
    with _walk(data, path, module, resolver) as (summary, ctx):
        if ctx is None:
            return summary
        tree = ctx.tree
        # the exceptions each function raises, itself or through the module's calls, and under which values
        # of its parameters (linter/raise_paths)
        paths = raise_paths(ctx, raised_here(ctx, tree, ctx.resolver), depth)
        top = {f: f.name for f in tree.body if isinstance(f, FUNCS)}
        methods = {f: f"{c.name}.{f.name}" for c in tree.body if isinstance(c, ast.ClassDef) for f in c.body
                   if isinstance(f, FUNCS)}  # `Shell().run()` from another module: what the method raises
        for function, name in (*top.items(), *methods.items()):
            raised = paths.of(function)
            if raised:
                summary.raises[name] = [Raised.made(cls, line, error, there,
                                                    paths.caught_by((cls, line, error, there)))
                                        for (cls, line, error, there) in sorted(raised, key=lambda found: found[1])]
                summary.guards.update((guard_key(name, line, there), alternatives)
                                      for (_cls, line, _error, there), alternatives in raised.items()
                                      if alternatives != ALWAYS)
        summarize_ends(ctx, tree, summary, depth)  # what ends a Pool worker running them (rules/worker_ends)
        return summary


def write_summary(data: bytes | str, path: str, module: str, resolver=None) -> ModuleSummary:
    """How much a module's functions and methods put on the queues they are given (`ModuleSummary.writes`,
    rules/queue_writes): a fact of its own, built only when a rule asks about a Process target of this
    module (`resolve.project.writes_summary`)."""
    with _walk(data, path, module, resolver) as (summary, ctx):
        if ctx is not None:
            summary.writes = queue_writes(ctx, writes_much)
        return summary


def registrations(data: bytes | str, path: str, module: str, resolver=None) -> dict:
    """What importing `module` registers in registries (semantic/registries: a dict of a project module that its
    registrars fill): table (qualified) -> ((key, judged, line), ...) in the order they run, `key` the constant
    string or None when not known, `judged` None for a value that pickles, (what, error) for one pickle refuses,
    UNJUDGED when the value is not known. A table is None when the module registers in it anywhere but in a
    statement of its top (in a function, under a test, in a loop): whether and what it holds is not known then.
    A fact of its own, built only when a rule asks what a caller's key picks in a registry (rules/pickling)."""
    with _walk(data, path, module, resolver) as (_summary, ctx):
        if ctx is None or ctx.facts.tables is None:
            return {}
        found: dict = {}
        for table, key, value, at in ctx.facts.tables.made:
            if table in found and found[table] is None:
                continue
            if not _registered_at_top(ctx.parents, at):
                found[table] = None
                continue
            node = getattr(key, "node", None)
            name = node.value if type(key) is V.Constant and isinstance(node, ast.Constant) \
                and isinstance(node.value, str) else None
            judged = UNJUDGED
            if value is not None and type(value) is not V.Value:
                problem = ctx.pickler.callable_problem(value) if type(value) in (V.Callable, V.Partial) \
                    else ctx.pickler.object_problem(value, pool_task=False)
                judged = (problem.kind, problem.what, _in_module(problem.error, module)) \
                    if problem is not None and problem.kind in REFUSED else None
            found.setdefault(table, []).append((name, judged, at.lineno))
        return {table: tuple(made) if made is not None else None for table, made in found.items()}


def _in_module(error, module: str):
    """pickle's words for a lambda or class of `module` (a walk names the checked file's module `__main__`)."""
    key, params = getattr(error, "key", None), getattr(error, "params", None)
    if key in ("lambda", "local_class", "unfindable_class") and params is not None \
            and params.get("module", "__main__") == "__main__":  # (a class another module made keeps its module)
        return errors.text(key, **{**params, "module": module})
    return error


UNJUDGED = "unjudged"  # a registered value not known (`registrations`)
REFUSED = ("unpicklable", "state", "lambda", "local")  # the problems that stop pickle (not "sync", not "guard")


def _registered_at_top(parents: dict, at) -> bool:
    """Is the registrar's call (or decorator) `at` a statement of the module's top, one that runs at every import
    (`add("threshold", lambda p: ...)`, `@register("invert")` on a top-level def)?"""
    holder = parents.get(at)
    if isinstance(holder, (*FUNCS, ast.ClassDef)) and at in holder.decorator_list:
        return isinstance(parents.get(holder), ast.Module)
    return isinstance(holder, ast.Expr) and holder.value is at and isinstance(parents.get(holder), ast.Module)


SUMMARIZER = Summarizer(import_time_summary, may_give, top_definitions, raise_summary, module_names, result_summary,
                        module_globals, write_summary, registered=registrations, tree=borrowed_tree)


def _entered(facts, creation) -> bool:
    """A SyncManager made at import that a `with` statement there enters (and so starts)."""
    return any(e.detail is creation.value and e.where.at_import for e in facts.effects_of("with"))
