"""A module's global that decides whether its functions start processes, and the value a module importing it
gives that global at its top.

    max_parallel_uploads = 10                     # convertapi.py (ConvertAPI #19)
    def _upload_all(paths):
        if max_parallel_uploads > 1 and len(paths) > 1:
            with multiprocessing.Pool(...) as pool: ...

    convertapi.max_parallel_uploads = 1           # the worker module, at its top: the maintainers' work-round

The test of the global is a condition of the start (semantic/param_guards' `GLOBAL` conditions), which no argument
decides. A statement at the top of a module runs in every process that runs that module's code: the main process
ran it when it imported the module, a forked child inherits its result, a spawned or forkserver child (a Pool
worker unpickling a task of the module, or re-importing the main script as `__mp_main__`) imports the module and
runs it again. So a call made in that module's code sees the global at the value the statement gave it, unless
something else may change it: only a literal, stored once in the whole importing module (no other
`module.name = ...`, no `setattr` on the module), at its top, neither under an `if` (a main guard: a spawned child
does not run it) nor in a function (a forked child has it, a spawned one not), read by the owning module only as a
global it never declares `global` in a function (a setter the program may call later).
"""
from __future__ import annotations

import ast

from mpguard.semantic.index import module_nodes_of
from mpguard.semantic.param_guards import GLOBAL

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


def setting_names(tree: ast.Module) -> frozenset:
    """The globals of a module whose tests are conditions (`param_guards.guards`' `settings`): names its top binds
    by plain assignments only, never declared `global` in a function nor bound by a def, class or import."""
    assigned, other = set(), set()
    for stmt in tree.body:
        if type(stmt) is ast.Assign:
            assigned.update(t.id for t in stmt.targets if type(t) is ast.Name)
        elif type(stmt) in (ast.AnnAssign, ast.AugAssign) and type(stmt.target) is ast.Name:
            assigned.add(stmt.target.id)
        elif isinstance(stmt, (*FUNCS, ast.ClassDef)):
            other.add(stmt.name)
        elif isinstance(stmt, (ast.Import, ast.ImportFrom)):
            other.update((a.asname or a.name).split(".")[0] for a in stmt.names)
    if not assigned:
        return frozenset()
    for node in module_nodes_of(tree, ast.Global):
        other.update(node.names)
    return frozenset(assigned - other)


def import_time_values(tree: ast.Module, imports) -> dict:
    """"global <module>.<name>" -> (line, literal) for each global of another module this module sets at its
    top to a literal, the only store of that attribute in the module (see the module's docstring)."""
    if imports is None:
        return {}
    found: dict = {}
    for stmt in tree.body:
        if type(stmt) is ast.Assign and len(stmt.targets) == 1 and _literal(stmt.value):
            qualified = _module_attribute(stmt.targets[0], imports)
            if qualified is not None:
                found.setdefault(qualified, []).append((stmt.lineno, stmt.value))
    if not found:
        return {}
    stores: dict = {}
    changed = set()  # modules given to setattr/delattr, or whose names are rebound
    for node in module_nodes_of(tree, ast.Attribute):
        if type(node.ctx) is not ast.Load:
            qualified = _module_attribute(node, imports)
            if qualified is not None:
                stores[qualified] = stores.get(qualified, 0) + 1
    for node in module_nodes_of(tree, ast.Call):
        if type(node.func) is ast.Name and node.func.id in ("setattr", "delattr") and node.args:
            changed.add(imports.qualify(node.args[0]))
    return {GLOBAL + qualified: values[0] for qualified, values in found.items()
            if len(values) == 1 and stores.get(qualified) == 1 and qualified.rpartition(".")[0] not in changed}


def _module_attribute(target, imports) -> str | None:
    """`mod.name` of a module the import map names (`import pkg.mod as mod`, `from pkg import mod`)."""
    if type(target) is not ast.Attribute or type(target.value) is not ast.Name:
        return None
    return imports.qualify(target)


def _literal(expr) -> bool:
    if type(expr) is ast.UnaryOp and type(expr.op) is ast.USub:
        expr = expr.operand
    return type(expr) is ast.Constant and type(expr.value) in (int, float, str, bool, type(None))


def value_at(values: dict, name: str, module: str | None, line: int | None):
    """The literal `values` (`import_time_values`) surely gives the global condition `name` ("global x" of
    `module`'s own, or "global mod.x") at a call of line `line` made at the importing module's top (None: in a
    function, which runs after the module's top did); None when not known."""
    if "." not in name:
        if module is None:
            return None
        name = f"{GLOBAL}{module}.{name[len(GLOBAL):]}"
    found = values.get(name)
    if found is None or (line is not None and line < found[0]):
        return None
    return found[1]
