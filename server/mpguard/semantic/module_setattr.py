"""A module's global replaced at run time by another project module's function: `setattr(module, name, value)`
(or `module.name = value`) on a module object the function is given, or on one it imports.

    def instrument(module, names):             # r23kit/instrument.py (appmap-python #202's agent)
        for name in names:
            setattr(module, name, FunctionWrapper(getattr(module, name), RECORDER))

A program that calls `instrument(geometry, ["area", "perimeter"])` has replaced `geometry.area` by a
FunctionWrapper: what it later reads as `geometry.area` (and hands to a pool) is that object, pickled by its
class's own rules (a proxy whose `__reduce_ex__` only raises is refused under every start method). Read from the
function's syntax alone, as a fact of the project index (`setattr_fact`); the caller's arguments say which module
and which names (`replacements`). Only values made by calling a class are recorded: what the class is says how
the object pickles."""
from __future__ import annotations

import ast

from mpguard.semantic import values as V
from mpguard.semantic.fact_trees import fact_tree
from mpguard.semantic.local_values import own_nodes
from mpguard.semantic.servers import module_imports

SETATTR_FACT = "module-setattr"
FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


def setattr_fact(data: bytes, path: str, module: str, resolver=None) -> dict:
    """{function: [[target, name, value]]} for the module's top-level functions, where target is ["param",
    position, parameter name] or ["module", qualified module], name is ["const", text] or ["param", position,
    parameter name] (the parameter itself, or a loop over it, gives the names) and value the qualified name of
    the class whose call makes the new value."""
    try:
        tree = fact_tree(data, path, resolver)  # (it keeps none of the tree's nodes)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return {}
    imports = module_imports(tree, module, path)
    classes = {s.name for s in tree.body if type(s) is ast.ClassDef}
    imported_modules = imported_module_names(tree, imports, resolver)
    out = {}
    for func in tree.body:
        if not isinstance(func, FUNCS):
            continue
        params = [a.arg for a in (*func.args.posonlyargs, *func.args.args)]
        loops = _loop_names(func)
        found = []
        for node in own_nodes(func):
            write = _write(node)
            if write is None:
                continue
            target, name, value = write
            where = _target(target, params, imported_modules, func)
            named = _name(name, params, loops)
            made = _made(value, classes, imports, module)
            if where is not None and named is not None and made is not None:
                found.append([where, named, made])
        if found:
            out[func.name] = found
    return out


def imported_module_names(tree: ast.Module, imports, resolver=None) -> dict:
    """Top-level name -> the module it is bound to by `import x` / `import x.y as z`, or by `from pkg import mod`
    when `pkg.mod` is a module of the project (a class or function imported that way is not a module)."""
    locate = getattr(resolver, "locate", None)
    out = {}
    for stmt in tree.body:
        if type(stmt) is ast.Import:
            for alias in stmt.names:
                out[alias.asname or alias.name.split(".")[0]] = alias.name if alias.asname else alias.name.split(".")[0]
        elif type(stmt) is ast.ImportFrom and locate is not None:
            for alias in stmt.names:
                qualified = imports.qualify(ast.Name(alias.asname or alias.name, ast.Load()))
                if qualified and locate(qualified) is not None:
                    out[alias.asname or alias.name] = qualified
    return out


def own_replacements(tree: ast.Module, imports, resolver=None) -> dict:
    """`module.name` -> (the class whose call makes the new value, the write) for the writes of this module's own
    code (its functions and its top level) on a module it imports: `setattr(geometry, "area", Proxy(...))`,
    `geometry.area = Proxy(...)`. The class is named as `imports` qualifies it (a class of this module: its name)."""
    modules = imported_module_names(tree, imports, resolver)
    classes = {s.name for s in tree.body if type(s) is ast.ClassDef}
    out = {}
    for node in ast.walk(tree):
        write = _write(node)
        if write is None or type(write[0]) is not ast.Name or write[0].id not in modules:
            continue
        named = _name(write[1], [], {})
        made = _made(write[2], classes, imports, "")
        if named is not None and made is not None:
            out.setdefault(f"{modules[write[0].id]}.{named[1]}", (made.lstrip("."), node))
    return out


def _write(node):
    """(module expression, name expression, value) of `setattr(m, name, value)`, or of `m.attr = value`."""
    if type(node) is ast.Call and type(node.func) is ast.Name and node.func.id == "setattr" and len(node.args) == 3 \
            and not node.keywords:
        return node.args[0], node.args[1], node.args[2]
    if type(node) is ast.Assign and len(node.targets) == 1 and type(node.targets[0]) is ast.Attribute \
            and type(node.targets[0].value) is ast.Name:
        return node.targets[0].value, ast.Constant(node.targets[0].attr), node.value
    return None


def _target(expr, params: list, imported: dict, func):
    if type(expr) is not ast.Name or _rebound(func, expr.id):
        return None
    if expr.id in params:
        return ["param", params.index(expr.id), expr.id]
    if expr.id in imported:
        return ["module", imported[expr.id]]
    return None


def _name(expr, params: list, loops: dict):
    if type(expr) is ast.Constant and isinstance(expr.value, str):
        return ["const", expr.value]
    if type(expr) is ast.Name:
        given = loops.get(expr.id, expr.id)  # `for name in names:` gives each of the parameter's items
        if given in params:
            return ["param", params.index(given), given]
    return None


def _made(value, classes: set, imports, module: str) -> str | None:
    """The qualified name of the class (of this module or imported) whose call makes `value`."""
    if type(value) is not ast.Call:
        return None
    if type(value.func) is ast.Name and value.func.id in classes:
        return f"{module}.{value.func.id}"
    return imports.qualify(value.func) or None


def _loop_names(func) -> dict:
    """Loop variable -> the parameter it iterates (`for name in names:`), for variables bound by that loop only."""
    out, bound = {}, {}
    for node in own_nodes(func):
        if type(node) is ast.For and type(node.target) is ast.Name and type(node.iter) is ast.Name:
            out[node.target.id] = node.iter.id
        for name in _stored(node):
            bound[name] = bound.get(name, 0) + 1
    return {k: v for k, v in out.items() if bound.get(k) == 1}


def _rebound(func, name: str) -> bool:
    """Is the parameter (or imported name) bound again in the function (then it may be another object)?"""
    return any(name in _stored(node) for node in own_nodes(func))


def _stored(node) -> list:
    if type(node) is ast.Name and type(node.ctx) is ast.Store:
        return [node.id]
    return []


def replacements(project_calls: list, resolver) -> dict:
    """`module.name` (qualified) -> (class qualified name, the call of this module that replaces it, the function
    called) for each call of another project module's function that replaces a module's global (setattr_fact), with
    the module given as a module object and the names as strings (or a list or tuple of strings)."""
    fact_of = getattr(resolver, "module_fact", None) if resolver is not None else None
    if fact_of is None:
        return {}
    out = {}
    for call, qualified, args, kwargs, _where in project_calls:
        module, _, function = qualified.rpartition(".")
        fact = fact_of(module, SETATTR_FACT, setattr_fact) if module else None
        for target, name, made in (fact or {}).get(function, ()):
            base = target[1] if target[0] == "module" else _module_given(_argument(args, kwargs, target))
            names = [name[1]] if name[0] == "const" else _names_given(_argument(args, kwargs, name))
            for each in names if base else ():
                out.setdefault(f"{base}.{each}", (made, call, qualified))
    return out


def _argument(args: list, kwargs: dict, spec: list):
    """The value the call gives the parameter ["param", position, name] (None when not known)."""
    position, name = spec[1], spec[2]
    if any(type(expr) is ast.Starred for expr, _v in args[:position + 1]):
        return None
    if position < len(args):
        return args[position][1]
    given = kwargs.get(name)
    return given[1] if isinstance(given, tuple) else given


def _module_given(value) -> str | None:
    return value.qualified if type(value) is V.ModuleRef else None


def _names_given(value) -> list:
    if type(value) is V.Constant and type(value.node) is ast.Constant and isinstance(value.node.value, str):
        return [value.node.value]
    if type(value) is V.Sequence and not value.mapping and value.items \
            and all(type(v) is V.Constant and type(v.node) is ast.Constant and isinstance(v.node.value, str)
                    for v in value.items):
        return [v.node.value for v in value.items]
    return []
