"""MP304: os.environ changed by the parent after a process has started. Under forkserver the later children are
forked from the server, which was started with the environment of that moment and keeps it (a credential removed
afterwards still reaches them; asv #1356's shape, ouroboros #677). The changes at the module's top, in one function
between two starts, and through calls of helpers between two calls that start processes (reported at the call and at
each write of the helper: deadpool PR #234)."""
from __future__ import annotations


def _spawn_points(ctx):
    """Parent-side places (same scope as the main block) where processes start."""
    points = [(s.where.order, s) for s in ctx.facts.starts if s.obj.kind != "Thread" and s.where.function is None]
    for value, call, where in ctx.facts.module_calls:
        if any(d in ctx.spawning_functions for d in ctx.definitions_of(value)):
            points.append((where.order, call))
    return points


def check(ctx) -> None:
    changes = [e for e in (*ctx.facts.effects_of("environ-write"), *ctx.facts.effects_of("putenv"))]
    if not changes:
        return
    module_changes = [e for e in changes if e.where.function is None]
    first_spawn = min((order for order, _ in _spawn_points(ctx)), default=None) if module_changes else None
    message = ("os.environ is changed after a process has started; under forkserver later children are forked "
               "from a server that kept the old environment")
    for effect in module_changes:
        if first_spawn is not None and first_spawn < effect.where.order:
            ctx.report("MP304", effect.node, message, ctx.breaks(None, lambda m: m == "forkserver"))
    # Inside a function the parent runs: a process started before the change and another after it,
    # unless the children set os.environ themselves (an initializer handed the environment).
    if any(e.where.function in ctx.child_functions for e in changes):
        return
    starts = starts_by_function(ctx)
    for effect in changes:
        function = effect.where.function
        if function is None or not ctx.in_parent(effect.where) or ctx.runs_in_child(effect.where):
            continue
        orders = starts.get(function, ())
        after = any(o > effect.where.order for o in orders)
        if after and (any(o < effect.where.order for o in orders) or _started_before_every_call(ctx, function, starts)):
            ctx.report("MP304", effect.node, message, ctx.breaks(None, lambda m: m == "forkserver"))
    _environment_through_calls(ctx, changes, starts)


def _started_before_every_call(ctx, function, starts) -> bool:
    """Is `function` (which changes os.environ, then starts a process) only called after its caller started one:
    itself, or by an earlier call of a function that starts one directly (`pool.warmup()` then `pool.benchmark()`,
    whose loop sets CUDA_VISIBLE_DEVICES before each start: PyTorch #109500)? The forkserver is running by then."""
    sites = ctx.facts.call_sites.get(function, ())
    if not sites:
        return False
    for site in sites:
        if site.where is None:
            return False
        caller = site.where.function
        if caller is not None and caller not in ctx.parent_functions:
            return False
        calls = ctx.facts.module_calls if caller is None else ctx.facts.functions[caller].calls \
            if caller in ctx.facts.functions else ()
        earlier = any(o < site.where.order for o in starts.get(caller, ())) or any(
            where.order < site.where.order and call is not site.call and not where.loop
            and any(starts.get(d) for d in ctx.definitions_of(value))
            for value, call, where in calls)
        if not earlier:
            return False
    return True


def _environment_through_calls(ctx, changes, starts) -> None:
    """The same through calls, one level: a parent function calls a helper that starts a process, then one that
    changes os.environ, then one that starts another (`sup.spawn_worker(k)`, `sup.apply_settings({k: None})`,
    `sup.spawn_worker(k)`: ouroboros #677). Reported at the call that changes it, and at the helper's writes."""
    writes: dict = {}  # function -> its own changes of os.environ
    for effect in changes:
        if effect.where.function is not None:
            writes.setdefault(effect.where.function, []).append(effect)
    writers = set(writes)
    spawning = ctx.spawning_functions
    reported = set()
    scopes = [(f, info.calls) for f, info in ctx.facts.functions.items()
              if f in ctx.parent_functions and f not in ctx.child_functions]
    for function, calls in [*scopes, (None, ctx.facts.module_calls)]:  # (None: the module's own code, the main block)
        events = [(order, "start", None) for order in starts.get(function, ())]
        for value, call, where in calls:
            if where.loop or function is None and not ctx.in_parent(where):
                continue  # (a loop's turns interleave: which comes first is not known here)
            definitions = ctx.definitions_of(value)
            if any(d in writers for d in definitions):
                events.append((where.order, "change", (call, [e for d in definitions for e in writes.get(d, ())])))
            elif any(d in spawning for d in definitions):
                events.append((where.order, "start", None))
        events.sort(key=lambda event: event[0])
        for index, (_order, kind, change) in enumerate(events):
            if kind != "change":
                continue
            call, made = change
            if id(call) not in reported and any(k == "start" for _o, k, _c in events[:index]) \
                    and any(k == "start" for _o, k, _c in events[index + 1:]):
                reported.add(id(call))
                ctx.report("MP304", call, "os.environ is changed by this call after a process has started; under "
                           "forkserver later children are forked from a server that kept the old environment",
                           ctx.breaks(None, lambda m: m == "forkserver"))
                _at_the_writes(ctx, call, made, reported)


def _at_the_writes(ctx, call, made, reported) -> None:
    """The writes the called helper makes are where the environment changes (and what a fix moves before the first
    start): each is reported too, once, with the call that runs it after a process started as related."""
    for effect in made:
        if id(effect.node) in reported or any(f.code == "MP304" and f.start.row == effect.node.lineno
                                              for f in ctx.findings):
            continue
        reported.add(id(effect.node))
        ctx.report("MP304", effect.node, f"os.environ is changed here when line {call.lineno} calls this after a "
                   "process has started; under forkserver later children are forked from a server that kept the "
                   "old environment", ctx.breaks(None, lambda m: m == "forkserver"),
                   related=((call, "called here, after a process started"),))


def starts_by_function(ctx, method: str = "forkserver", kinds=("Pool", "Executor", "Manager")) -> dict:
    """function -> the source order of each process, pool or manager it starts with the default method or
    `method` (forkserver: the first of them starts the forkserver; fork: each forks the parent as it is)."""
    out: dict = {}
    for creation in ctx.facts.creations:
        if creation.kind in kinds and creation.method in (None, method):
            out.setdefault(creation.where.function, []).append(creation.where.order)
    for start in ctx.facts.starts:
        if start.obj.kind == "Process" and start.obj.method in (None, method):
            out.setdefault(start.where.function, []).append(start.where.order)
    return out

