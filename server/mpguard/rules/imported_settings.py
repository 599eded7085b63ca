"""MP302 for a class attribute of another project module that the parent sets through a classmethod
and a child reads.

`Settings.configure(scale=10)` in the parent runs `cls.scale = scale` in flowkit/settings.py; a pool
task reads `Settings.get().scale` (or `Settings.scale`). pickle sends the task by reference, a spawned
or forkserver child imports flowkit.settings afresh and sees the class's import-time value; a forked
child has the parent's. The write is made in the other module, so it is reported at the call in the
checked file that makes it (the convention of docs/corpus.md), with the classmethod's write as a
related location.

What a child reads: the attribute on the class itself, on an instance made by calling the class, or on
what a classmethod returns when it returns an instance of its class (`return cls()`, or the singleton
`cls._instance` it stores `cls()` in). A child that calls a writing classmethod itself (a pool
initializer that configures the class again) sets its own value: silent.
"""
from __future__ import annotations

import ast
import weakref

from mpguard.resolve.project import names_summary
from mpguard.semantic.index import nodes_in
from mpguard.text.findings import RelatedFile

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


def class_writes(method) -> dict:
    """attribute -> line: `cls.x = ...` in a classmethod (its first parameter names the class)."""
    if not isinstance(method, FUNCS) or not method.args.args \
            or not any(isinstance(d, ast.Name) and d.id == "classmethod" for d in method.decorator_list):
        return {}
    owner = method.args.args[0].arg
    out: dict = {}
    for node in ast.walk(method):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
            node, (ast.AugAssign, ast.AnnAssign)) else []
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in CHANGERS:
            targets = [node.func.value]  # `cls._options.update(values)`: the class's container changed in place
        for target in targets:
            if isinstance(target, ast.Subscript):
                target = target.value  # `cls._options[key] = value`
            if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id == owner:
                out.setdefault(target.attr, node.lineno)
    return out


# Methods that change a dict, list or set in place (a class attribute holding one is then changed for the
# process that calls them only)
CHANGERS = frozenset({"update", "setdefault", "append", "extend", "insert", "add", "clear", "pop", "popitem",
                      "remove", "discard"})


def function_writes(function, definitions: dict) -> tuple[str, dict] | None:
    """(class name, {attribute: line}) when a module function calls a classmethod of a class of its module that
    sets class attributes (`def update_config(values): Config._update(values)`): calling the function sets them.
    `definitions`: those of the function's own module (so the answer is the function's alone: kept while its
    tree lives, for every file of a run that calls it)."""
    if not isinstance(function, FUNCS):
        return None
    try:
        return _FUNCTION_WRITES[function]
    except KeyError:
        found = _FUNCTION_WRITES[function] = _function_writes(function, definitions)
        return found


_FUNCTION_WRITES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _function_writes(function, definitions: dict) -> tuple[str, dict] | None:
    for node in nodes_in(function):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and isinstance(node.func.value, ast.Name) and isinstance(definitions.get(node.func.value.id), ast.ClassDef):
            cls = definitions[node.func.value.id]
            method = next((f for f in cls.body if isinstance(f, FUNCS) and f.name == node.func.attr), None)
            written = class_writes(method)
            if written:
                return cls.name, written
    return None


def makes_instance(function, cls: ast.ClassDef) -> bool:
    """A module function whose every return gives a new instance of `cls` (`def get_config(): return Config()`)."""
    if not isinstance(function, FUNCS):
        return False
    returns = [n for n in nodes_in(function) if isinstance(n, ast.Return)]
    return bool(returns) and all(isinstance(n.value, ast.Call) and isinstance(n.value.func, ast.Name)
                                 and n.value.func.id == cls.name and not n.value.args for n in returns)


def getattr_reads(cls: ast.ClassDef, attributes: set) -> bool:
    """Does the class's `__getattr__` read one of its class attributes `attributes` (`Config._options[name]`,
    `self._options`, `type(self)._options`)? Then every attribute an instance lacks is read from it."""
    hook = next((f for f in cls.body if isinstance(f, FUNCS) and f.name == "__getattr__"), None)
    if hook is None or not hook.args.args:
        return False
    me = hook.args.args[0].arg
    return any(isinstance(n, ast.Attribute) and n.attr in attributes and isinstance(n.ctx, ast.Load)
               and isinstance(n.value, ast.Name) and n.value.id in (cls.name, me) for n in ast.walk(hook))


def returns_own_instance(method) -> bool:
    """A classmethod whose every return gives an instance of its class: `cls(...)`, or an attribute of
    the class it has just stored `cls(...)` in (a singleton)."""
    if not isinstance(method, FUNCS) or not method.args.args \
            or not any(isinstance(d, ast.Name) and d.id == "classmethod" for d in method.decorator_list):
        return False
    owner = method.args.args[0].arg
    made = set()  # attributes of the class that hold an instance made here
    for node in ast.walk(method):
        if isinstance(node, ast.Assign) and _makes(node.value, owner):
            made |= {t.attr for t in node.targets if isinstance(t, ast.Attribute)
                     and isinstance(t.value, ast.Name) and t.value.id == owner}
    returns = [n for n in ast.walk(method) if isinstance(n, ast.Return)]
    return bool(returns) and all(
        n.value is not None and (_makes(n.value, owner) or isinstance(n.value, ast.Attribute)
                                 and isinstance(n.value.value, ast.Name) and n.value.value.id == owner
                                 and n.value.attr in made)
        for n in returns)


def _makes(value, owner: str) -> bool:
    return isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == owner


def _writes_of(resolver, qualified: str) -> tuple:
    """(the class attributes the classmethod `qualified` sets, (class name, {attribute: line}) for a module
    function that sets them through a classmethod of its module, or None)."""
    summary, name = names_summary(resolver, qualified)
    cls_name, _, method_name = name.partition(".") if name else ("", "", "")
    cls = summary.definitions.get(cls_name) if summary is not None and method_name else None
    method = next((f for f in cls.body if isinstance(f, FUNCS) and f.name == method_name), None) \
        if isinstance(cls, ast.ClassDef) else None
    written = class_writes(method)
    if written or summary is None or not name or method_name:
        return written, None
    return written, function_writes(summary.definitions.get(name), summary.definitions)


def imported_class_settings(ctx) -> None:
    if ctx.resolver is None or not ctx.facts.project_calls:
        return
    parents_run, children = ctx.parent_functions, ctx.child_functions
    writers: dict = {}  # qualified class -> {qualified method or module function: {attribute: line}}
    # (a module's functions are called from many places: each is read once per analysis, not once per call;
    # dask's files made 5,318 walks of the same few hundred functions)
    known: dict = {}  # qualified -> `_writes_of` it
    for call, qualified, _args, _kwargs, where in ctx.facts.project_calls:
        found = known.get(qualified)
        if found is None:
            found = known[qualified] = _writes_of(ctx.resolver, qualified)
        written, through = found
        if written:
            writers.setdefault(qualified.rpartition(".")[0], {})[qualified] = written
        elif through is not None:
            writers.setdefault(f"{qualified.rpartition('.')[0]}.{through[0]}", {})[qualified] = through[1]
    if not writers:
        return
    owners = {q: owner for owner, by in writers.items() for q in by}
    reads_reported: set = set()
    for call, qualified, _args, _kwargs, where in ctx.facts.project_calls:
        owner = owners.get(qualified)
        written = writers[owner][qualified] if owner is not None else None
        if not written or where.function in children or not (where.guarded or where.function in parents_run):
            continue
        summary, _name = names_summary(ctx.resolver, owner)
        cls = summary.definitions.get(owner.rpartition(".")[2]) if summary is not None else None
        if not isinstance(cls, ast.ClassDef) or _set_in_children(ctx, writers[owner], set(written), children):
            continue
        read = _child_reads(ctx, owner, cls, set(written), children, parents_run, summary.definitions)
        if not read:
            continue
        attribute, methods, node = read
        label = f"{cls.name}.{attribute}"
        ctx.report("MP302", call, f"`{label}` is set by the parent at run time ({qualified.rpartition('.')[2]}() of "
                   f"{owner.rpartition('.')[0]} {'assigns' if owners.get(qualified) == qualified.rpartition('.')[0] else 'sets'} it) but read by a child; a child that re-imports the module "
                   "sees its import-time value", methods,
                   related_file=RelatedFile(summary.path, written[attribute], f"`{label}` is assigned here"))
        if id(node) not in reads_reported:  # the child's read too: there the value is missing
            reads_reported.add(id(node))
            through = "" if node.attr == attribute else f" (`{cls.name}.__getattr__` looks `{node.attr}` up in it)"
            ctx.report("MP302", node, f"a child reads `{label}`{through}, which the parent sets at run time (line "
                       f"{call.lineno}); a child that re-imports {owner.rpartition('.')[0]} sees its import-time value",
                       methods, related=((call, f"`{label}` is set here"),),
                       related_file=RelatedFile(summary.path, written[attribute], f"`{label}` is assigned here"))


def _set_in_children(ctx, writing: dict, attributes: set, children) -> bool:
    """Does code that runs in a child call a classmethod (or module function) that sets one of `attributes`
    (an initializer that configures the class again), or is one a pool's initializer itself?"""
    if any(where.function in children and attributes & set(writing.get(qualified, ()))
           for _call, qualified, _a, _k, where in ctx.facts.project_calls):
        return True
    for creation in ctx.facts.creations:
        initializer = ctx.flow.resolve(creation.initializer) if creation.initializer is not None else None
        qualified = getattr(initializer, "qualified", None) or ctx.imports.qualify(getattr(initializer, "node", None)) \
            if initializer is not None else None
        if qualified and attributes & set(writing.get(qualified, ())):
            return True
    return False


def _child_reads(ctx, owner: str, cls: ast.ClassDef, attributes: set, children, parents_run, definitions=None):
    """(attribute, start methods under which the child misses the parent's value) for the first read of
    one of `attributes` of the class `owner` (qualified) in code that runs in a child only: by name, or any
    attribute of an instance that the class lacks when its `__getattr__` reads one of them."""
    own = {f.name for f in cls.body if returns_own_instance(f)}
    module = owner.rpartition(".")[0]
    makers = {f"{module}.{name}" for name, f in (definitions or {}).items() if makes_instance(f, cls)}
    hooked = getattr_reads(cls, attributes)
    defined = {n.name for n in cls.body if isinstance(n, (*FUNCS, ast.ClassDef))} | {
        t.id for n in cls.body if isinstance(n, (ast.Assign, ast.AnnAssign))
        for t in (n.targets if isinstance(n, ast.Assign) else [n.target]) if isinstance(t, ast.Name)}
    for func, kids in children.items():
        if func in parents_run or not isinstance(func, FUNCS):
            continue
        holders, instances = set(), set()  # local names that hold the class or an instance of it
        for node in nodes_in(func):
            if isinstance(node, ast.Assign) and _instance_of(ctx, node.value, owner, own, makers):
                names = {t.id for t in node.targets if isinstance(t, ast.Name)}
                holders |= names
                if ctx.imports.qualify(node.value) != owner:
                    instances |= names
        loads = sorted((n for n in nodes_in(func) if isinstance(n, ast.Attribute) and isinstance(n.ctx, ast.Load)),
                       key=lambda n: (n.lineno, n.col_offset))  # the first read in the source
        for node in loads:
            by_name = node.attr in attributes and (
                ctx.imports.qualify(node.value) == owner or _instance_of(ctx, node.value, owner, own, makers)
                or isinstance(node.value, ast.Name) and node.value.id in holders)
            hook = hooked and node.attr not in defined and not node.attr.startswith("__") and (
                _instance_of(ctx, node.value, owner, own, makers) or isinstance(node.value, ast.Name)
                and node.value.id in instances)
            if by_name or hook:
                methods = frozenset()
                for child in kids:
                    methods |= ctx.breaks(child.method, lambda m: m != "fork")
                return node.attr if by_name else sorted(attributes)[0], methods, node
    return None


def _instance_of(ctx, value, owner: str, own: set, makers=frozenset()) -> bool:
    """`Settings()`, `Settings.get()` (a classmethod returning an instance of its class), `get_settings()`
    (a function of the class's module returning a new instance)."""
    if not isinstance(value, ast.Call):
        return False
    qualified = ctx.imports.qualify(value.func)
    if qualified == owner or qualified in makers:
        return True
    return qualified is not None and qualified.rpartition(".")[0] == owner and qualified.rpartition(".")[2] in own
