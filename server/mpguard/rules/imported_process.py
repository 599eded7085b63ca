"""MP203 for a Process subclass of another project module, started here: under spawn and forkserver
`start()` pickles the object with what its `__init__` kept of the arguments given here.

The class's module summary names the constructor parameters its (inherited) `__init__` stores in `self`
(sinks of role "process-state": `linter/process_classes`); the walker remembers which object a method
call of another module's class is made on (`facts.receivers`), so a `worker.start()` finds the call that
built `worker` and what it passed. Reported at the `start()`, where the object crosses into the child
(as for a Process subclass of the checked module).
"""
from __future__ import annotations

import ast

from mpguard.resolve.project import function_summary
from mpguard.semantic import values as V
from mpguard.semantic.flow import CallSite, bind_argument
from mpguard.semantic.names import api_kind
from mpguard.semantic.dataclass_init import generated_init
from mpguard.fixes.lift import callable_fix, move_above_guard_fix
from mpguard.rules.started_processes import started_problem
from mpguard.text.findings import RelatedFile

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
MAX_BASES = 12
# what a kept argument may hold that pickle refuses -> the code: an object (MP203), or a lambda, a nested
# function or a local class that pickle cannot find by name (MP201: spacetime's `Node(get_app(config))`), or
# an instance of a class defined under the main guard, which a spawned child's __mp_main__ lacks (MP202:
# pymeasure #12, a Procedure subclass under the guard kept by the Worker process)
KEPT_KINDS = {"unpicklable": "MP203", "state": "MP203", "lambda": "MP201", "local": "MP201", "guard": "MP202"}


def imported_process_state(ctx, not_fork) -> None:
    receivers = ctx.facts.receivers
    if not receivers:
        return
    built = {id(call): (call, args, kwargs, where) for call, _q, args, kwargs, where in ctx.facts.project_calls}
    for call, qualified, _args, _kwargs, _where in ctx.facts.project_calls:
        if not qualified.endswith(".start"):
            continue
        instance = receivers.get((id(call), qualified))
        made = built.get(id(instance.node)) if type(instance) is V.Returned else None
        if made is None:
            continue
        summary, name = function_summary(ctx.resolver, instance.qualified)
        sinks = [s for s in summary.sinks.get(name, ()) if s.role == "process-state"] if summary is not None else []
        init = inherited_init(summary, name) if sinks else None
        if init is None:
            continue
        site = CallSite(made[0], made[1], made[2], True, made[3])
        for sink in sinks:
            value = bind_argument(init, site, V.Param(made[0], init, sink.param, sink.kind), ctx.flow.resolve)
            problem = ctx.pickler.object_problem(value, pool_task=False) \
                or started_problem(ctx, value, call, _where)
            if problem is None or problem.kind not in KEPT_KINDS:
                continue
            module = instance.qualified.rpartition(".")[0]
            ctx.report(KEPT_KINDS[problem.kind], call, f"`{name}` (from {module}) is a Process subclass that keeps its argument "
                       f"`{sink.param}` in `self` (line {sink.line}), and the object is pickled by start() under "
                       f"spawn and forkserver: `{sink.param}` holds {problem.what}{_unpickled(problem)}: {problem.error}",
                       ctx.breaks(None, not_fork), error=problem.error,
                       fix=_kept_fix(ctx, problem),
                       related=((made[0], f"`{sink.param}` is passed here"),),
                       related_file=RelatedFile(summary.path, sink.line, f"`{name}` keeps `{sink.param}` here"))
            break


def kept_parameters(init) -> list:
    """[(parameter, line)]: the parameters of an __init__ it stores in `self` (`self.config = config`)."""
    params = {a.arg for a in (*init.args.args[1:], *init.args.kwonlyargs)}
    out = []
    for node in ast.walk(init):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Name) and node.value.id in params \
                and any(isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id == "self"
                        for t in node.targets):
            out.append((node.value.id, node.lineno))
    return out


# what multiprocessing.Process.__init__ keeps in `self` (_target, _args, _kwargs) of what it is given by keyword
PROCESS_KEPT = ("target", "args", "kwargs")


def forwarded_parameters(init, process_base: bool) -> list:
    """[(argument, line)]: what an __init__ hands on to `multiprocessing.Process.__init__`, which keeps it in `self`
    (`super().__init__(*args, **kwargs)`: the caller's `target=`, `args=`, `kwargs=`; `super().__init__(target=fn)`:
    the parameter `fn`). `process_base`: the class defining `init` has a Process class as its first base (so its
    `super().__init__` is Process's). A name the __init__ rebinds is not followed."""
    if not process_base:
        return []
    args = init.args
    named = {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)}
    rebound = {n.id for n in ast.walk(init) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)}
    out = []
    for node in ast.walk(init):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "__init__"
                and isinstance(node.func.value, ast.Call) and isinstance(node.func.value.func, ast.Name)
                and node.func.value.func.id == "super"):
            continue
        for keyword in node.keywords:
            if keyword.arg in PROCESS_KEPT and isinstance(keyword.value, ast.Name) and keyword.value.id in named \
                    and keyword.value.id not in rebound:
                out.append((keyword.value.id, node.lineno))
            elif keyword.arg is None and args.kwarg is not None and isinstance(keyword.value, ast.Name) \
                    and keyword.value.id == args.kwarg.arg and keyword.value.id not in rebound:
                out.extend((name, node.lineno) for name in PROCESS_KEPT if name not in named)
    return out


def process_first_base(ctx_qualify, cls) -> bool:
    """Is the first base of `cls` a multiprocessing Process class (its `super()` being Process)?"""
    return bool(cls.bases) and (api_kind(ctx_qualify(cls.bases[0])) or "").startswith("Process")


CUSTOM = ("__getstate__", "__reduce__", "__reduce_ex__")


def local_process_state(ctx, not_fork, reported: set) -> None:
    """The same for a Process subclass of the checked module: what the call that built the object passed
    for the parameters its (inherited) __init__ keeps, judged at start()."""
    for start in ctx.facts.starts:
        cls = start.obj.subclass if start.obj.kind == "Process" else None
        if cls is None or id(start.node) in reported:
            continue
        lineage = [c for c in ctx.facts.lineage(cls) if isinstance(c, ast.ClassDef)]
        if any(isinstance(f, FUNCS) and f.name in CUSTOM for c in lineage for f in c.body):
            continue
        init = next((f for c in lineage for f in c.body if isinstance(f, FUNCS) and f.name == "__init__"), None)
        site = next((s for s in ctx.facts.call_sites.get(init, ()) if s.call is start.obj.node), None) \
            if init is not None else None
        if site is None:
            continue
        owner = next(c for c in lineage if init in c.body)
        for param, line in (*kept_parameters(init), *forwarded_parameters(init, process_first_base(ctx.imports.qualify, owner))):
            value = bind_argument(init, site, V.Param(site.call, init, param, "positional"), ctx.flow.resolve)
            problem = ctx.pickler.object_problem(value, pool_task=False) \
                or started_problem(ctx, value, start.node, start.where)
            if problem is None or problem.kind not in KEPT_KINDS:
                continue
            ctx.report(KEPT_KINDS[problem.kind], start.node, f"`{cls.name}` is a Process subclass that keeps its argument `{param}` "
                       f"in `self` (line {line}), and the object is pickled by start() under spawn and forkserver: "
                       f"`{param}` holds {problem.what}{_unpickled(problem)}: {problem.error}",
                       ctx.breaks(start.obj.method, not_fork, start.obj.elsewhere), error=problem.error,
                       fix=_kept_fix(ctx, problem),
                       related=((site.call, f"`{param}` is passed here"),))
            break


def _kept_fix(ctx, problem):
    """The fix of what the object keeps: a definition under the guard moves above it; a lambda or a nested
    function or class is lifted to module level (as for a target given to Process itself: the object keeps the
    same callable, now found by name), in its own module's file when another project module defines it
    (fixes/other_module)."""
    if problem.kind == "guard":
        return move_above_guard_fix(ctx, problem.definition)
    if problem.kind in ("lambda", "local") and (problem.definition is not None or problem.origin is not None):
        return callable_fix(ctx, problem, None)
    return None


def _unpickled(problem) -> str:
    """What goes wrong, when it is not pickling but the child's unpickling by name."""
    return "; a spawned child re-imports the main module as __mp_main__ without running that block" \
        if problem.kind == "guard" else ""


def inherited_init(summary, name: str):
    """The __init__ a class of the summary's module runs: its own, or its nearest base's there."""
    cls = summary.definitions.get(name)
    for _ in range(MAX_BASES):
        if not isinstance(cls, ast.ClassDef):
            return None
        init = next((f for f in cls.body if isinstance(f, FUNCS) and f.name == "__init__"), None) \
            or generated_init(cls)  # (a dataclass's: semantic/dataclass_init)
        if init is not None:
            return init
        base = cls.bases[0] if cls.bases else None
        cls = summary.definitions.get(base.id) if isinstance(base, ast.Name) else None
    return None
