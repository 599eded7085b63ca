"""MP413 for a Pool task whose own module starts processes when it is imported (parallelbar #4: 2.3.1's
`_worker_queue.py` runs `mp.Manager().Queue()` at import, and `progress_map` maps a function of the package).
A spawn or forkserver Pool worker unpickles each task by importing the task's module; importing it runs the
module's top level again, here in a daemonic process, whose start of a child fails: "daemonic processes are not
allowed to have children", and the pool waits for the lost task. Under fork the worker inherits the imported
module. Only for a module of a package without a main guard (an importer's module, not a script: a script is
re-imported while its spawned children bootstrap, which fails first, MP101)."""
from __future__ import annotations

import ast

from mpguard.rules.guard import BOOTSTRAP, DAEMONIC, imported_module
from mpguard.semantic import values as V
from mpguard.semantic.param_guards import main_process_only

def _not_fork(method: str) -> bool:
    return method != "fork"  # (a forked worker inherits the module: nothing is imported)




def importing_starts(ctx) -> tuple | None:
    """(path or None, line, text) of the first process, pool or manager that importing this module starts: its
    own top level's (outside a main guard, not a fork context's), or a project module's it imports at the top
    (`from .queue_module import QUEUE`, its summary's `starts_processes`); None when none is known."""
    memo = ctx.memo
    if "importing starts" in memo:
        return memo["importing starts"]
    found = []
    lines = ctx.source.text.splitlines()
    starting = [c.node for c in ctx.facts.creations
                if c.where.at_import and not c.where.guarded and c.kind in ("Pool", "Manager") and c.method != "fork"
                and c.starts]
    starting += [s.node for s in ctx.facts.starts
                 if s.where.at_import and not s.where.guarded and s.obj.kind != "Thread" and s.obj.method != "fork"]
    for node in starting:  # (a worker is never named MainProcess: a start only such a process makes is not its)
        if not main_process_only(node, ctx.parents):
            found.append((None, node.lineno, lines[node.lineno - 1].strip()))
    if not found and ctx.resolver is not None:
        for effect in ctx.facts.effects_of("import"):
            if not effect.where.at_import or effect.where.guarded or effect.where.function is not None:
                continue
            for module in _modules(ctx, effect.node):
                summary = ctx.resolver.module_summary(module)
                if summary is not None and summary.starts_processes:
                    line, text = summary.starts_processes[0]
                    found.append((summary.path, line, text))
                    break
    memo["importing starts"] = found = min(found, key=lambda f: (f[0] is not None, f[1]), default=None)
    return found


def _modules(ctx, node) -> list[str]:
    """The project modules an import statement imports (a relative one from this module's package)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if not isinstance(node, ast.ImportFrom):
        return []
    module = node.module or ""
    if node.level:
        package = getattr(ctx.imports, "package", None)
        if not package:
            return []
        parts = package.split(".")
        parts = parts[: len(parts) - (node.level - 1)] if node.level > 1 else parts
        module = ".".join(p for p in (*parts, module) if p)
    return [m for m in (module, *(f"{module}.{a.name}" for a in node.names)) if m]


def task_module_starts(ctx, reported: set) -> None:
    """MP413 at each submit of a task of this module to a daemonic Pool that is not a fork one, when importing
    this module starts processes."""
    if not imported_module(ctx):
        return
    for submit in ctx.facts.submits:
        func = submit.func
        if id(submit.node) in reported or not V.daemonic_pool(submit.pool) or type(func) is not V.Callable \
                or func.kind != "module" or func.definition not in ctx.tree.body:
            continue
        methods = ctx.breaks(submit.pool.method, _not_fork, submit.pool.elsewhere)
        starts = importing_starts(ctx) if methods else None
        if starts is None:
            continue
        path, line, text = starts
        place = f"line {line}" if path is None else f"{path.replace(chr(92), '/').rsplit('/', 1)[-1]}:{line}"
        reported.add(id(submit.node))
        ctx.report("MP413", submit.node, f"a spawn or forkserver Pool worker imports this module to unpickle the "
                   f"task {func.name}(), and importing it starts a process ({place}: {text}) in that daemonic "
                   f"worker: {DAEMONIC} (where the main module imports this one at its top, the worker's "
                   f"bootstrapping re-import fails first: {BOOTSTRAP.rstrip('.')})", methods, error=DAEMONIC)
