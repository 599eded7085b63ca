"""Registries: a module-level dict that a decorator or a register() call fills, read back by name.

    HANDLERS = {}                        # rz7kit/registry.py
    def register(name):                  # a decorating registrar: `@registry.register("download")`
        def deco(fn):
            HANDLERS[name] = fn
            return fn
        return deco
    def add(name, fn):                   # a calling registrar: `registry.add("threshold", lambda p: ...)`
        HANDLERS[name] = fn
    def resolve(name):                   # a lookup: `registry.resolve(task_name)(arg)`
        return HANDLERS[name]
    def enrol(cls):                      # an enrolling class decorator: `@registry.enrol` on `class Fast: name = "fast"`
        HANDLERS[cls.name] = cls
        return cls

Which functions of a project module play these roles is read from their syntax alone (`role_of`). The walk keeps
one container per registry (`Tables`), a dict whose constant keys are known: each registration the walk meets (a
decorated def, a registrar's call) adds its value under its key, and a lookup gives an `Element` of that container
keyed by the lookup's argument, resolved when a rule asks (`flow.resolve`): a constant name gives the value
registered under it (none when nothing is), a name no one knows any registered value, reported only when every one
has a problem (`flow.every`: which one it is depends on data the program reads).

Another module's table read directly (`registry.HANDLERS[name]`) that an enrolling decorator fills holds the classes
it decorates at the top of that module and of the project modules this one imports (those a program imports only for
that side effect too), under the constant each class sets for the key's attribute (`imported_table`). A class whose
key is not such a constant, or two classes under one key, leave the table unknown (precision first)."""
from __future__ import annotations

import ast
from dataclasses import dataclass

from mpguard.semantic import values as V
from mpguard.semantic.index import child_fields

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


@dataclass(frozen=True)
class Role:
    """What a registry function does: kind "lookup" (returns `table[key]`), "add" (`table[key] = value`, both
    parameters) or "decorate" (returns a decorator that stores the function it decorates under `key`)."""

    kind: str
    table: str  # the module-level dict's name
    key: int  # the key's parameter position
    value: int = -1  # "add": the value's parameter position
    attr: str = ""  # "enrol": the attribute of the decorated class that is its key (`TABLE[cls.name] = cls`)


def _positional(func) -> list[str]:
    return [a.arg for a in (*func.args.posonlyargs, *func.args.args)]


_SCOPES = (*FUNCS, ast.Lambda, ast.ClassDef)


def _own_nodes(func) -> list:
    """The nodes of `func`'s body, without those of the functions and classes defined in it, in the order of a
    depth-first walk (`ast.iter_child_nodes` at each node) but for expression contexts and operators (`Load`,
    `Add`, ...), which no role reads: a few times faster than the generator (`index.child_fields`)."""
    out, stack = [], list(reversed(func.body))
    while stack:
        node = stack.pop()
        out.append(node)
        if isinstance(node, _SCOPES):
            continue
        children = []
        for name in child_fields(type(node)):
            value = getattr(node, name, None)
            if type(value) is list:
                children.extend(child for child in value if isinstance(child, ast.AST))
            elif isinstance(value, ast.AST):
                children.append(value)
        stack.extend(reversed(children))
    return out


def _locals(func, own: list | None = None) -> set:
    """Names `func` binds itself (a table of that name would be its own, not the module's). `own`: its
    `_own_nodes`, when the caller has them."""
    out = set(_positional(func)) | {a.arg for a in func.args.kwonlyargs}
    for node in _own_nodes(func) if own is None else own:
        if type(node) is ast.Name and type(node.ctx) is ast.Store:
            out.add(node.id)
        elif isinstance(node, (*FUNCS, ast.ClassDef)):
            out.add(node.name)
    return out


def _store(node, keys: list, values: list, local: set):
    """(table, key position, value position) of `TABLE[key] = value` with both names parameters, else None."""
    if type(node) is not ast.Assign or len(node.targets) != 1:
        return None
    target = node.targets[0]
    if type(target) is not ast.Subscript or type(target.value) is not ast.Name or target.value.id in local:
        return None
    if type(target.slice) is not ast.Name or target.slice.id not in keys or type(node.value) is not ast.Name \
            or node.value.id not in values:
        return None
    return target.value.id, keys.index(target.slice.id), values.index(node.value.id)


def _looked_up(expr, params: list, local: set):
    """(table, key position) of `TABLE[key]` or `TABLE.get(key)` with `key` a parameter, else None."""
    if type(expr) is ast.Subscript and type(expr.value) is ast.Name and type(expr.slice) is ast.Name:
        table, key = expr.value.id, expr.slice.id
    elif type(expr) is ast.Call and type(expr.func) is ast.Attribute and expr.func.attr == "get" \
            and type(expr.func.value) is ast.Name and expr.args and type(expr.args[0]) is ast.Name:
        table, key = expr.func.value.id, expr.args[0].id
    else:
        return None
    return (table, params.index(key)) if key in params and table not in local else None


def _enrolled(own: list, params: list, local: set, returns: list):
    """(table, attr) of a one-parameter decorator that stores its argument under one of its attributes and gives it
    back (`TABLE[cls.name] = cls`, then `return cls`), else None."""
    if len(params) != 1 or not returns or any(type(r.value) is not ast.Name or r.value.id != params[0] for r in returns):
        return None
    for node in own:
        if type(node) is not ast.Assign or len(node.targets) != 1 or type(node.value) is not ast.Name \
                or node.value.id != params[0]:
            continue
        target = node.targets[0]
        if type(target) is ast.Subscript and type(target.value) is ast.Name and target.value.id not in local \
                and type(target.slice) is ast.Attribute and type(target.slice.value) is ast.Name \
                and target.slice.value.id == params[0]:
            return target.value.id, target.slice.attr
    return None


_UNKNOWN = object()


def role_of(func) -> Role | None:
    """The registry role of a top-level function, read from its syntax; None for any other function. Kept on
    the def's node (as `expressions._self_stores` keeps a class's stores): every walk of a run, each file and
    each summary, asks again about the same project functions (distributed: 571 readings of a few hundred
    defs), and a syntax tree is never changed once parsed."""
    if not isinstance(func, FUNCS):
        return None
    known = getattr(func, "_mpguard_role", _UNKNOWN)
    if known is _UNKNOWN:
        known = func._mpguard_role = _role_of(func)
    return known


def _role_of(func) -> Role | None:
    own = _own_nodes(func)  # (listed once for both)
    params, local = _positional(func), _locals(func, own)
    returns = [n for n in own if type(n) is ast.Return]
    found = {_looked_up(r.value, params, local) for r in returns}
    if len(found) == 1 and None not in found:  # every return is the table's item under the key parameter
        table, key = found.pop()
        return Role("lookup", table, key)
    for node in own:
        stored = _store(node, params, params, local)
        if stored is not None:
            return Role("add", stored[0], stored[1], stored[2])
    enrolled = _enrolled(own, params, local, returns)
    if enrolled is not None:
        return Role("enrol", enrolled[0], -1, 0, enrolled[1])
    returned = {r.value.id for r in returns if type(r.value) is ast.Name}
    for inner in own:
        if type(inner) is not ast.FunctionDef or inner.name not in returned or len(_positional(inner)) != 1:
            continue
        inner_local = _locals(inner) - set(_positional(inner))
        for node in _own_nodes(inner):
            stored = _store(node, params, _positional(inner), inner_local | local)
            if stored is not None:
                return Role("decorate", stored[0], stored[1])
    return None


class Tables:
    """The registries one walk has met: table (qualified) -> the container of what was registered in it."""

    def __init__(self, resolver):
        self.resolver = resolver
        self.roles: dict = {}  # qualified function -> Role or None
        self.tables: dict = {}
        self.decorators: dict = {}  # id(a decorating registrar's call) -> (table, key value)
        self.foreign: dict = {}  # qualified -> another module's table filled by an enrolling decorator, or None
        # every registration the walk met, in order: (table, key value, value, the call or decorator): what
        # importing this module registers in another module's table (linter/summaries.registrations)
        self.made: list = []

    def role(self, qualified: str) -> Role | None:
        if qualified not in self.roles:
            lookup = getattr(self.resolver, "definition", None)  # (a resolver that reads no project: none)
            definition = lookup(qualified) if lookup is not None else None
            self.roles[qualified] = role_of(definition) if definition is not None else None
        return self.roles[qualified]

    def table(self, qualified: str) -> V.Sequence:
        found = self.tables.get(qualified)
        if found is None:
            found = self.tables[qualified] = V.Sequence(ast.Dict(keys=[], values=[]), [], True)
        return found

    def imported_table(self, qualified: str, at: ast.AST, imports):
        """The table `qualified` (another project module's top-level name) when an enrolling decorator of its module
        fills it: the classes it decorates in that module and in the project modules `imports` names (this
        module's imports), each under the constant its class body sets for the key's attribute; None when the name
        is no such table, or when one class's key is not known or two classes share one (unsure which is there)."""
        if qualified in self.foreign:
            return self.foreign[qualified]
        self.foreign[qualified] = None
        lookup = getattr(self.resolver, "module_names", None)
        module, _, name = qualified.rpartition(".")
        names = lookup(module) if lookup is not None and module else None
        if not names:
            return None
        enrolling = {f"{module}.{d.name}": role.attr for d in names[0].values()
                     for role in (role_of(d),) if role is not None and role.kind == "enrol" and role.table == name}
        if not enrolling:
            return None
        found = {}  # key -> the qualified class registered under it
        modules = [module, *dict.fromkeys(m for q in getattr(imports, "names", {}).values()
                                          for m in (q, q.rpartition(".")[0]) if m and m != module)]
        for other in modules:
            defs, other_imports = lookup(other) or ({}, None)
            for cls in (d for d in defs.values() if type(d) is ast.ClassDef):
                for decorator in cls.decorator_list:
                    used = other_imports.qualify(decorator) if other_imports is not None else None
                    if used is None and type(decorator) is ast.Name and other == module:
                        used = f"{module}.{decorator.id}"
                    if used not in enrolling:
                        continue
                    key = _class_constant(cls, enrolling[used])
                    made = f"{other}.{cls.name}"
                    if key is None or found.get(key, made) != made:
                        return None
                    found[key] = made
        table = V.Sequence(ast.Dict(keys=[ast.Constant(k) for k in found], values=[]),
                           [V.ModuleRef(at, made) for made in found.values()], True)
        self.foreign[qualified] = table
        self.tables[f"<imported> {qualified}"] = table  # (so that `holds` knows it)
        return table

    def name_of(self, container) -> str | None:
        """The qualified name of the registry `container` is (another module's table this walk filled or
        looked up), else None."""
        return next((name for name, found in self.tables.items() if found is container and not name.startswith("<")),
                    None)

    def holds(self, container) -> bool:
        """Is `container` one of these registries?"""
        return any(found is container for found in self.tables.values())

    def register(self, table: str, key, value, at: ast.AST | None = None) -> None:
        """Add `value` under `key` (its value: a constant string is kept as the key; any other leaves the keys
        unknown for that item, placed after the keyed ones as `flow.item` reads a dict literal)."""
        self.made.append((table, key, value, at))
        if value is None:
            return
        container = self.table(table)
        node = getattr(key, "node", None)
        if type(key) is V.Constant and isinstance(node, ast.Constant) and isinstance(node.value, str):
            at = len(container.node.keys)
            container.node.keys.append(node)
            container.items.insert(at, value)
        else:
            container.items.append(value)

    def call(self, e: ast.Call, qualified: str, args: list, kwargs: dict):
        """A call of a project function: a lookup gives the item (an Element of the table), a calling registrar
        registers its value (None), a decorating one is remembered for the def it decorates. Else None."""
        role = self.role(qualified)
        if role is None:
            return None
        module = qualified.rpartition(".")[0]
        table = f"{module}.{role.table}"
        key = _argument(args, role.key)
        if role.kind == "lookup":
            return V.Element(e, self.table(table), key=key if key is not None else V.Value(e))
        if role.kind == "add":
            self.register(table, key, _argument(args, role.value), e)
        elif role.kind == "decorate":
            self.decorators[id(e)] = (table, key)
        return None

    def decorated(self, decorator, value) -> None:
        """`@registry.register("download")` on a def whose value is `value`."""
        found = self.decorators.get(id(decorator))
        if found is not None:
            self.register(found[0], found[1], value, decorator)


def _class_constant(cls: ast.ClassDef, attr: str):
    """The string a class body binds `attr` to (`name = "pg-eager"`), once; else None."""
    bound = [s.value for s in cls.body if type(s) is ast.Assign and len(s.targets) == 1
             and type(s.targets[0]) is ast.Name and s.targets[0].id == attr]
    bound += [s.value for s in cls.body if type(s) is ast.AnnAssign and type(s.target) is ast.Name
              and s.target.id == attr and s.value is not None]
    if len(bound) == 1 and type(bound[0]) is ast.Constant and isinstance(bound[0].value, str):
        return bound[0].value
    return None


def _argument(args: list, position: int):
    if position < len(args) and type(args[position][0]) is not ast.Starred:
        return args[position][1]
    return None



def registered_item(table: str, key, modules, resolver, resolve):
    """What pickle refuses in the item a caller's `key` picks in `table`, a registry of another module that the
    import of `modules` fills (`ProjectResolver.registrations`: each registration judged where it is made):
    (kind, what, error), `what` saying where it was registered. None when the key is not known (a name read at
    run time: the registry then holds what that data picks, not judged across modules), when it names no
    registered item (a KeyError, nothing crosses), when an item it may name pickles, or when what it names is not
    sure: a registration of the table made elsewhere than at a module's top, under a key not known, or a value
    not known. Each module's last registration under a key is the one it leaves; one key registered by several
    modules is reported only when each of theirs is refused (which import runs last is not known)."""
    from mpguard.semantic.members import names_of

    lookup = getattr(resolver, "registrations", None)
    keys = names_of(resolve(key)) if lookup is not None and key is not None else None
    if keys is None:
        return None
    entries: dict = {}  # key -> {module: its last (judged, line)}
    for module in dict.fromkeys(modules):
        made = lookup(module) or {}
        if table not in made:
            continue
        if made[table] is None:
            return None
        for name, judged, line in made[table]:
            if name is None:
                return None
            entries.setdefault(name, {})[module] = (judged, line)
    found = None
    for name in keys:
        for module, (judged, line) in entries.get(name, {}).items():
            if type(judged) is not tuple:
                return None  # (not known, or it pickles)
            if found is None:
                kind, what, error = judged
                found = (kind, f"{what} (registered as {name!r} by {module}, line {line})", error)
    return found
