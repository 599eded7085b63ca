"""MP423: a Process, Pool or ProcessPoolExecutor of the default context forked while other threads run.

The fix gives that one spawner a spawn context: `multiprocessing.Process(...)` and `Pool(...)` become
`multiprocessing.get_context("spawn").Process(...)` / `.Pool(...)`, and `ProcessPoolExecutor(...)` gets
`mp_context=multiprocessing.get_context("spawn")`. A spawned child starts a fresh interpreter: it holds nothing the
parent's threads held. This is what the program already does on Windows, on macOS and (forkserver) on 3.14's Linux,
so it is offered only when the analysis found nothing in the module that breaks under spawn (the rules of the
pickling, guard and state families run before MP423's): the target, tasks and arguments pickle, the module is
guarded, no global the parent sets is read by a child. UNSAFE: the child no longer inherits the parent's memory
(state set at run time in another module, open descriptors), and it starts slower.

A Queue, Lock or other object of multiprocessing the spawner is handed (in its arguments, or kept by an object
there: qubes #72's worker holding the result Queue) must come from the spawn context too: one made from the default
(fork) context cannot be shared with a spawned child (3.12+ refuses it: "A SemLock created in a fork context is
being shared with a process in a spawn context"). When each such object is made in this module by a call of
multiprocessing's own (`multiprocessing.Queue()`), that call gets the same spawn context in the same fix; a
spawn-context object also works in a forked child, which inherits it unpickled. A parameter is followed to what
this module's callers pass (czid61: the flow's Queue handed down to the step that starts the Process) only in a
module outside a package (a script: no other module calls its functions), and only when that finds a Queue this
module made: parameters its callers give none (`main(stop_queue=None)`) may get one from a caller it does not see.

No fix for a spawner of an explicit context (the program chose fork), of a library, a Process subclass, a Pool
given a `context`, a call with `*args`/`**kwargs`, or a spawner handed a multiprocessing object made elsewhere or
whose origin is not known.
"""
from __future__ import annotations

import ast

from mpguard.text.findings import Applicability, Edit, Fix
from mpguard.fixes import _text as T
from mpguard.semantic.values import MPObject, Param, Union

SPAWNERS = {"multiprocessing.Process": "Process", "multiprocessing.Pool": "Pool",
            "multiprocessing.pool.Pool": "Pool", "concurrent.futures.ProcessPoolExecutor": "Executor",
            "concurrent.futures.process.ProcessPoolExecutor": "Executor"}
SPAWN_DEFAULT_PLATFORMS = frozenset({"windows", "macos"})


def _spawn_context(ctx, obj):
    creation = getattr(obj, "creation", None)
    if creation is None or obj.method is not None or obj.elsewhere or obj.boundary is not None \
            or getattr(obj, "subclass", None) is not None or getattr(obj, "own_workers", False):
        raise T.CannotFix("not a spawner of the default context made here")
    call = creation.node
    if not isinstance(call, ast.Call) or ctx.parents.get(call) is None:
        raise T.CannotFix("not a call of this module")
    kind = SPAWNERS.get(ctx.imports.qualify(call.func) or "")
    if kind is None:
        raise T.CannotFix("not multiprocessing's own Process, Pool or ProcessPoolExecutor")
    if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
        raise T.CannotFix("*args or **kwargs")
    if any(k.arg in ("context", "mp_context") for k in call.keywords) \
            or (kind == "Pool" and len(call.args) >= 5) or (kind == "Executor" and len(call.args) >= 2):
        raise T.CannotFix("a context is given")
    syncs = _handed_syncs(ctx, [v for _e, v in [*creation.args, *creation.initargs]])
    if syncs is None:
        raise T.CannotFix("a multiprocessing object of the default context may be handed to the child")
    if _breaks_under_spawn(ctx):
        raise T.CannotFix("the module has a hazard of spawn")
    mp, import_edit = T.need_module(ctx, "multiprocessing")
    context = f'{mp}.get_context("spawn")'
    sync_edits = [Edit(ctx.source.node_start(c.func), ctx.source.node_end(c.func), f"{context}.{name}")
                  for c, name in syncs]
    if kind == "Executor":
        last = max([*call.args, *(k.value for k in call.keywords)], key=lambda n: (n.end_lineno, n.end_col_offset),
                   default=None)
        if last is None:
            edit = Edit(ctx.source.node_end(call.func), ctx.source.node_end(call), f"(mp_context={context})")
        else:
            pos = ctx.source.node_end(last)
            edit = Edit(pos, pos, f", mp_context={context}")
        what = "Give the ProcessPoolExecutor a spawn context"
    else:
        edit = Edit(ctx.source.node_start(call.func), ctx.source.node_end(call.func), f"{context}.{kind}")
        what = f"Make the {kind} from a spawn context"
    if syncs:
        names = ", ".join(dict.fromkeys(f"`{name}`" for _c, name in syncs))
        what += f", and the {names} it is handed from the same context"
    return Fix(f"{what}: its children start a fresh interpreter and hold nothing the running threads held (unsafe: "
               "they no longer inherit the parent's memory, as on Windows and macOS)", Applicability.UNSAFE,
               T.merge_edits([import_edit, *sync_edits, edit]))


# multiprocessing's own factories of objects tied to the context they are made in (a SemLock inside)
CONTEXT_SYNCS = frozenset({"Queue", "JoinableQueue", "SimpleQueue", "Lock", "RLock", "Semaphore", "BoundedSemaphore",
                           "Condition", "Event", "Barrier", "Value", "Array"})
MAX_SYNCS = 8


def _handed_syncs(ctx, values) -> list | None:
    """[(call, factory name)]: the calls of this module that make the multiprocessing objects handed to the child
    with `values` (`multiprocessing.Queue()`); [] when there are none; None when one may be made elsewhere, by a
    context, or cannot be told. A parameter is replaced by what this module's callers pass, in a module outside a
    package only (another module may call a package module's function with its own Queue)."""
    found: dict = {}
    any_followed = False
    for value in values:
        followed = _has_param(value)
        any_followed = any_followed or followed
        if followed:
            if getattr(ctx.imports, "package", None):
                return None
            value = ctx.flow.resolve(value)
        options = value.options if isinstance(value, Union) else (value,)
        syncs = []
        for option in options:
            if option is None or isinstance(option, Param):
                return None
            syncs += [option] if isinstance(option, MPObject) and option.kind in CONTEXT_SYNCS \
                else ctx.pickler.held_syncs(option)
        for sync in syncs:
            made = _made_here(ctx, sync)
            if made is None:
                return None
            found[id(made[0])] = made
    if any_followed and not found:
        # parameters that this module's callers give no Queue: a caller the module does not see may (`main(stop_queue)`
        # called by an importer); followed only when they hand on a Queue this module's caller made
        return None
    return list(found.values()) if len(found) <= MAX_SYNCS else None


def _has_param(value) -> bool:
    options = value.options if isinstance(value, Union) else (value,)
    return any(isinstance(o, Param) for o in options)


def _made_here(ctx, sync):
    """(call, factory name) when `sync` is made in this module by a call of multiprocessing's own default
    context (`multiprocessing.Queue()`, `from multiprocessing import Lock; Lock()`), else None."""
    call = sync.node
    if not isinstance(sync, MPObject) or sync.method is not None or sync.elsewhere or sync.boundary is not None \
            or not isinstance(call, ast.Call) or ctx.parents.get(call) is None:
        return None
    module, _, name = (ctx.imports.qualify(call.func) or "").rpartition(".")
    if module != "multiprocessing" or name not in CONTEXT_SYNCS:
        return None
    return call, name


def _breaks_under_spawn(ctx) -> bool:
    """Does a finding reported so far bite under spawn (or on the platforms whose default it is)?"""
    for finding in ctx.findings:
        if finding.code == "MP423":
            continue
        if "spawn" in finding.start_methods or finding.extra_platforms & SPAWN_DEFAULT_PLATFORMS \
                or any(m == "spawn" for m, _since in finding.later_methods):
            return True
    return False


spawn_context_fix = T.fix_builder(_spawn_context)
