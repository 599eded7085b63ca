"""Process subclasses of a project module, for the modules that import them (`linter.summaries`): which
constructor arguments the object keeps in `self`.

Under spawn and forkserver, `start()` pickles the Process object itself, with everything its `__init__`
stored: `BaseWorker(config, results)` that keeps `self.config = config` sends the config (moggie #14:
an AppConfig holding an RLock). The object is made and started in the importing module, so the summary
names the parameters kept (sinks of role "process-state", keyed by the class name, the subclasses
inheriting their base's `__init__` included); the importing module's rule judges what its construction
call passed (rules/imported_process).
"""
from __future__ import annotations

import ast

from mpguard.resolve.project import Sink
from mpguard.semantic.names import api_kind
from mpguard.rules.imported_process import forwarded_parameters, kept_parameters, process_first_base

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


def process_state_sinks(ctx, tree: ast.Module) -> dict:
    """class name -> [Sink]: the parameters of its (inherited) __init__ it stores in `self`."""
    out: dict = {}
    for cls in tree.body:
        if not isinstance(cls, ast.ClassDef):
            continue
        lineage = [c for c in ctx.facts.lineage(cls) if isinstance(c, ast.ClassDef)]
        if not any((api_kind(ctx.imports.qualify(base)) or "").startswith("Process") for c in lineage for base in c.bases):
            continue
        if any(isinstance(f, FUNCS) and f.name in ("__getstate__", "__reduce__", "__reduce_ex__")
               for c in lineage for f in c.body):
            continue  # the class decides what is pickled
        init = init_in_lineage(lineage)
        if init is None:
            continue
        owner = next(c for c in lineage if init in c.body)
        for param, line in (*kept_parameters(init), *forwarded_parameters(init, process_first_base(ctx.imports.qualify, owner))):
            out.setdefault(cls.name, []).append(Sink(param, "positional", "process-state", None, line))
    return out


def init_in_lineage(lineage) -> ast.FunctionDef | None:
    return next((f for c in lineage for f in c.body if isinstance(f, FUNCS) and f.name == "__init__"), None)
