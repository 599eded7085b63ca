"""MP302 for a pool task read off a module the parent built from a file at run time (Arelle #961: plugins
loaded with `importlib.util.spec_from_file_location` + `module_from_spec`, their `validate` function mapped
by a ProcessPoolExecutor).

The task pickles by reference, as its module's name and its qualified name (semantic/runtime_modules.py).
A forked worker inherits the parent's `sys.modules` and finds the module; a worker that starts a fresh
interpreter (spawn, forkserver) imports the name from its own `sys.path` and fails (ModuleNotFoundError while
unpickling the task: a ProcessPoolExecutor breaks, a Pool loses the task). A pool with an initializer is left
alone: the initializer may load the same modules in each worker before any task arrives (the PR's fix)."""
from __future__ import annotations

from mpguard.semantic.platforms import REIMPORTING


def runtime_task(ctx, submit, problem, role: str) -> None:
    """Report `problem` (a RUNTIME_MEMBER problem of the task of `submit`) for the methods that re-import."""
    creation = getattr(submit.pool, "creation", None)
    if submit.pool.serializer != "pickle" or creation is None or creation.initializer is not None:
        return
    methods = ctx.breaks(submit.pool.method, lambda m: m in REIMPORTING, submit.pool.elsewhere)
    ctx.report("MP302", submit.node, f"{role} is {problem.what}; a child that re-imports (spawn, forkserver) "
               f"looks the module up by name on its own sys.path and cannot unpickle the task: {problem.error}",
               methods, error=problem.error)
