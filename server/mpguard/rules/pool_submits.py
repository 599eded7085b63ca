"""What a pool or executor call submits (MP201, MP203, MP204): the task and its arguments, the closure cells dill and
cloudpickle copy with a nested task, and what a task of another project module returns and raises."""
from __future__ import annotations

import ast

from mpguard.resolve.project import results_summary
from mpguard.semantic import errors, values as V
from mpguard.semantic.index import nodes_in
from mpguard.semantic.param_guards import task_call
from mpguard.semantic.platforms import ALL_METHODS
from mpguard.rules.rebuilt_results import inherited_call_problem
from mpguard.rules.raised_elsewhere import imported_raises, shown_file
from mpguard.rules.runtime_modules import runtime_task
from mpguard.semantic.runtime_modules import RUNTIME_MEMBER
from mpguard.text.findings import RelatedFile
from mpguard.rules.pickle_reports import not_fork, through, library_label, report_callable, report_argument
from mpguard.rules.task_results import (imported_summary, report_raised_at_origin, raised_at_home, check_results,
                                        module_bases)
from mpguard.rules.rebuilt_copies import reported_here


def closure_cell_problem(ctx, func, serializer: str):
    """(name, problem, the nested def) of a closure cell of a nested function that `serializer` refuses: dill and cloudpickle
    copy a nested function by value with the objects its closure holds (datasets #665: a mapped function
    closing over a vocabulary that keeps a sqlite3 connection). None for pickle, which refuses the function
    itself by name, and when every cell is accepted or unknown."""
    while type(func) is V.Partial:  # `delayed(f)`, `partial(f, x)`: f's closure travels
        func = func.func
    if serializer == "pickle":
        return None
    if type(func) is V.Param:  # `bag.map(func)` in a helper: each function its callers pass (a lambda written there)
        found = ctx.flow.resolve(func)
        for option in found.options if type(found) is V.Union else (found,):
            cell = closure_cell_problem(ctx, option, serializer) if type(option) in (V.Callable, V.Partial) else None
            if cell is not None:
                return cell
        return None
    if type(func) is not V.Callable:
        return None
    definition = func.definition
    env = ctx.facts.closure_envs.get(definition)
    outer = ctx.enclosing_function(definition) if env is not None else None
    if outer is None or type(outer) is ast.Lambda:
        return None
    own, around = ctx.index.scope(definition), ctx.index.scope(outer)
    local = own.stores | set(own.params)
    cells = around.stores | set(around.params)
    seen = set()
    for node in nodes_in(definition):
        if type(node) is ast.Name and type(node.ctx) is ast.Load and node.id in cells and node.id not in local \
                and node.id not in seen:
            seen.add(node.id)
            problem = through(ctx.pickler.object_problem(env.get(node.id), pool_task=True), serializer)
            if problem is not None and problem.kind not in ("guard", "unimported-main"):
                return node.id, problem, definition
    return None


def check_submit(ctx, submit) -> None:
    pickler = ctx.pickler
    pool, serializer = submit.pool, submit.pool.serializer
    role = f"`{submit.method_name}` task{library_label(pool)}"
    problem = through(pickler.callable_problem(submit.func), serializer)
    every = ctx.under_every_method(pool.method, pool.elsewhere)  # tasks travel through a pipe
    inherited = pool.boundary is not None and pool.boundary.get("func_inherited_under_fork")
    if problem is not None and problem.kind == RUNTIME_MEMBER:  # read off a module built at run time
        runtime_task(ctx, submit, problem, role)
    elif problem is not None and inherited:  # mpire: forked workers inherit the function, others unpickle it
        report_callable(ctx, problem, submit.node, role, ctx.breaks(pool.method, not_fork, pool.elsewhere), submit,
                        submit.func)
    elif problem is not None and problem.kind in ("guard", "unimported-main"):
        methods = ctx.breaks(submit.pool.method, not_fork, submit.pool.elsewhere)
        pool_line = getattr(submit.pool.node, "lineno", 0)
        made_in = ctx.enclosing_function(submit.pool.node) if submit.pool.node is not None else None
        if problem.definition is not None and pool_line < problem.definition.lineno and made_in is None:
            # forked workers were copied before the definition existed (both in the module's or guard's own
            # flow: a pool a function makes is made when it is called, after the guard's def: zhihu's Char2Id)
            methods = every
        report_callable(ctx, problem, submit.node, role, methods, submit, submit.func)
    elif problem is not None:
        report_callable(ctx, problem, submit.node, role, every, submit, submit.func)
    else:  # the object behind a bound-method task may hold a Lock or Queue: refused outside spawning
        held = through(pickler.held_sync(ctx.flow.resolve(submit.func)), serializer)
        if held is not None:
            ctx.report("MP204", submit.node, f"{role} is {held.what}: {held.error}", every, error=held.error)
        cell = closure_cell_problem(ctx, submit.func, serializer) if held is None else None
        if cell is not None:
            name, problem, definition = cell
            ctx.report("MP201", submit.node, f"{role} is the nested function {getattr(definition, 'name', '<lambda>')}, "
                       f"which {serializer} copies with its closure; the closure's `{name}` is {problem.what}: "
                       f"{problem.error}", every, error=problem.error, related=((definition, "defined here"),))
    refused = problem is not None
    for expr, value in submit.args:
        problem = through(pickler.object_problem(value, pool_task=True), serializer)
        if problem is not None:
            methods = ctx.breaks(submit.pool.method, not_fork, submit.pool.elsewhere) if problem.kind in ("guard", "unimported-main") \
                else every
            report_argument(ctx, problem, submit.node, f"{role} arguments", methods, value)
            refused = True
            break
    if not refused and serializer == "pickle":  # a copy configured otherwise (rules/rebuilt_copies)
        reported_here(ctx, submit.node, [submit.func, *(v for _e, v in submit.args)], f"{role} or its arguments",
                      every)
    returned = pool.boundary is None or pool.boundary.get("results", True)  # datasets: Arrow shards come back
    inherited = inherited_call_problem(ctx, submit.func, module_bases(ctx)) \
        if returned and serializer == "pickle" and ctx.resolver is not None else None
    if inherited is not None:  # an object whose __call__ another module's base gives returns `self.<class attr>(...)`
        name, reason, error, line, path = inherited
        shown = path.replace(chr(92), "/").rsplit("/", 1)[-1] if path else "its module"
        ctx.report("MP207", submit.node, f"{role} is an object whose inherited __call__ returns a `{name}` (line {line} "
                   f"of {shown}), which {reason}: {error} (an "
                   "executor breaks, a Pool hangs)", every, error=error,
                   related_file=RelatedFile(path, line, f"`{name}` is returned here") if path else None)
    for definition in ctx.definitions_of(submit.func) if returned else ():
        check_results(ctx, definition, serializer, every, submit.node)
        scope = ctx.index.scopes.get(definition) if type(definition) is ast.FunctionDef else None
        if scope is not None and scope.has_yield:  # each call gives a generator: no serializer sends it back
            ctx.report("MP207", submit.node, f"the task {definition.name}() is a generator function: each call "
                       f"returns a generator, which cannot be sent back to the parent: {errors.text('generator')}",
                       every, error=errors.text("generator"), related=((definition, "defined here"),))
    if ctx.resolver is not None and serializer == "pickle":
        # a function of another project module, or one of several (`getattr(pricing, "quote_" + kind)`)
        func = submit.func if type(submit.func) is V.ModuleRef else ctx.flow.resolve(submit.func)
        for option in func.options if type(func) is V.Union else (func,):
            if type(option) is V.ModuleRef and _imported_results(ctx, submit, option, every):
                break


def _imported_results(ctx, submit, func: V.ModuleRef, every=ALL_METHODS) -> bool:
    """A task from another project module: what it returns and raises is sent back to the parent.
    Whether a finding was made."""
    summary, name = imported_summary(ctx, func)
    if summary is None:
        return False
    where = f"{func.qualified}() (in {func.qualified.rpartition('.')[0]}"
    results, _name = results_summary(ctx.resolver, func.qualified)
    returned = results is not None and name in results.results
    if returned:
        what, error = results.results[name]
        ctx.report("MP207", submit.node, f"the task {where}) returns {what}, which cannot be sent back to the "
                   f"parent: {error}", every, error=error)
    rebuilt = getattr(results, "rebuilt", {}).get(name) if results is not None and not returned else None
    if rebuilt is not None:  # pickled, but hashed inside its own state before that state is restored
        what, error = rebuilt
        ctx.report("MP207", submit.node, f"the task {where}) returns {what}, so the parent cannot rebuild it: {error} "
                   "(an executor breaks, a Pool's result handler dies)", every, error=error)
    raised = imported_raises(ctx.resolver, func.qualified, ctx.as_read(task_call(submit.method_name, submit.node)))
    for cls, line, error, path in raised[:1]:
        ctx.report("MP208", submit.node, f"the task {where}, line {line}{shown_file(path, summary.path)}) may raise "
                   f"`{cls}`, which pickle cannot rebuild in the parent: {error} (a Pool hangs, an executor breaks)",
                   every, error=error, related_file=RelatedFile(path, line, f"`{cls}` is raised here",
                                                                site=raised_at_home(summary, cls, path)))
        report_raised_at_origin(ctx, submit.node, cls, line, error, path, summary.path, every)
    return returned or rebuilt is not None or bool(raised)
