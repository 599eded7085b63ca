"""MP302: module state the parent sets at run time, read by a child that re-imports the module.

`parent_state_fix(ctx, node)` (node: the parent's write, the node MP302 reports) hands the value to
every child that reads it:
* a Pool or ProcessPoolExecutor gets `initializer=_restore_X, initargs=(X,)`, where the new
  module-level `_restore_X(value)` assigns it in each worker;
* a Process target `f` becomes `functools.partial(_run_with_X, X, f)`, where `_run_with_X` assigns
  the value and then calls `f`.
UNSAFE: the child now gets a copy of the value as it was when the pool or process was created
(later changes in the parent are not seen, changes in the child stay in the child, as under fork).
When the value is set in another function (`main()` sets it, `count()` makes the pool), the value
passed is the one the global holds when the child is created, which is what a forked child sees.
No fix when the value is set after the pool/process is created in the same function, when the name
means something else where the child is created (a parameter, a local), when a pool already has an
initializer, or when the state is not a plain global, a class attribute or a module attribute.
"""
from __future__ import annotations

import ast

from mpguard.semantic import values as V
from mpguard.semantic.index import nodes_in
from mpguard.text.findings import Applicability, Edit, Fix
from mpguard.fixes import _text as T


def _fix(ctx, node, through=()):
    """`through`: the spawners (Creation or Submit) of children that read the state only through another
    module's functions (rules/module_state.children_reading), which the rule found."""
    effects = _state_writes(ctx).get(id(node))
    if not effects:
        return None
    effect = effects[0]
    name, how, target = effect.detail
    attribute = target.attr if isinstance(target, ast.Attribute) and how == "attribute" else None
    if how not in ("assign", "augassign", "mutate", "item", "attribute") or (how == "attribute" and attribute is None):
        return None
    if attribute and not isinstance(target.value, ast.Name):
        return None
    if attribute is None and type(ctx.facts.module_env.get(name)) is V.Callable:
        # `Registry.scorers[key] = f`: the state lives in a class (or a function), which pickle sends by
        # name; handing the class over carries none of it (the spawned workers still saw an empty registry).
        # The call that filled it may run again in each worker (fixes/setup_call.py).
        from mpguard.fixes.setup_call import rerun_setup

        return rerun_setup(ctx, effect, _spawners(ctx, name, attribute, through), add_keywords)
    label = f"{name}.{attribute}" if attribute else name
    spawners = _spawners(ctx, name, attribute, through)
    if not spawners:
        return None
    others = _sharing(ctx, name, attribute, spawners)
    if others:
        # (kaokore, BiG-SCAPE: `dataset_dir` and `force_redownload` set by main() and read by one pool's
        # tasks; restoring one left the program failing, or working by luck, on the other: fresh_reports2)
        return _restore_together(ctx, [effect, *others], spawners)
    nl = T.newline(ctx)
    edits, defs, wrapped = [], [], set()
    base = label.replace(".", "_")
    partial = None
    for creation in spawners:
        _check_reaches(ctx, creation, effect)
        call = creation.node
        if creation.kind in ("Pool", "Executor"):
            called = _called_initializer(ctx, call, effect) if len(spawners) == 1 else None
            maker = T.enclosing_function(ctx, call)
            if called is not None and not (maker is not None and _reads(ctx, maker, name, attribute)):
                return called  # `initializer=initialize(args)` ran it in the parent, once
            _check_initializer_free(creation)
            if "restore" not in wrapped:
                restore = T.fresh_name(ctx, f"_restore_{base}")
                body = f"{T.INDENT}global {name}{nl}" if not attribute else ""
                defs.append(f"def {restore}(value):{nl}{body}{T.INDENT}{label} = value{nl}")
                wrapped.add("restore")
                wrapped.add(restore)
            restore = next(w for w in wrapped if w.startswith("_restore_"))
            edits.append(add_keywords(ctx, call, f"initializer={restore}, initargs=({label},)"))
        elif creation.kind == "Process":
            keyword = next((k for k in call.keywords if k.arg == "target"), None)
            if keyword is None:
                raise T.CannotFix("no target keyword")
            if "run" not in wrapped:
                runner = T.fresh_name(ctx, f"_run_with_{base}")
                body = f"{T.INDENT}global {name}{nl}" if not attribute else ""
                defs.append(f"def {runner}(value, target, *args, **kwargs):{nl}{body}{T.INDENT}{label} = value{nl}"
                            f"{T.INDENT}return target(*args, **kwargs){nl}")
                wrapped.add("run")
                wrapped.add(runner)
            runner = next(w for w in wrapped if w.startswith("_run_with_"))
            if partial is None:
                partial, import_edit = T.partial_ref(ctx)
                edits.append(import_edit)
            edits.append(Edit(ctx.source.node_start(keyword.value), ctx.source.node_end(keyword.value),
                              f"{partial}({runner}, {label}, {T.node_text(ctx, keyword.value)})"))
        else:
            raise T.CannotFix("unknown spawner")
    top = T.top_statement(ctx, spawners[0].node)
    edits.append(T.insert_block(ctx, T.lift_position(ctx, top), (nl + nl).join(defs)))
    return Fix(f"Pass `{label}` to the child explicitly (unsafe: the child gets the value as it is when the "
               "process or pool is created, and its own changes stay in the child)", Applicability.UNSAFE,
               T.merge_edits(edits))


def _sharing(ctx, name, attribute, spawners) -> list:
    """The writes of the other globals the parent sets that a child made by one of `spawners` reads too
    (the first write of each name)."""
    mine, out, seen = {id(creation) for creation in spawners}, [], {(name, attribute)}
    for effect in (e for effects in _state_writes(ctx).values() for e in effects):
        other, how, target = effect.detail
        other_attribute = target.attr if isinstance(target, ast.Attribute) and how == "attribute" else None
        if (other, other_attribute) in seen or isinstance(ctx.facts.module_env.get(other), (V.MPObject, V.ModuleRef)):
            continue  # the same state, or what the rule does not report (a pool, a module's own state)
        if any(id(creation) in mine for creation in _spawners(ctx, other, other_attribute)):
            seen.add((other, other_attribute))
            out.append(effect)
    return out


def _restore_together(ctx, effects, spawners):
    """One initializer for every global a pool's tasks read that the parent sets: each finding's fix is
    this same fix. Only plain globals (assigned, or containers filled in place) set before the pools are
    made, read by pools alone."""
    names = []
    effects = sorted(effects, key=lambda e: (e.node.lineno, e.node.col_offset))  # one fix whatever finding asks
    for effect in effects:
        name, how, target = effect.detail
        if how not in ("assign", "augassign", "mutate", "item") or not name.isidentifier() or name in names:
            raise T.CannotFix("the children read other state the parent sets, not plain globals")
        if {id(c) for c in _spawners(ctx, name, None)} != {id(c) for c in spawners}:
            raise T.CannotFix("the globals are read by different children")
        names.append(name)
    for creation in spawners:
        if creation.kind not in ("Pool", "Executor"):
            raise T.CannotFix("a process reads several globals the parent sets")
        _check_initializer_free(creation)
        for effect in effects:
            _check_reaches(ctx, creation, effect)
    nl = T.newline(ctx)
    restore = T.fresh_name(ctx, "_restore_globals")
    listed = ", ".join(names)
    body = f"def {restore}(*values):{nl}{T.INDENT}global {listed}{nl}{T.INDENT}{listed} = values{nl}"
    edits = [add_keywords(ctx, creation.node, f"initializer={restore}, initargs=({listed})") for creation in spawners]
    top = T.top_statement(ctx, spawners[0].node)
    edits.append(T.insert_block(ctx, T.lift_position(ctx, top), body))
    return Fix(f"Pass {', '.join(f'`{n}`' for n in names)} to the pool's workers explicitly (unsafe: they get the "
               "values as they are when the pool is created, and their own changes stay in the worker)",
               Applicability.UNSAFE, T.merge_edits(edits))


def _check_reaches(ctx, creation, effect) -> None:
    """The value the parent sets is the one the child is created with: set before it in the same function,
    or the module's global where the child is created (set in another function)."""
    if creation.where.function is effect.where.function:
        if creation.node.lineno < effect.node.lineno:
            raise T.CannotFix("the value is set after the child was created")
    elif not _global_where(ctx, creation.node, effect.detail[0]):
        raise T.CannotFix("where the child is created, the name is not the module's global")


def _check_initializer_free(creation) -> None:
    if T.has_initializer(creation.node, creation.kind):
        raise T.CannotFix("the pool has an initializer already")


def _called_initializer(ctx, call, effect):
    """`Pool(initializer=initialize(args))`: the function that sets the state is called in the parent,
    and the pool is given what it returns. The fix hands it to the pool to call in each worker:
    `initializer=initialize, initargs=(args,)`. UNSAFE: it no longer runs in the parent."""
    keyword = next((k for k in call.keywords if k.arg == "initializer"), None)
    value = keyword.value if keyword is not None else None
    writer = effect.where.function
    if not (isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and isinstance(writer, T.FUNCS)
            and value.func.id == writer.name and ctx.parents.get(writer) is ctx.tree) \
            or value.keywords or any(isinstance(a, ast.Starred) for a in value.args) \
            or any(k.arg == "initargs" for k in call.keywords):
        return None
    args = [T.node_text(ctx, a) for a in value.args]
    initargs = "(" + ", ".join(args) + ("," if len(args) == 1 else "") + ")"
    edit = Edit(ctx.source.node_start(value), ctx.source.node_end(value), f"{writer.name}, initargs={initargs}")
    return Fix(f"Let each worker call `{writer.name}` (it was called once, in the parent, and the pool got what it "
               "returned; unsafe: it no longer runs in the parent)", Applicability.UNSAFE, (edit,))


def _global_where(ctx, node, name: str) -> bool:
    """Does `name`, read at `node`, mean the module's global? The state is set in another function (or
    under the guard) and the pool or process is created here: `initargs=(X,)` then reads the value the
    global holds when the child is created, which is what a forked child would see. Not when a function
    around `node` binds the name itself (a parameter, a local, a closure variable)."""
    scope = T.enclosing_function(ctx, node)
    while scope is not None:
        table = T.symtable_for(ctx, scope)
        if table is None:
            return False
        try:
            symbol = table.lookup(name)
        except KeyError:
            symbol = None
        if symbol is not None:
            if symbol.is_declared_global():
                return True
            if symbol.is_local() or symbol.is_parameter() or symbol.is_free():
                return False
        scope = T.enclosing_function(ctx, scope)
    return True


def add_keywords(ctx, call, text: str) -> Edit:
    items = [*call.args, *(k.value for k in call.keywords)]
    if items:
        last = max(items, key=lambda n: (n.end_lineno, n.end_col_offset))
        pos = ctx.source.node_end(last)
        return Edit(pos, pos, ", " + text)
    end = ctx.source.node_end(call)
    pos = ctx.source.position(ctx.source.offset(end) - 1)
    return Edit(pos, pos, text)


def _reads(ctx, func, name, attribute) -> bool:
    names = {name}
    if attribute is not None and _classmethod_of(ctx, func, name):
        names.add((func.args.posonlyargs + func.args.args)[0].arg)  # `cls.base` in a classmethod of `Endpoint`
    for n in nodes_in(func):
        if isinstance(n, ast.Name) and n.id in names and isinstance(n.ctx, ast.Load):
            parent = ctx.parents.get(n)
            if attribute is None or (isinstance(parent, ast.Attribute) and parent.attr == attribute):
                return True
    return False


def _classmethod_of(ctx, func, name: str) -> bool:
    owner = ctx.parents.get(func)
    return isinstance(func, T.FUNCS) and isinstance(owner, ast.ClassDef) and owner.name == name \
        and ctx.parents.get(owner) is ctx.tree and bool(func.args.posonlyargs + func.args.args) \
        and any(isinstance(d, ast.Name) and d.id == "classmethod" for d in func.decorator_list)


@T.cached
def _state_writes(ctx) -> dict:
    """The global-write effects by node, found once per module: one statement may set several globals
    (`names, encodings = load()`), and a fix for one of them must see the others (face_recognition #826)."""
    out: dict = {}
    for effect in ctx.facts.effects_of("global-write"):
        out.setdefault(id(effect.node), []).append(effect)
    return out


@T.cached
def _state_creations_by_value(ctx) -> dict:
    out: dict = {}
    for creation in ctx.facts.creations:
        out.setdefault(id(creation.value), creation)
    return out


def _spawners(ctx, name, attribute, through=()) -> list:
    """The Creation facts (Process, Pool, Executor) whose children read the state; the same for every
    write of the name, so kept."""
    cache = ctx.__dict__.setdefault("_fix_cache", {}).setdefault("state spawners", {})
    if (name, attribute) not in cache:
        cache[(name, attribute)] = _find_spawners(ctx, name, attribute, through)
    return cache[(name, attribute)]


def _find_spawners(ctx, name, attribute, through=()) -> list:
    out, seen = [], set()
    by_value = _state_creations_by_value(ctx)

    def add(creation):
        # by the call that makes it: one call may give several creations (a pool of `test_context()`, walked once
        # per context it may return), and one keyword added twice would not run (fresh_realistic5
        # test_pricing_class_attr_from_setupclass: `initializer=` repeated)
        key = id(getattr(creation, "node", None) or creation)
        if creation is not None and key not in seen:
            seen.add(key)
            out.append(creation)

    def pool_creation(pool):
        return by_value.get(id(pool))

    for func, children in ctx.child_functions.items():
        if not _reads(ctx, func, name, attribute):
            continue
        for child in children:
            spawner = child.spawner
            add(pool_creation(spawner.pool) if hasattr(spawner, "pool") else spawner)
    bound = ctx.facts.module_env.get(name)
    if isinstance(bound, V.ModuleRef) and attribute:
        module = bound.qualified
        for submit in ctx.facts.submits:
            if isinstance(submit.func, V.ModuleRef) and submit.func.qualified.startswith(module + "."):
                add(pool_creation(submit.pool))
        for creation in ctx.facts.creations:
            if isinstance(creation.target, V.ModuleRef) and creation.target.qualified.startswith(module + "."):
                add(creation)
    for spawner in through:
        add(pool_creation(spawner.pool) if hasattr(spawner, "pool") else spawner)
    if any(c is None for c in out):
        return []
    return out


# Public builders (rules call these): None when out of reach or when the result would not parse.
parent_state_fix = T.fix_builder(_fix)


def _setter_call(ctx, call, pool, kind: str):
    """MP302 through another module's setter (`settings.configure(scale=2.5)` before the pool): the pool's workers
    run the same call first (`initializer=functools.partial(settings.configure, scale=2.5)`). Only when each
    argument is a literal (the pool may be made in another function, where the caller's names mean nothing), or
    names that still hold the same values where the pool is made (`_names_hold_until_the_pool`). A pool with an
    initializer of its own runs both (`_run_after_initializer`). UNSAFE: the setter runs once more in every worker."""
    if kind not in ("Pool", "Executor") or not isinstance(pool, ast.Call) or not isinstance(call, ast.Call):
        raise T.CannotFix("not a pool or executor")
    arguments = [*call.args, *(k.value for k in call.keywords)]
    if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
        raise T.CannotFix("arguments spread")
    if not all(T.is_literal(a) or _module_definition(ctx, a, pool) for a in arguments):
        _names_hold_until_the_pool(ctx, call, pool, arguments)
    partial, import_edit = T.partial_ref(ctx)
    parts = [T.node_text(ctx, call.func), *(T.node_text(ctx, a) for a in call.args),
             *(f"{k.arg}={T.node_text(ctx, k.value)}" for k in call.keywords)]
    setter = f"{partial}({', '.join(parts)})"
    if T.has_initializer(pool, kind):
        edits = _run_after_initializer(ctx, pool, kind, setter, partial)
    else:
        edits = [add_keywords(ctx, pool, f"initializer={setter}")]
    if import_edit is not None:
        edits.append(import_edit)
    return Fix(f"Run `{T.node_text(ctx, call.func)}(...)` in every worker too, as its initializer (unsafe: the call "
               "runs again in each worker)", Applicability.UNSAFE, T.merge_edits(edits))


setter_call_fix = T.fix_builder(_setter_call)

INITIALIZER_AT = {"Pool": 1, "Executor": 2}  # its position: Pool(processes, initializer), PPE(workers, context, ...)


def _run_after_initializer(ctx, pool, kind: str, then: str, partial: str) -> list:
    """A pool given an initializer of its own (`Pool(n, init_worker)`, cerberus #182): the one initializer the pool
    takes becomes `functools.partial(_run_initializers, init_worker, <then>)`, a module-level function that calls
    the pool's own with its initargs, then `then()`. The initargs stay as they are."""
    keyword = next((k for k in pool.keywords if k.arg == "initializer"), None)
    if any(k.arg is None for k in pool.keywords) or any(isinstance(a, ast.Starred) for a in pool.args):
        raise T.CannotFix("arguments spread")
    given = keyword.value if keyword is not None else (
        pool.args[INITIALIZER_AT[kind]] if len(pool.args) > INITIALIZER_AT[kind] else None)
    if given is None or (isinstance(given, ast.Constant) and given.value is None):
        raise T.CannotFix("the initializer is not given")
    nl = T.newline(ctx)
    runner = T.fresh_name(ctx, "_run_initializers")
    text = (f"def {runner}(first, then, *initargs):{nl}"
            f"{T.INDENT}# a pool runs one initializer: its own first, then the call the workers need too{nl}"
            f"{T.INDENT}first(*initargs){nl}{T.INDENT}then(){nl}")
    top = T.top_statement(ctx, pool)
    return [Edit(ctx.source.node_start(given), ctx.source.node_end(given),
                 f"{partial}({runner}, {T.node_text(ctx, given)}, {then})"),
            T.insert_block(ctx, T.lift_position(ctx, top), text)]


def _module_definition(ctx, argument, pool) -> bool:
    """A name that only a module-level def or class of this module binds (`registry.register("scaled",
    ScaledModel)`, vLLM #9233): it means the same in the function that makes the pool, and pickle sends it by
    reference, so the pool may be made in another function."""
    if not isinstance(argument, ast.Name):
        return False
    binders = [s for s in ctx.tree.body if argument.id in T.bound_names(s)]
    if len(binders) != 1 or not isinstance(binders[0], T.DEFS):
        return False
    function = T.enclosing_function(ctx, pool)
    table = T.symtable_for(ctx, function) if function is not None else None
    return function is None or (table is not None and argument.id not in T.locals_of(table))


def _names_hold_until_the_pool(ctx, call, pool, arguments) -> None:
    """Arguments that name values (`config.configure(verbose=args.verbose)`) are read again where the pool is
    made: only when the pool is made later in the same function, each argument is a literal or a name with
    attributes (nothing a call or an index could change), no name it reads is bound again in the function after
    the setter's call, and none is a value the analysis knows pickle refuses (the initializer is pickled for
    each spawned worker)."""
    function = T.enclosing_function(ctx, call)
    if function is None or T.enclosing_function(ctx, pool) is not function or pool.lineno <= call.end_lineno:
        raise T.CannotFix("the pool is not made after the call in the same function")
    roots = T.name_roots(arguments)
    for node in nodes_in(function):
        if isinstance(node, ast.Name) and node.id in roots and not isinstance(node.ctx, ast.Load) \
                and node.lineno > call.lineno:
            raise T.CannotFix("a name the arguments read is bound again")
        if isinstance(node, (ast.Global, ast.Nonlocal)) and roots & set(node.names):
            raise T.CannotFix("a name the arguments read is not the function's own")
        if isinstance(node, ast.Attribute) and not isinstance(node.ctx, ast.Load) and node.lineno > call.lineno:
            root = node.value
            while isinstance(root, ast.Attribute):
                root = root.value
            if isinstance(root, ast.Name) and root.id in roots:
                raise T.CannotFix("an attribute the arguments read is set after the call")
    entry = next((e for e in ctx.facts.project_calls if e[0] is call), None)
    if entry is None:
        raise T.CannotFix("the call's values are not known")
    _call, _qualified, args, kwargs, _where = entry
    values = [v for _e, v in args or ()] + [v for _e, v in (kwargs or {}).values()]
    if any(v is not None and ctx.pickler.object_problem(v, pool_task=False) is not None for v in values):
        raise T.CannotFix("an argument pickle refuses")
