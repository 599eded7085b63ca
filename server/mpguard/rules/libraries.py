"""MP42x: hazards that exist only through a library's own process model (semantic/data/boundaries.json)."""
from __future__ import annotations

import ast

from mpguard.rules.interpreters import check as check_interpreter_pools
from mpguard.rules.registry import Rule, register
from mpguard.semantic import values as V
from mpguard.semantic.boundaries import verdict
from mpguard.semantic.cli_args import literal
from mpguard.semantic.helper_values import UNKNOWN, returned_for
from mpguard.semantic.library_calls import server_needs
from mpguard.semantic.index import nodes_in
from mpguard.semantic.names import is_main_guard
from mpguard.semantic.platforms import ALL_METHODS

IMPORT_STRING = "WARNING:  You must pass the application as an import string to enable 'reload' or 'workers'."

APP_NOT_IMPORT_STRING = register(Rule(
    "MP420", "server-app-not-import-string",
    "`uvicorn.run(app, workers=N)` or `reload=True` is given the application object instead of its import string",
    ALL_METHODS,
    {m: IMPORT_STRING + " (uvicorn exits with status 3)" for m in ("fork", "spawn", "forkserver")},
    severity="error",
))


BY_VALUE = "_pickle.PicklingError: Could not pickle the task to send it to the workers."
CAPTURED_GLOBAL = register(Rule(
    "MP421", "by-value-task-captures-unpicklable-global",
    "A task of the script sent by value (cloudpickle: joblib, dask) reads a module-level object cloudpickle refuses",
    ALL_METHODS,
    {m: BY_VALUE + " (TypeError: cannot pickle '_thread.lock' object)" for m in ("fork", "spawn", "forkserver")},
    severity="error",
))


def check(ctx) -> None:
    check_loaders(ctx)
    check_interpreter_pools(ctx)
    check_captured_globals(ctx)
    check_forwarded_by_value(ctx)
    for effect in ctx.facts.effects_of("server-app-object"):
        library, needs, app, later = effect.detail[:4]
        app_value = effect.detail[4] if len(effect.detail) > 4 else None
        if app_value is not None and not _application_object(ctx, app_value):
            continue  # (`app = self.build_app()`: an object only if what it resolves to surely is one)
        if needs is None:  # workers / reload known only now: what the callers or the function give
            needs = server_needs(*(_count(ctx, value) for value in later))
            if needs is None:
                continue
        shown = ast.unparse(app)
        ctx.report("MP420", effect.node, f"{library} needs the application as an import string (\"module:{shown}\") "
                   f"to start {'worker processes' if needs == 'workers' else 'the reloader'}; given the object "
                   f"`{shown}` it does not start: {IMPORT_STRING}", ALL_METHODS, error=IMPORT_STRING)


def _literal(value):
    known, python_value = literal(value)
    return python_value if known else None


def _count(ctx, value):
    """The literal a setting resolves to: a constant, an option's default, or what a helper of another project module
    returns for literal arguments (`self.workers = resolve_workers(args.workers)` with the option's default "2",
    semantic/helper_values); None when unknown."""
    if value is None:
        return None
    resolved = ctx.flow.resolve(value)
    known, python_value = literal(resolved)
    if known:
        return python_value
    if type(resolved) is not V.Returned or resolved.receiver is not None or ctx.resolver is None \
            or not hasattr(ctx.resolver, "definition"):
        return None
    function = ctx.resolver.definition(resolved.qualified)
    if not isinstance(function, ast.FunctionDef):
        return None
    call = resolved.node
    if not isinstance(call, ast.Call) or any(isinstance(a, ast.Starred) for a in call.args) \
            or any(k.arg is None for k in call.keywords) or len(resolved.args) != len(call.args) + len(call.keywords):
        return None
    # (`args` holds the values of the positional arguments, then those given by keyword)
    positional = [literal(ctx.flow.resolve(arg)) for arg in resolved.args[:len(call.args)]]
    kwargs = {name: literal(ctx.flow.resolve(arg)) for name, arg in resolved.keywords.items()}
    if not all(known for known, _v in positional) or not all(known for known, _v in kwargs.values()):
        return None
    definitions = ctx.resolver.top_definitions(resolved.qualified.rpartition(".")[0]) \
        if hasattr(ctx.resolver, "top_definitions") else None
    found = returned_for(function, [v for _k, v in positional], {k: v for k, (_k, v) in kwargs.items()},
                         frozenset(definitions or ()))
    return None if found is UNKNOWN else found


def _application_object(ctx, value) -> bool:
    """Is what the application argument resolves to surely an object (not an import string): a function or
    class, an instance, or a new object of a class that a function of another project module returns
    (`ModuleSummary.classes`: `create_app()` returning `JacAPI(...)`)? Every option of a union must be one."""
    from mpguard.resolve.project import results_summary

    resolved = ctx.flow.resolve(value)
    options = resolved.options if type(resolved) is V.Union else (resolved,)
    for option in options:
        if type(option) in (V.Callable, V.Instance):
            continue
        if type(option) is V.Returned and option.receiver is None:
            summary, name = results_summary(ctx.resolver, option.qualified)
            if summary is not None and name in getattr(summary, "classes", {}):
                continue
        return False
    return bool(options)


def check_loaders(ctx) -> None:
    """torch's DataLoader with workers: what its workers receive, and iterating it at import time."""
    from mpguard.rules.pickle_reports import not_fork

    for effect in ctx.facts.effects_of("loader"):
        loader, crossing = effect.detail
        methods = ctx.breaks(loader.method, not_fork)
        callables = set(loader.boundary.get("callables", ()))
        for name, expr, value in crossing:
            problem = ctx.pickler.callable_problem(value) if name in callables \
                else ctx.pickler.object_problem(value, pool_task=False)
            if problem is None or problem.kind in ("sync", "runtime"):
                continue
            role = f"DataLoader `{name}` (torch: sent to each worker, pickled under spawn and forkserver)"
            if problem.kind in ("lambda", "local"):
                code = "MP201" if name in callables or problem.what.startswith(("a lambda", "nested", "the closure")) \
                    else "MP203"
                ctx.report(code, effect.node, f"{role} is {problem.what}: {problem.error}", methods,
                           error=problem.error)
            elif problem.kind == "guard":
                ctx.report("MP202", effect.node, f"{role} is {problem.what}: {problem.error}", methods,
                           error=problem.error)
            elif problem.kind == "unimported-main":
                ctx.report("MP209", effect.node, f"{role} is {problem.what}: {problem.error}", methods,
                           error=problem.error)
            else:
                ctx.report("MP203", effect.node, f"{role} is {problem.what}: {problem.error}", methods,
                           error=problem.error)
            break  # one finding per loader
        if effect.where.at_import:
            _iterated_at_import(ctx, effect)


def _iterated_at_import(ctx, effect) -> None:
    """`loader = DataLoader(..., num_workers=4)` then `for batch in loader:` in module-level code."""
    from mpguard.rules.guard import report_at_import

    assign = ctx.parents.get(effect.node)
    if not (isinstance(assign, ast.Assign) and len(assign.targets) == 1 and isinstance(assign.targets[0], ast.Name)):
        return
    name = assign.targets[0].id
    loader = effect.detail[0]
    for stmt in _run_at_import(ctx.tree.body):  # `for epoch in ...: for batch in loader:` runs at import too
        if not isinstance(stmt, ast.For) or stmt.lineno < assign.lineno:
            continue
        source = stmt.iter
        if isinstance(source, ast.Call) and source.args \
                and getattr(source.func, "id", "") in ("enumerate", "iter", "tqdm"):
            source = source.args[0]
        if isinstance(source, ast.Name) and source.id == name:
            report_at_import(ctx, stmt.iter, f"iterating `{name}` (a torch DataLoader with worker processes) "
                             "at import time starts its workers", loader.method)
            return


def _run_at_import(body):
    """The statements of a module body that run when it is imported, nested ones included (loops, ifs,
    withs, trys), but not the bodies of defs and classes, nor what the main guard holds."""
    todo = list(body)
    while todo:
        stmt = todo.pop(0)
        yield stmt
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) \
                or (isinstance(stmt, ast.If) and is_main_guard(stmt.test)):
            continue
        for field in ("body", "orelse", "finalbody", "handlers"):
            todo.extend(s for s in getattr(stmt, field, ()) if isinstance(s, ast.stmt))
        todo.extend(s for h in getattr(stmt, "handlers", ()) for s in h.body)


def check_captured_globals(ctx) -> None:
    """cloudpickle copies a function of `__main__` by value, with the module-level objects it reads
    (and the functions of `__main__` it calls, recursively): a lock or a connection among them fails,
    where pickle, which finds the function by name, would not care. Only in a script (a module with a
    main guard): a function of an imported module travels by reference."""
    submits = [s for s in ctx.facts.submits if s.pool.serializer == "cloudpickle" and s.func is not None]
    if not submits or ctx.unimported_main is not None \
            or not any(isinstance(stmt, ast.If) and is_main_guard(stmt.test) for stmt in ctx.tree.body):
        return
    for submit in submits:
        func = submit.func
        roots = [func.definition] if type(func) is V.Callable and isinstance(func.definition, ast.Lambda) \
            else ctx.definitions_of(func)
        found = _captured(ctx, roots)
        if found is None:
            continue
        name, what, error = found
        library = submit.pool.boundary.library if submit.pool.boundary is not None else "cloudpickle"
        ctx.report("MP421", submit.node, f"the task is a function of the script, which {library}'s cloudpickle sends "
                   f"by value with the module-level `{name}` it reads, {what}: {BY_VALUE} ({error})",
                   ALL_METHODS, error=f"{BY_VALUE} ({error})")


def check_forwarded_by_value(ctx) -> None:
    """The same through a function of another project module that hands its parameter to a cloudpickle pool as
    the task (sbi's `simulate_for_sbi(simulator, ...)` running it with joblib): the script's function still
    travels by value with the module-level objects it reads. Reported at the call, the helper's line that
    sends it a related location."""
    from mpguard.resolve.project import STDLIB, effects_summary
    from mpguard.semantic.flow import CallSite, bind_argument
    from mpguard.semantic.param_guards import summary_function
    from mpguard.text.findings import RelatedFile

    if not ctx.facts.project_calls or ctx.resolver is None or ctx.unimported_main is not None \
            or not any(isinstance(stmt, ast.If) and is_main_guard(stmt.test) for stmt in ctx.tree.body):
        return
    for call, qualified, args, kwargs, where in ctx.facts.project_calls:
        if qualified.partition(".")[0] in STDLIB:
            continue
        summary, name = effects_summary(ctx.resolver, qualified)
        sinks = [s for s in (summary.sinks.get(name) or ()) if s.role == "task"
                 and getattr(s, "serializer", "pickle") == "cloudpickle" and getattr(s, "pool", None) is None
                 and not getattr(s, "items", False) and getattr(s, "key", None) is None] if summary is not None else []
        definition, bound = summary_function(summary, name) if sinks else (None, False)
        if not isinstance(definition, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        site = CallSite(call, args, kwargs, bound, where)
        for sink in sinks:
            value = bind_argument(definition, site, V.Param(call, definition, sink.param, sink.kind), ctx.flow.resolve)
            func = ctx.flow.resolve(value) if value is not None else None
            if type(func) is not V.Callable or func.kind != "module" or not isinstance(func.definition, ast.FunctionDef):
                continue  # (a function of this script, known for sure: what cloudpickle copies by value)
            found = _captured(ctx, [func.definition])
            if found is None:
                continue
            global_name, what, error = found
            module = qualified[:len(qualified) - len(name) - 1]
            ctx.report("MP421", call, f"`{sink.param}`, which {qualified}() makes a cloudpickle task (line {sink.line} "
                       f"of {module}), is a function of the script, sent by value with the module-level "
                       f"`{global_name}` it reads, {what}: {BY_VALUE} ({error})", ALL_METHODS,
                       error=f"{BY_VALUE} ({error})",
                       related_file=RelatedFile(summary.path, sink.line, f"`{sink.param}` of "
                                                f"{qualified.rpartition('.')[2]}() crosses into the workers here",
                                                site=True))
            break  # one finding per call


def _captured(ctx, roots):
    """(name, what, error) of the first module-level object the functions read that cloudpickle refuses."""
    seen, todo = set(), list(roots)
    env = ctx.facts.module_env
    while todo:
        func = todo.pop()
        if func in seen or len(seen) > 64:
            continue
        seen.add(func)
        local = ctx.index.scope(func).stores | set(ctx.index.scope(func).params)
        for node in nodes_in(func):
            if not (isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)) or node.id in local:
                continue
            value = env.get(node.id)
            if type(value) in (V.CallResult, V.Element):  # `DOC = load_document(path)`: what the function returns
                value = ctx.flow.resolve(value)
                value = next((o for o in value.options if type(o) is V.Unpicklable), None) \
                    if type(value) is V.Union else value
            if type(value) is V.Unpicklable:
                error = verdict("cloudpickle", "unpicklable", value.error, value.mode, value.what)
                if error is not None:
                    return node.id, f"{'an' if value.what[:1] in 'aeiou' else 'a'} {value.what}", error
            elif type(value) in (V.Instance, V.Returned):
                # an object of a class (of the script, of another project module) or what another module's
                # function returns: judged as pickle would, then as cloudpickle does (an object whose own
                # __reduce__ raises refuses every serializer; a lambda it holds is copied by value)
                problem = ctx.pickler.object_problem(value, pool_task=False)
                error = verdict("cloudpickle", problem.kind, problem.error, problem.mode, problem.what) \
                    if problem is not None and problem.kind in ("unpicklable", "state") else None
                if error is not None:
                    return node.id, problem.what, error
            elif type(value) is V.Callable and value.kind == "module" and isinstance(value.definition, ast.FunctionDef):
                todo.append(value.definition)
    return None
