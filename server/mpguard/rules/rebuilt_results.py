"""MP207 for a task's result that pickle accepts but cannot rebuild in the parent: an object of an int, str, float,
bytes, complex or tuple subclass whose `__new__` needs more than the one value pickle passes (semantic/new_args;
cogent3 #75, fresh_reports17 cogent3_75: an app returns `self.not_completed("ERROR", ...)`, the class attribute its
subclass sets to NotCompletedResult). The classes are found where the value is made: a constructor call of a class
of this module or of another project module, and, for a task that is an object of this module's class whose
`__call__` it inherits from another project module, the `return self.<name>(...)` of that `__call__` with `<name>`
a class attribute of the object's class (looked up from the object's class down its bases, as Python does).
"""
from __future__ import annotations

import ast

from mpguard.resolve.project import module_names
from mpguard.semantic import values as V
from mpguard.semantic.exception_args import class_bases
from mpguard.semantic.new_args import newobj_problem

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


def returned_problem(ctx, value, module_bases):
    """(class name, reason, error) when a returned value is an object pickle cannot rebuild by its __new__."""
    kind = type(value)
    if kind is V.Instance and value.cls is not None and isinstance(value.cls.definition, ast.ClassDef):
        found = newobj_problem(value.cls.definition, module_bases)
        return (value.cls.definition.name, *found) if found else None
    if kind is V.Returned and isinstance(value.node, ast.Call):
        return _foreign_class_problem(ctx, value.qualified)
    return None


def inherited_call_problem(ctx, task, module_bases):
    """(class name, reason, error, the foreign `return`'s line, its module's path) for a task that is an object of
    this module's class whose `__call__` comes from another project module's base and returns `self.<name>(...)`
    of a class attribute naming a class pickle cannot rebuild; else None."""
    value = ctx.flow.resolve(task)
    if type(value) is not V.Instance or value.cls is None or not isinstance(value.cls.definition, ast.ClassDef):
        return None
    lineage = ctx.facts.lineage(value.cls.definition)
    if any(isinstance(f, FUNCS) and f.name == "__call__" for c in lineage for f in getattr(c, "body", ())):
        return None  # its own __call__: judged as a task of this module
    for cls in lineage:
        for base in getattr(cls, "bases", ()):
            qualified = ctx.imports.qualify(base)
            found = _class_of(ctx, qualified)
            if found is None:
                continue
            foreign, _imports, path = found
            call = next((f for f in foreign.body if isinstance(f, FUNCS) and f.name == "__call__"), None)
            for ret in _returns(call) if call is not None else ():
                made = ret.value
                if not (isinstance(made, ast.Call) and isinstance(made.func, ast.Attribute)
                        and isinstance(made.func.value, ast.Name) and made.func.value.id == "self"):
                    continue
                named = _class_attribute(lineage, made.func.attr)
                problem = _named_class_problem(ctx, named, module_bases) if named is not None else None
                if problem is not None:
                    return (*problem, ret.lineno, path)
            return None  # (the first base of another module with its own __call__ decides)
    return None


def _returns(function) -> list:
    out, todo = [], list(function.body)
    while todo:
        node = todo.pop()
        if isinstance(node, (*FUNCS, ast.Lambda, ast.ClassDef)):
            continue
        if isinstance(node, ast.Return) and node.value is not None:
            out.append(node)
        todo.extend(ast.iter_child_nodes(node))
    return out


def _class_attribute(lineage, name: str):
    """The expression a class body of the lineage (nearest first) assigns to `name`, else None."""
    for cls in lineage:
        for stmt in getattr(cls, "body", ()):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else \
                [stmt.target] if isinstance(stmt, ast.AnnAssign) and stmt.value is not None else []
            if any(isinstance(t, ast.Name) and t.id == name for t in targets):
                return stmt.value
    return None


def _named_class_problem(ctx, expr, module_bases):
    """The problem of the class an expression of this module names: a class of this module or an imported one."""
    if isinstance(expr, ast.Name):
        local = next((s for s in ctx.tree.body if isinstance(s, ast.ClassDef) and s.name == expr.id), None)
        if local is not None:
            found = newobj_problem(local, module_bases)
            return (local.name, *found) if found else None
    return _foreign_class_problem(ctx, ctx.imports.qualify(expr))


def _foreign_class_problem(ctx, qualified):
    found = _class_of(ctx, qualified)
    if found is None:
        return None
    cls, imports, _path = found
    names = module_names(ctx.resolver, qualified.rpartition(".")[0])
    definitions = {n: d for n, d in (names[0] if names else {}).items() if isinstance(d, ast.ClassDef)}
    problem = newobj_problem(cls, class_bases(definitions, imports, ctx.resolver))
    return (cls.name, *problem) if problem else None


def _class_of(ctx, qualified):
    """(ClassDef, its module's imports, its module's path) of a project class, else None."""
    if not qualified or ctx.resolver is None:
        return None
    lookup = getattr(ctx.resolver, "class_definition", None)
    found = lookup(qualified) if lookup is not None else None
    if found is None or not isinstance(found[0], ast.ClassDef):
        return None
    locate = getattr(ctx.resolver, "locate", None)
    path = locate(qualified.rpartition(".")[0]) if locate is not None else None
    return found[0], found[1], str(path) if path is not None else None
