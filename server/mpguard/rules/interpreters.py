"""MP425 and the shareability of InterpreterPoolExecutor tasks (Python 3.14+, semantic/data/boundaries.json).

A worker of `concurrent.futures.InterpreterPoolExecutor` is a subinterpreter of the same process, so
no start method is involved. `Interpreter.call` shares shareable objects and *stateless* functions (no
closure, no globals but builtins) as they are and pickles everything else (observed on 3.14.10):

- a lambda or nested function that reads a global or a closure variable is pickled, and pickle refuses
  it: MP425;
- a function of the script that reads globals is pickled by name; the subinterpreter finds it by
  running the script again as `<fake __main__>`. One defined under the main guard is not there (MP425);
  in a script without a guard the pool runs again inside that import and the task fails (MP101);
- arguments and results pickle refuses (a lock, a generator, a sqlite3 connection) fail as they do
  for a process pool (MP203, MP207), with NotShareableError.

The `initializer` and `initargs` given to the executor cross the same way (each worker interpreter runs
`initializer(*initargs)` through `Interpreter.call`); a refusal breaks the pool: the first task's
`result()` raises BrokenInterpreterPool (the catalog's errors.initializer).

Said only where the targets include Python 3.14 or later: the executor does not exist before."""
from __future__ import annotations

import ast
import builtins

from mpguard.rules.registry import Rule, register
from mpguard.semantic import values as V
from mpguard.semantic.index import nodes_in
from mpguard.semantic.names import is_main_guard
from mpguard.semantic.platforms import ALL_METHODS

FIRST = (3, 14)
INITIALIZER = "initializer"  # semantic/library_calls.py: the executor's initializer, judged as a task
BUILTINS = frozenset(dir(builtins))
NOT_SHAREABLE = "concurrent.interpreters.NotShareableError: <function {name} at 0x...> does not support cross-interpreter data"
# The cause is paraphrased: 3.14 prints "AttributeError: module '__main__' has no attribute '{name}'", which
# semantic/errors.py would reword for the Python mpguard runs on (pickle's text), and this is 3.14's alone.
BY_NAME = ("concurrent.interpreters.NotShareableError: args not shareable (the subinterpreter's `__main__` has "
           "no attribute '{name}': NotShareableError: object could not be unpickled)")

NOT_SHAREABLE_TASK = register(Rule(
    "MP425", "interpreter-task-not-shareable",
    "An InterpreterPoolExecutor task is a function a subinterpreter cannot receive: a lambda or nested "
    "function that reads globals or closure variables, or a function defined under the main guard",
    ALL_METHODS,
    {m: NOT_SHAREABLE.format(name="<lambda>") for m in ("fork", "spawn", "forkserver")},
    severity="error",
))


def check(ctx) -> None:
    effects = ctx.facts.effects_of("interpreter-task")
    if not effects or not _targets_314(ctx):
        return
    guarded = any(isinstance(stmt, ast.If) and is_main_guard(stmt.test) for stmt in ctx.tree.body)
    for effect in effects:
        pool, name, (_expr, func), crossing = effect.detail
        _function(ctx, effect, func, guarded, name, pool)
        _arguments(ctx, effect, name, crossing, pool)
        if name != INITIALIZER:  # what an initializer returns is not sent back
            for definition in ctx.definitions_of(func):
                _results(ctx, definition)


def _role(name: str) -> str:
    return "initializer" if name == INITIALIZER else "task"


def _broken(error: str, name: str, pool) -> str:
    """An initializer's refusal surfaces as the pool's BrokenInterpreterPool, the cause printed before it."""
    if name != INITIALIZER:
        return error
    broken = pool.boundary.get("errors", {}).get("initializer") if pool is not None else None
    return f"{broken} (after 'Exception in initializer: {error}')" if broken else error


def _targets_314(ctx) -> bool:
    targets = getattr(ctx.settings, "targets", None)
    return targets is None or targets.max_version >= FIRST


def _function(ctx, effect, func, guarded: bool, name: str = "submit", pool=None) -> None:
    if type(func) is not V.Callable or ctx.unimported_main is not None:
        return
    definition = func.definition
    if not isinstance(definition, (ast.Lambda, ast.FunctionDef)):
        return
    reads = _free_names(ctx, definition)
    if not reads:
        return  # stateless: shared as it is
    shown = ", ".join(f"`{n}`" for n in reads[:3])
    parent = ctx.parents.get(definition)
    if isinstance(definition, ast.Lambda) or not isinstance(parent, (ast.Module, ast.If)):
        what = "a lambda" if isinstance(definition, ast.Lambda) else f"the nested function `{definition.name}`"
        owner = _owner(ctx, definition)
        own = "<lambda>" if isinstance(definition, ast.Lambda) else definition.name
        label = own if owner is None else f"{owner}.<locals>.{own}"
        error = _broken(NOT_SHAREABLE.format(name=label), name, pool)
        ctx.report("MP425", effect.node, f"the InterpreterPoolExecutor {_role(name)} is {what} that reads {shown}: a "
                   "subinterpreter receives only stateless functions as they are and pickles the others, which "
                   f"refuses it: {error}", ALL_METHODS, error=error)
        return
    if isinstance(parent, ast.If) and is_main_guard(parent.test) and parent in ctx.tree.body:
        error = _broken(BY_NAME.format(name=definition.name), name, pool)
        ctx.report("MP425", effect.node, f"the InterpreterPoolExecutor {_role(name)} `{definition.name}` is defined under "
                   f"`if __name__ == \"__main__\":` and reads {shown}, so it is pickled by name; the subinterpreter "
                   f"runs the script again as `<fake __main__>`, where it is never defined: {error}",
                   ALL_METHODS, error=error)
        return
    if not guarded and isinstance(parent, ast.Module) and effect.where.at_import:
        error = _broken(BY_NAME.format(name=definition.name), name, pool)
        ctx.report("MP101", effect.node, f"the InterpreterPoolExecutor {_role(name)} `{definition.name}` reads {shown}, so "
                   "it is pickled by name; the subinterpreter runs this unguarded script again as `<fake __main__>`, "
                   f"whose pool fails before `{definition.name}` can be found: {error}", ALL_METHODS, error=error)


def _owner(ctx, definition) -> str:
    node = ctx.parents.get(definition)
    while node is not None and not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        node = ctx.parents.get(node)
    return node.name if node is not None else None


def _free_names(ctx, definition) -> list[str]:
    """Names the function reads that are neither its own (parameters and assignments anywhere inside it,
    nested scopes included: an over-approximation of stateless, so never a false report) nor builtins."""
    own, reads = set(), []
    for node in nodes_in(definition):
        if isinstance(node, ast.arg):
            own.add(node.arg)
        elif isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            own.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node is not definition:
            own.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            own.update((a.asname or a.name).split(".")[0] for a in node.names)
    # A function's own name is not added: a recursive function reads it as a global (or a closure variable)
    for node in nodes_in(definition):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id not in own \
                and node.id not in BUILTINS and node.id not in reads:
            reads.append(node.id)
    return reads


def _arguments(ctx, effect, name: str, crossing, pool=None) -> None:
    for expr, value in crossing:
        problem = ctx.pickler.object_problem(value, pool_task=True)
        if problem is not None and problem.kind == "unpicklable":
            error = _broken(f"concurrent.interpreters.NotShareableError: ({problem.what}, ...) does not support "
                            f"cross-interpreter data ({problem.error})", name, pool)
            what = "`initargs` of the initializer" if name == INITIALIZER else f"`{name}` task"
            ctx.report("MP203", effect.node, f"{what} (InterpreterPoolExecutor: pickled into a subinterpreter) "
                       f"arguments contain {problem.what}, which is neither shareable nor picklable: {error}",
                       ALL_METHODS, error=error)
            return


def _results(ctx, definition) -> None:
    info = ctx.facts.functions.get(definition)
    if info is None:
        return
    for value, node in info.returns:
        problem = ctx.pickler.object_problem(value, pool_task=False)
        if problem is not None and problem.kind == "unpicklable":
            error = "concurrent.interpreters.NotShareableError: object does not support cross-interpreter data " \
                    f"({problem.error})"
            ctx.report("MP207", node, f"the InterpreterPoolExecutor task returns {problem.what}, which is neither "
                       f"shareable nor picklable back to the main interpreter: {error}", ALL_METHODS, error=error)
            return
