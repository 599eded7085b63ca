"""MP302 for a global of another project module that the parent sets by calling that module's function,
and that a child reads through that module's functions (ddSMT #25: `tmpfiles.init()` sets `__TMPDIR` in the
parent; the checker the pool runs calls `tmpfiles.get_tmp_filename()`, which reads it, "which is None for
children when the process is spawned instead of forked").

A spawned or forkserver child imports the other module afresh and sees the global's import-time value;
a forked child copies the parent's. The globals include class attributes of the other module (`Config.scale =
scale` in its setter; pebble #71), and the children's reads include this module's own `settings.Config.scale`.
Said only when the parent's call comes before the pool or process is made, in the same function or in a function
it calls afterwards (a call after it, such as a cleanup, is not what the children were given), and when nothing a
child runs (its initializer included, also `functools.partial(setter, ...)`) sets the global itself. Reported at
the parent's call (the oracle's anchor for parent state), up to the hand-over when that follows in the same
function, which is a related location; the fix runs the same call in each worker as the pool's initializer. The
functions of the other modules are read from their syntax trees (`resolver.definition`, `module_names`), a few calls
deep, a bounded number of them. `children_reading` answers rules/state.py for a global the parent sets by attribute.
"""
from __future__ import annotations

import ast

from mpguard.semantic import values as V
from mpguard.semantic.foreign_methods import method_owner
from mpguard.semantic.names import TASK_METHODS
from mpguard.fixes.state import setter_call_fix
from mpguard.text.findings import RelatedFile
from mpguard.rules.call_order import runs_before

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
DEPTH = 3  # calls followed from a task into other modules
BUDGET = 60  # functions of other modules read per analysis at most


def global_writes(func) -> dict:
    """name -> line: globals the function rebinds (`global x` then `x = ...`, `x += ...`). Kept on the
    function's node: a function of another module is asked about once per call of it, from every file
    that calls it (dask: 1,918 walks of the same few functions, a third of a rule-heavy file's time).
    Syntax trees are never changed once parsed."""
    known = getattr(func, "_mpguard_global_writes", None)
    if known is None:
        known = _global_writes(func)
        try:
            func._mpguard_global_writes = known
        except AttributeError:  # (not a syntax tree node)
            pass
    return dict(known)


# methods that change a dict, list or set in place: `_MODELS.update(...)`, `HOOKS.append(f)`
IN_PLACE = frozenset(("update", "setdefault", "append", "extend", "insert", "add", "__setitem__"))


def _global_writes(func) -> dict:
    declared, stores, attributes, items = set(), [], [], []
    Global, Name, Store, Attribute = ast.Global, ast.Name, ast.Store, ast.Attribute
    for node in ast.walk(func):  # (one walk: the stores in walk order, the declarations anywhere)
        kind = type(node)
        if kind is Global:
            declared.update(node.names)
        elif kind is Name and type(node.ctx) is Store:
            stores.append(node)
        elif kind is Attribute and type(node.ctx) is Store and type(node.value) is Name:
            attributes.append(node)
        elif kind is ast.Subscript and type(node.ctx) is Store and type(node.value) is Name:
            items.append((node.value, node))  # `_MODELS[name] = cls` (vLLM #9233's registry)
        elif kind is ast.Call and type(node.func) is Attribute and node.func.attr in IN_PLACE \
                and type(node.func.value) is Name:
            items.append((node.func.value, node))
    out: dict = {}
    for node in stores:
        if node.id in declared:
            out.setdefault(node.id, node.lineno)
    if attributes or items:
        bound = _locals(func) - declared
        # `Config.scale = scale`: a class attribute of a module-level name (pebble #71), "Config.scale"
        for node in attributes:
            if node.value.id not in bound:
                out.setdefault(f"{node.value.id}.{node.attr}", node.lineno)
        # an item of a module-level container changed in place: the container is what the parent sets
        for name, node in items:
            if name.id not in bound:
                out.setdefault(name.id, node.lineno)
    return out


def _locals(func) -> set:
    """The names `func` binds itself: parameters, assignments, imports, nested definitions."""
    args = func.args
    local = {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)}
    local |= {a.arg for a in (args.vararg, args.kwarg) if a is not None}
    for node in ast.walk(func):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            local.add(node.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            local.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, (*FUNCS, ast.ClassDef)) and node is not func:
            local.add(node.name)
    return local


def global_reads(func) -> set:
    """Names the function loads that are none of its own locals (parameters, assignments, imports), and the
    attributes it reads of them as "Name.attr" (`Config.scale`)."""
    declared = {name for node in ast.walk(func) if isinstance(node, ast.Global) for name in node.names}
    local = _locals(func) - declared
    out = set()
    for node in ast.walk(func):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id not in local:
            out.add(node.id)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load) and isinstance(node.value, ast.Name) \
                and node.value.id not in local:
            out.add(f"{node.value.id}.{node.attr}")
    return out


class _Reader:
    """Functions of other project modules, read from their syntax trees once each."""

    def __init__(self, resolver):
        self.resolver = resolver
        self.defs: dict = {}
        self.modules: dict = {}  # qualified name of a method read -> the module of the class that defines it
        self.read = 0

    def definition(self, qualified: str):
        if qualified not in self.defs:
            self.read += 1
            found = self.resolver.definition(qualified) if self.read <= BUDGET else None
            if found is None and self.read <= BUDGET:
                found = self._method(qualified)
            self.defs[qualified] = found if isinstance(found, FUNCS) else None
        return self.defs[qualified]

    def _method(self, qualified: str):
        """The def of `Class.method` of another project module (`loader.run()`, and the `__iter__` a `for` over
        the object calls: semantic/iteration), looked up as Python does along single inheritance."""
        cls, _, name = qualified.rpartition(".")
        owner = method_owner(self.resolver, cls, name) if cls.count(".") >= 1 else None
        found = self.resolver.class_definition(owner) if owner is not None else None
        method = next((f for f in found[0].body if isinstance(f, FUNCS) and f.name == name), None) if found else None
        if method is not None:
            self.modules[qualified] = owner.rpartition(".")[0]
        return method

    def module_of(self, qualified: str) -> str:
        """The module whose globals the function or method `qualified` (read by `definition`) reads by name."""
        return self.modules.get(qualified) or qualified.rpartition(".")[0]

    def callees(self, qualified: str, func) -> list:
        """The project functions `func` (of `qualified`'s module) calls, by qualified name."""
        return self._named(qualified, [n.func for n in ast.walk(func) if isinstance(n, ast.Call)])

    def tasks(self, qualified: str, func, depth: int = 0) -> list:
        """The project functions `func` (a helper of `qualified`'s module) hands to a child: the first
        argument of `pool.map(f, ...)` / `submit(f, ...)` and the like, `Process(target=f)`; for a method, also
        those the methods it calls on its own object hand (`self.convert_all(items)`), a few calls deep."""
        handed, out = [], []
        me = func.args.args[0].arg if qualified in self.modules and func.args.args else None
        for node in ast.walk(func):
            if me is not None and depth < DEPTH and isinstance(node, ast.Call) \
                    and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name) \
                    and node.func.value.id == me:
                called = f"{qualified.rpartition('.')[0]}.{node.func.attr}"
                method = self.definition(called)
                if method is not None:
                    out += [q for q in self.tasks(called, method, depth + 1) if q not in out]
            if isinstance(node, ast.Call):
                handed += [k.value for k in node.keywords if k.arg in ("target", "initializer")]
                if isinstance(node.func, ast.Attribute) and node.func.attr in TASK_METHODS and node.args:
                    handed.append(node.args[0])
        return out + self._named(qualified, [e for e in handed if isinstance(e, (ast.Name, ast.Attribute))])

    def _named(self, qualified: str, exprs) -> list:
        """The qualified names `exprs` (names or dotted names in `qualified`'s module) stand for: a function
        the module defines, or what its imports bind."""
        module = self.module_of(qualified)
        names = self.resolver.module_names(module) if hasattr(self.resolver, "module_names") else None
        if names is None:
            return []
        definitions, imports = names
        out = []
        for expr in exprs:
            if isinstance(expr, ast.Name) and expr.id in definitions:
                out.append(f"{module}.{expr.id}")
            elif imports is not None:
                target = imports.qualify(expr)
                if target and "." in target:
                    out.append(target)
        return out

    def reached(self, roots) -> list:
        """(qualified, def) of the functions of other modules reached from `roots`, a few calls deep."""
        seen, out, todo = set(), [], [(q, 0) for q in roots]
        while todo:
            qualified, depth = todo.pop()
            if qualified in seen:
                continue
            seen.add(qualified)
            func = self.definition(qualified)
            if func is None:
                continue
            out.append((qualified, func))
            if depth < DEPTH:
                todo.extend((q, depth + 1) for q in self.callees(qualified, func))
        return out


def check(ctx) -> None:
    if ctx.resolver is None or not hasattr(ctx.resolver, "definition") or not ctx.facts.project_calls:
        return
    reader = _Reader(ctx.resolver)
    # What the parent sets: calls of another module's functions that rebind its globals.
    writes = []  # (call, qualified, module, {name: line}, scope, where)
    for call, qualified, _a, _k, where in ctx.facts.project_calls:
        func = where.function
        if where.at_import and not where.guarded or func is not None and (
                func not in ctx.parent_functions or func in ctx.child_functions or func in ctx.import_functions):
            continue
        definition = reader.definition(qualified)
        names = global_writes(definition) if definition is not None else {}
        if names:
            writes.append((call, qualified, reader.module_of(qualified), names, func, where))
    spawns = _spawns(ctx) if writes else None
    if not spawns:
        return
    for call, qualified, module, names, scope, where in writes:
        for made, handed, roots, method, local in spawns:
            if not made_after(ctx, made, call, scope, where):
                continue  # only a pool made after the call (there, or in a function it calls then) was given the change
            reached = reader.reached(roots)
            set_by_child = {n for q, f in reached if reader.module_of(q) == module for n in global_writes(f)}
            set_by_child |= _set_by_method_calls(ctx, reader, module, local)
            read = [(f"{q}()", n) for q, f in reached if reader.module_of(q) == module
                    for n in sorted(global_reads(f) & set(names)) if n not in set_by_child]
            read += [(f"`{alias}.{n}`", n) for n, alias in _read_here(ctx, local, module, names) if n not in set_by_child]
            methods = ctx.breaks(method, lambda m: m != "fork")
            if not read or not methods:
                continue
            how, name = read[0]
            path = ctx.resolver.locate(module) if hasattr(ctx.resolver, "locate") else None
            through = f"through {how}" if how.endswith("()") else f"as {how}"
            # Reported at the parent's call that sets it (the oracle's anchor for parent state), up to the hand-over
            # when that follows in the same statement list's function
            same = ctx.enclosing_function(handed) is scope and (handed.lineno, handed.col_offset) > (call.lineno, call.col_offset)
            ctx.report("MP302", call, f"the child reads `{name}`, a global of {module}, {through}, and the parent "
                       f"sets it here (`{qualified.rpartition('.')[2]}()`); a child that re-imports {module} sees its "
                       "import-time value", methods, end_node=handed if same else None,
                       fix=setter_call_fix(ctx, call, made, _made_kind(ctx, made)),
                       related=((handed, "the child is handed its work here"),),
                       related_file=RelatedFile(str(path), names[name], f"`{name}` is set here") if path else None)
            break


def _set_by_method_calls(ctx, reader, module: str, local) -> set:
    """Globals of `module` a method of one of its classes rebinds, when the child (the functions of this
    module it runs, `local`) calls a method of that name on some object: spack #50866's
    `state.restore()` on the GlobalStateMarshaler the parent handed over, whose `restore` rebinds CONFIG.
    The object's class is not followed, so any class of the module with such a method counts (precision
    first: a child that may set the global itself is not said to miss the parent's value)."""
    if not local or not hasattr(ctx.resolver, "module_names"):
        return set()
    called = {n.func.attr for f in ctx.reachable(local) for n in ast.walk(f)
              if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)}
    names = ctx.resolver.module_names(module) if called else None
    if not names:
        return set()
    out = set()
    for definition in names[0].values():
        if isinstance(definition, ast.ClassDef):
            for method in definition.body:
                if isinstance(method, FUNCS) and method.name in called:
                    out |= set(global_writes(method))
    return out


def _initializer_name(value) -> str | None:
    """The qualified name of another module's function a pool runs as its initializer, also through
    `functools.partial(settings.configure, ...)` (the fix above writes that)."""
    if type(value) is V.Partial:
        value = value.func
    return value.qualified if type(value) is V.ModuleRef else None


def _initializer_names(value) -> list:
    """`_initializer_name`, and through `functools.partial(_run_initializers, init_worker, functools.partial(
    kubecli.initialize_clients, ...))` (the fix for a pool that has an initializer of its own): a function of this
    module that calls every one of its parameters runs each function given to it."""
    name = _initializer_name(value)
    if name is not None or type(value) is not V.Partial:
        return [name] if name is not None else []
    runner = value.func.definition if type(value.func) is V.Callable else None
    if not isinstance(runner, ast.FunctionDef) or not _calls_each_parameter(runner, len(value.args)):
        return []
    return [n for given in value.args for n in _initializer_names(given)]


def _calls_each_parameter(function, count: int) -> bool:
    """Does `function`'s own body call its first `count` parameters (`first(*initargs)`, `then()`), each in a
    statement of its top level, unconditionally?"""
    params = [a.arg for a in function.args.args[:count]]
    called = {s.value.func.id for s in function.body if isinstance(s, ast.Expr) and isinstance(s.value, ast.Call)
              and isinstance(s.value.func, ast.Name)}
    return len(params) == count and set(params) <= called


def _made_kind(ctx, made) -> str | None:
    """Pool, Executor, Process ...: what the node `made` creates (None for a helper's call that starts them)."""
    return next((c.kind for c in ctx.facts.creations if c.node is made), None)


def made_after(ctx, made, call, scope, where=None) -> bool:
    """Is the pool or process `made` created after `call`: later in `scope` itself, or in a function of this module
    that `scope` calls after it (`main()` configures, then `run_test(values)` makes the executor: pebble #71); with
    the call's `where`, also in a function a common caller or the test runner runs later (a test's `setUp` writes,
    the test makes the process: rules/call_order)."""
    maker = ctx.enclosing_function(made)
    after = (call.lineno, call.col_offset)
    if maker is scope:
        return (made.lineno, made.col_offset) > after
    info = ctx.facts.functions.get(scope)
    if any(getattr(value, "definition", None) is maker and (node.lineno, node.col_offset) > after
           for value, node, _where in (info.calls if info is not None else ())):
        return True
    creation = next((c for c in ctx.facts.creations if c.node is made), None) if where is not None else None
    return creation is not None and runs_before(ctx, (where, call), (creation.where, made))


def _read_here(ctx, functions, module: str, names: dict) -> list:
    """(name, alias) for the globals of `module` in `names` ("Config.scale" too) that the child's functions of this
    module read through the name it is imported as (`settings.Config.scale`)."""
    aliases = {n for n, v in ctx.facts.module_env.items() if type(v) is V.ModuleRef and v.qualified == module}
    if not aliases or not functions:
        return []
    found = []
    for func in ctx.reachable(functions):
        for node in ast.walk(func):
            if not (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases
                    and isinstance(node.ctx, ast.Load)):
                continue
            outer = ctx.parents.get(node)
            dotted = f"{node.attr}.{outer.attr}" if isinstance(outer, ast.Attribute) else None
            for name in (node.attr, dotted):
                if name in names and (name, node.value.id) not in found:
                    found.append((name, node.value.id))
    return found


def children_reading(ctx, module: str, name: str) -> list:
    """The children (rules.context.Child) that read the global `name` of the project module `module` through its
    functions (`settings.fmt(amount)` reading `CURRENCY`), when nothing they run sets it themselves: what a parent's
    `settings.CURRENCY = ...` does not reach in a child that imports `module` afresh (rules/state.py reports it)."""
    if ctx.resolver is None or not hasattr(ctx.resolver, "definition") or not ctx.facts.project_calls:
        return []
    from mpguard.rules.context import Child

    reader = _Reader(ctx.resolver)
    local_roots: dict = {}
    candidates = []  # (Child, [qualified functions of other modules it runs])
    for child in ctx.children:
        if child.definition not in local_roots:
            reachable = ctx.reachable([child.definition])
            local_roots[child.definition] = [q for _c, q, _a, _k, w in ctx.facts.project_calls
                                             if w.function is not None and w.function in reachable]
        candidates.append((child, local_roots[child.definition]))
    for submit in ctx.facts.submits:  # `pool.map(report.render, ...)`: a task of another module
        if type(submit.func) is V.ModuleRef:
            candidates.append((Child(submit.node, "task", submit, submit.pool.method, V.daemonic_pool(submit.pool)),
                               [submit.func.qualified]))
    out = []
    for child, roots in candidates:
        reached = [(q, f) for q, f in reader.reached(roots) if reader.module_of(q) == module] if roots else []
        if not any(name in global_reads(f) for _q, f in reached):
            continue
        pool = getattr(child.spawner, "pool", None)  # its pool's initializer runs first in the same worker
        first = [name for c in ctx.facts.creations if pool is not None and c.value is pool
                 for name in _initializer_names(c.initializer)]
        local = [c.initializer for c in ctx.facts.creations if pool is not None and c.value is pool
                 and type(c.initializer) is V.Callable and c.initializer.definition is not None]
        if local:  # a local initializer: what it calls of other modules runs first too
            reachable = ctx.reachable([c.definition for c in local])
            first += [q for _c, q, _a, _k, w in ctx.facts.project_calls if w.function in reachable]
        written = [f for q, f in reached + reader.reached(first) if reader.module_of(q) == module]
        if not any(name in global_writes(f) for f in written):
            out.append(child)
    return out


def _spawns(ctx) -> list:
    """(node that makes the pool or process, node that hands the child its work, [qualified functions of
    other modules the child runs first], explicit start method) for each pool or process of this module."""
    out = []
    local_roots: dict = {}  # child function of this module -> the project functions it calls

    def roots_of(func):
        if func not in local_roots:
            reachable = ctx.reachable([func])
            local_roots[func] = [q for _c, q, _a, _k, w in ctx.facts.project_calls
                                 if w.function is not None and w.function in reachable]
        return local_roots[func]

    def initializers(pool):  # `Pool(initializer=settings.configure, ...)`: it runs first in every worker
        return [name for c in ctx.facts.creations if pool is not None and c.value is pool
                for name in _initializer_names(c.initializer)]

    for child in ctx.children:
        spawner = child.spawner
        made = getattr(getattr(spawner, "pool", None), "node", None) or getattr(spawner, "node", None)
        if made is not None:
            out.append((made, spawner.node, roots_of(child.definition) + initializers(getattr(spawner, "pool", None)),
                        child.method, [child.definition]))
    for submit in ctx.facts.submits:  # a task of another module: `pool.map(checker.check, ...)`
        if type(submit.func) is V.ModuleRef and submit.pool.serializer != "cloudpickle":
            out.append((submit.pool.node, submit.node, [submit.func.qualified, *initializers(submit.pool)],
                        submit.pool.method, []))
    for creation in ctx.facts.creations:
        if creation.kind == "Process" and type(creation.target) is V.ModuleRef:
            out.append((creation.node, creation.node, [creation.target.qualified], creation.method, []))
    # a helper of another module that starts the children itself (`runner.totals(batches)` mapping
    # `scaled_total` on its Pool): its tasks run there, made at this call (start method: the default)
    reader = _Reader(ctx.resolver)
    for call, qualified, _a, _k, _w in ctx.facts.project_calls:
        if ctx.imported_spawner(qualified, call):  # (by what the call, and the object it is made on, pass)
            func = reader.definition(qualified)
            roots = reader.tasks(qualified, func) if func is not None else []
            if roots:
                out.append((call, call, roots, None, []))
    # One entry per pool or process: its tasks and its initializer run in the same children.
    merged: dict = {}
    for made, handed, roots, method, local in out:
        entry = merged.setdefault(id(made), (made, handed, [], method, []))
        entry[2].extend(q for q in roots if q not in entry[2])
        entry[4].extend(f for f in local if f not in entry[4])
    return list(merged.values())
