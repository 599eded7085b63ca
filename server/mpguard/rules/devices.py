"""MP422: CUDA initialised in the parent before a fork whose child uses CUDA.

torch marks a process forked after CUDA was initialised as a bad fork (a pthread_atfork handler set when
the runtime comes up); the child's first CUDA call then raises `RuntimeError: Cannot re-initialize CUDA
in forked subprocess. To use CUDA with multiprocessing, you must use the 'spawn' start method`. Which
calls initialise the runtime is catalog data (`device_init` in data/boundaries.json, recorded by
semantic/devices.py).

Said only when all three are known:
- a fork: a Process started, a Pool made, a ProcessPoolExecutor's first task, a torch DataLoader with
  workers (`num_workers > 0`), `torch.multiprocessing.start_processes(..., start_method="fork")`, or a
  Lightning Trainer's fit/validate/test/predict under a fork strategy ("ddp_fork", "ddp_notebook"),
  under a start method that is fork (explicit, or Linux's default up to 3.13);
- the parent initialised CUDA on a path before it: earlier in the same function (not in another branch
  of an if/try), in a function of this module called earlier there, or before the call of the forking
  function in its caller (three callers up);
- the child uses CUDA: the target, the tasks, the initializer, the DataLoader's dataset methods
  (`__getitem__`, `__getitems__`, `__iter__`), `collate_fn` or `worker_init_fn`, or what they call; a
  Lightning Trainer made with `accelerator="gpu"`/`"cuda"` (its children train on the GPU).
`torch.cuda.is_available()` and `device_count()` are not initialisation (the catalog's
`not_initialising`), and a device the code does not spell out is not followed.
"""
from __future__ import annotations

import ast

from mpguard.rules.registry import Rule, register
from mpguard.semantic import values as V
from mpguard.semantic.device_classes import FACT as DATASET_FACT, dataset_classes
from mpguard.semantic.flow import bind_argument

ERROR = ("RuntimeError: Cannot re-initialize CUDA in forked subprocess. To use CUDA with multiprocessing, "
         "you must use the 'spawn' start method")

CUDA_BEFORE_FORK = register(Rule(
    "MP422", "cuda-initialised-before-fork",
    "CUDA is initialised in the parent before a fork whose child uses CUDA",
    frozenset({"fork"}),
    {"fork": ERROR},
    severity="error",
    fix_title="Start the children with spawn or forkserver (`multiprocessing_context=\"spawn\"` for a DataLoader), "
              "or initialise CUDA only in the children",
))

DATASET_METHODS = ("__getitem__", "__getitems__", "__iter__")
SAMPLER_METHODS = ("__iter__",)
MAX_CALLERS = 3


def check(ctx) -> None:
    inits = ctx.facts.effects_of("device-init")
    if not inits:
        return
    by_function: dict = {}
    for effect in inits:
        by_function.setdefault(effect.where.function, []).append(effect)
    reported = set()
    for node, where, method, elsewhere, how, roots, at, again in _forks(ctx):
        if id(node) in reported or ctx.runs_in_child(where):
            continue
        methods = ctx.breaks(method, lambda m: m == "fork", elsewhere)
        if not methods and not getattr(methods, "platforms", None):
            continue
        child = roots if isinstance(roots, tuple) else _child_use(ctx, roots, by_function)
        if child is None:
            continue
        parent = _initialised_before(ctx, at, where, by_function, 0, again)
        if parent is None:
            continue
        reported.add(id(node))
        init, via, loop = parent
        runtime, text = init.detail
        where_text = f"`{text}`, line {init.node.lineno}" if via is None \
            else f"`{text}` (line {init.node.lineno}), run by `{_call_text(via)}` on line {via.lineno}"
        if loop is not True:  # after the fork in the loop's pass, so before the fork of the next pass
            where_text += f", in a pass of the loop on line {loop.lineno} before the next pass forks again"
        name = runtime.get("runtime", "CUDA")
        related = [(init.node, f"{name} initialised in the parent")]
        if isinstance(child, tuple):  # the library's children use the runtime (Lightning on GPUs)
            uses, error = child
        else:
            _runtime, child_text = child.detail
            uses, error = f"`{child_text}`, line {child.node.lineno}", runtime.get("error", ERROR)
            related.append((child.node, f"{name} used in the forked child"))
        ctx.report("MP422", node, f"{name} is initialised in the parent ({where_text}) before {how} forks, and the "
                   f"child uses {name} ({uses}): {error}", methods, error=error, related=tuple(related))


def _forks(ctx):
    """(node, where, explicit method, elsewhere, how, child roots) for every place the parent forks
    children that run code of this module."""
    facts = ctx.facts
    creations = {id(c.value): c for c in facts.creations}
    for start in facts.starts:
        obj = start.obj
        if obj.kind != "Process" or (obj.boundary is not None and obj.boundary.kind != "processes"):
            continue
        creation = creations.get(id(obj))
        if creation is None:
            continue
        roots = _definitions(ctx, creation.target)
        if obj.subclass is not None:
            roots += [f for f in obj.subclass.body if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))
                      and f.name == "run"]
        yield start.node, start.where, obj.method, obj.elsewhere, f"`{_call_text(start.node)}`", roots, start.node, True
    tasks: dict = {}
    for submit in facts.submits:
        tasks.setdefault(id(submit.pool), []).append(submit)
    for creation in facts.creations:
        value = creation.value
        if creation.kind not in ("Pool", "Executor") or value.boundary is not None:
            continue
        submits = tasks.get(id(value), [])
        roots = [d for s in submits for d in _definitions(ctx, s.func)] + _definitions(ctx, creation.initializer)
        if creation.kind == "Pool":
            yield creation.node, creation.where, value.method, value.elsewhere, \
                f"`{_call_text(creation.node)}` (its workers are forked when it is made)", roots, creation.node, True
        elif submits:
            first = submits[0]
            # (later tasks may fork more workers, or none: a loop around them says nothing)
            yield first.node, first.where, value.method, value.elsewhere, \
                "the first task of a ProcessPoolExecutor (its workers are forked then)", roots, first.node, False
    for effect in ctx.facts.effects_of("loader"):
        loader, crossing = effect.detail
        roots = _imported_dataset_use(ctx, crossing) or _loader_roots(ctx, crossing)
        persistent = _persistent(effect.node)
        iterated = _last_iteration(ctx, effect.node, effect.where, persistent)
        if iterated is None:  # `return DataLoader(...)`: iterated where the helper's result goes
            uses = _returned_uses(ctx, effect.node, effect.where, persistent)
            for site, use in uses:
                roots = _imported_dataset_use(ctx, crossing, site) or _loader_roots(ctx, crossing, site)
                yield effect.node, site.where, loader.method, None, \
                    f"`{_call_text(effect.node)}` (returned by `{_call_text(site.call)}`, line {site.call.lineno}; " \
                    f"its workers are forked when it is iterated, line {use.lineno})", roots, use, not persistent
            if uses:
                continue
        when = "iterated" if iterated is None else f"iterated, line {iterated.lineno}"
        yield effect.node, effect.where, loader.method, None, \
            f"`{_call_text(effect.node)}` (its workers are forked when it is {when})", roots, iterated or effect.node, \
            not persistent
    for effect in ctx.facts.effects_of("library-fork"):
        used = _library_children_use(effect.detail)
        if used is not None:
            yield effect.node, effect.where, "fork", None, f"`{_call_text(effect.node)}` ({effect.detail.boundary.library}'s " \
                "fork strategy)", used, effect.node, True


def _loader_roots(ctx, crossing, site=None) -> list:
    """The functions a DataLoader's workers run: the dataset's and sampler's methods, collate_fn and
    worker_init_fn. `site`: the call of the helper that made the loader, whose arguments its parameters
    hold (each caller's own dataset, not every caller's)."""
    roots = []
    for name, _expr, value in crossing:
        if site is not None and type(value) is V.Param:
            value = bind_argument(value.function, site, value, ctx.flow.resolve)
        if name == "dataset":
            roots += _methods_of(ctx, value, DATASET_METHODS)
        elif name in ("sampler", "batch_sampler"):
            roots += _methods_of(ctx, value, SAMPLER_METHODS)
        else:
            roots += _definitions(ctx, value)
    return roots


def _imported_dataset_use(ctx, crossing, site=None):
    """(what, error) when the loader's dataset is an instance of a class of another project module whose
    dataset methods use CUDA (semantic/device_classes.py, a fact of that module), else None."""
    module_fact = getattr(ctx.resolver, "module_fact", None)
    if module_fact is None:
        return None
    for name, _expr, value in crossing:
        if name != "dataset":
            continue
        if site is not None and type(value) is V.Param:
            value = bind_argument(value.function, site, value, ctx.flow.resolve)
        if type(value) in (V.Param, V.CallResult):
            value = ctx.flow.resolve(value)
        if type(value) is not V.Returned or "." not in value.qualified:
            continue
        module, _, cls = value.qualified.rpartition(".")
        found = (module_fact(module, DATASET_FACT, dataset_classes, {}) or {}).get(cls)
        if found:
            method, line, text = found
            return f"`{text}`, line {line} of {module}, run by `{cls}.{method}`", ERROR
    return None


def _persistent(loader) -> bool:
    """`persistent_workers=True`: the workers are forked at the first iteration only."""
    return any(k.arg == "persistent_workers" and isinstance(k.value, ast.Constant) and k.value.value is True
               for k in getattr(loader, "keywords", ()))


def _returned_uses(ctx, made, where, persistent) -> list:
    """[(call site, iteration)] for a loader a function returns (`return DataLoader(...)`, or a name bound
    to it and returned): where each caller iterates what the call gave it (`loader = make_loader(ds)` then
    `for batch in loader:`, or `for batch in make_loader(ds):`). Only when every return of the function
    returns this loader (a helper that may return something else is not followed)."""
    function = where.function
    if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return []
    parent = ctx.parents.get(made)
    name = parent.targets[0].id if isinstance(parent, ast.Assign) and len(parent.targets) == 1 \
        and isinstance(parent.targets[0], ast.Name) else None
    returns = [n for n in _same_scope(function) if isinstance(n, ast.Return)]
    if not returns or not all(r.value is made or name is not None and isinstance(r.value, ast.Name)
                              and r.value.id == name for r in returns):
        return []
    if name is not None and sum(isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Store)
                                for n in _same_scope(function)) != 1:
        return []  # the name is bound to something else too
    out = []
    for site in ctx.facts.call_sites.get(function, ()):
        use = _last_iteration(ctx, site.call, site.where, persistent)
        if use is None:
            use = _iteration(ctx, site.call)
            if isinstance(use, ast.Call) and isinstance(ctx.parents.get(site.call), ast.Assign):
                use = None
        if use is not None:
            out.append((site, use))
    return out


def _last_iteration(ctx, made, where, persistent=False):
    """The last place after `loader = DataLoader(...)`, in the same scope, where the loader may be iterated:
    torch forks a loader's workers in `iter(loader)` (`_MultiProcessingDataLoaderIter.__init__`), again at
    every epoch unless `persistent_workers=True`, so CUDA initialised between the loader's creation and its
    iteration reaches the workers too. A use is a `for` over it (or over `enumerate(loader)`, `tqdm(loader)`,
    ...) or the loader handed to a call other than `NOT_ITERATING` (assumed to iterate it: that is what a
    loader is for). Returns the `for` or the call (what runs before it ran before the fork), else None; with
    `persistent_workers=True` the first such place (the workers are forked once), else the last."""
    target = ctx.parents.get(made)
    if not isinstance(target, ast.Assign) or len(target.targets) != 1 or not isinstance(target.targets[0], ast.Name):
        return None
    name, scope = target.targets[0].id, where.function if where.function is not None else ctx.tree
    last = None
    for node in _same_scope(scope):
        if not isinstance(node, ast.Name) or node.id != name or not isinstance(node.ctx, ast.Load) \
                or _position(node) <= _position(made):
            continue
        use = _iteration(ctx, node)
        if use is None or _exclusive(ctx, made, use):
            continue
        if last is None or (_position(use) < _position(last) if persistent else _position(use) > _position(last)):
            last = use
    return last


NOT_ITERATING = frozenset({"len", "print", "repr", "str", "isinstance", "type", "id", "hasattr", "getattr",
                           "setattr", "bool", "vars", "dir"})


def _iteration(ctx, name):
    """The `for` (or comprehension) iterating `name`, or the call given it as an argument."""
    child, node = name, ctx.parents.get(name)
    while node is not None and not isinstance(node, (ast.stmt, ast.Lambda)):
        if isinstance(node, ast.comprehension) and child is node.iter:
            return ctx.parents.get(node)
        if isinstance(node, ast.Call) and child is not node.func:
            if isinstance(node.func, ast.Name) and node.func.id in NOT_ITERATING:
                return None
            outer = ctx.parents.get(node)  # for b in tqdm(loader): the loop is the fork point
            while isinstance(outer, (ast.Call, ast.keyword, ast.Starred)):
                outer = ctx.parents.get(outer)
            return outer if isinstance(outer, (ast.For, ast.AsyncFor)) and _holds(outer.iter, node) else node
        child, node = node, ctx.parents.get(node)
    if isinstance(node, (ast.For, ast.AsyncFor)) and child is node.iter:
        return node
    return None


def _holds(tree, node) -> bool:
    return any(n is node for n in ast.walk(tree))


def _same_scope(scope):
    """The nodes of a function (or module) body, not of the functions, lambdas and classes inside it."""
    todo = list(ast.iter_child_nodes(scope))
    while todo:
        node = todo.pop()
        yield node
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            todo.extend(ast.iter_child_nodes(node))


def _library_children_use(trainer):
    """(what, error) when a library's forked children surely use the runtime: a Lightning Trainer made
    with `accelerator="gpu"`/`"cuda"` (or `gpus=N`, before 2.0), as `device_children` in the catalog says."""
    wanted = trainer.boundary.get("device_children", {})
    call = trainer.node
    if not isinstance(call, ast.Call):
        return None
    for keyword in call.keywords:
        value = keyword.value.value if isinstance(keyword.value, ast.Constant) else None
        if keyword.arg == "accelerator" and value in wanted.get("accelerator", ()) \
                or keyword.arg in wanted.get("counts", ()) and isinstance(value, int) and not isinstance(value, bool) \
                and value > 0:
            error = trainer.boundary.get("errors", {}).get("cuda_fork", ERROR)
            return f"`{keyword.arg}={value!r}` given to `{_call_text(call)}`", error
    return None


def _definitions(ctx, value) -> list:
    """What a callable value runs: its function definitions, or the lambda itself."""
    if value is None:
        return []
    definition = getattr(value, "definition", None)
    if isinstance(definition, ast.Lambda):
        return [definition]
    return ctx.definitions_of(value)


def _methods_of(ctx, value, names) -> list:
    """Methods `names` of the class of an instance made in this module (and its bases here), also when the
    instance reaches the call through a parameter (`def make_loader(ds): return DataLoader(ds, ...)`)."""
    if type(value) in (V.Param, V.CallResult, V.Union):
        value = ctx.flow.resolve(value)
    if type(value) is V.Union:
        return [m for option in value.options for m in _methods_of(ctx, option, names)]
    cls = getattr(getattr(value, "cls", None), "definition", None)
    if not isinstance(cls, ast.ClassDef):
        return []
    out = []
    for name in names:
        for c in ctx.facts.lineage(cls):
            found = [f for f in c.body if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef)) and f.name == name]
            if found:
                out += found
                break
    return out


def _child_use(ctx, roots, by_function):
    """The first runtime-initialising call the child code makes, else None."""
    if not roots:
        return None
    for func in sorted(_reachable(ctx, roots), key=_position):
        found = by_function.get(func)
        if found:
            return found[0]
    return None


def _reachable(ctx, roots) -> set:
    memo = ctx.memo.setdefault("MP422 reachable", {})
    out: set = set()
    for root in roots:
        if root not in memo:
            memo[root] = ctx.reachable([root])
        out |= memo[root]
    return out


def _initialised_before(ctx, node, where, by_function, depth, again=True):
    """(init effect, the call that ran it or None, True or the loop whose earlier pass ran it) of the runtime
    initialised on a path before `node`.
    `again`: the fork happens each time `node` runs, so what a loop around `node` runs after it, in one
    pass, runs before the fork of the next pass (CUDA initialised after the first epoch's iteration of a
    DataLoader reaches the workers the second epoch forks)."""
    function = where.function
    at = _position(node)
    loops = _loops_around(ctx, node, function) if again else []

    def before(other):
        """False, True (earlier in the pass), or the loop that runs `other` before the next fork."""
        if _exclusive(ctx, other, node):
            return False
        return _position(other) < at or next((loop for loop in loops if ctx.inside(other, loop)), False)

    for effect in by_function.get(function, ()):
        found = before(effect.node)
        if found is not False:
            return effect, None, found
    info = ctx.facts.functions.get(function) if function is not None else None
    calls = info.calls if info is not None else ctx.facts.module_calls if function is None else []
    for value, call, _where in calls:
        loop = False if call is node else before(call)
        if loop is False:
            continue
        for func in sorted(_reachable(ctx, ctx.definitions_of(value)), key=_position):
            found = by_function.get(func)
            if found:
                return found[0], call, loop
    if function is not None and depth < MAX_CALLERS:
        for site in ctx.facts.call_sites.get(function, ()):
            found = _initialised_before(ctx, site.call, site.where, by_function, depth + 1, again)
            if found is not None:
                return found
    return None


def _loops_around(ctx, node, function) -> list:
    """The `for`/`while` loops of `function` (or of module-level code) whose body holds `node` and may run
    again after it: a body that ends every pass with `break`, `return` or `raise` at its own level, or
    `for ... in range(1)`, does not."""
    out, child, parent = [], node, ctx.parents.get(node)
    while parent is not None and parent is not function and not isinstance(parent, (ast.Lambda, ast.ClassDef)):
        if isinstance(parent, (ast.For, ast.AsyncFor, ast.While)) and any(child is s for s in parent.body) \
                and not any(isinstance(s, (ast.Break, ast.Return, ast.Raise)) for s in parent.body) \
                and not _once(parent):
            out.append(parent)
        if isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef)):
            break
        child, parent = parent, ctx.parents.get(parent)
    return out


def _once(loop) -> bool:
    """`for _ in range(1)` (or range(0)): no second pass."""
    it = getattr(loop, "iter", None)
    return isinstance(it, ast.Call) and isinstance(it.func, ast.Name) and it.func.id == "range" \
        and len(it.args) == 1 and isinstance(it.args[0], ast.Constant) and isinstance(it.args[0].value, int) \
        and it.args[0].value <= 1


def _position(node) -> tuple:
    return getattr(node, "lineno", 0), getattr(node, "col_offset", 0)


def _call_text(call) -> str:
    func = call.func if isinstance(call, ast.Call) else call
    return ast.unparse(func) + "()"


def _exclusive(ctx, a, b) -> bool:
    """In different branches of one if/else or try/except (judged from the statements holding them)."""
    return ctx.exclusive(ctx.statement_of(a), ctx.statement_of(b))
