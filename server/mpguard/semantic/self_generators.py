"""A generator object a method makes by calling a generator method of its own object: `self.updater =
self._q_updates()` in `__init__`, where `_q_updates` contains `yield` (hcp4715/dockerHDDM #17's HDDMrl). Pickle,
dill and cloudpickle refuse generator objects (TypeError: cannot pickle 'generator' object), so an instance that
keeps one cannot cross to a worker, nor come back from one. Python finds the method through the instance's
class first, then its bases (the lineage given, most derived first): the first class that binds the name decides."""
from __future__ import annotations

import ast

from mpguard.semantic.local_values import own_nodes

# decorators that leave calling the def a call of the def itself (a generator function stays one)
PLAIN = frozenset({"staticmethod", "classmethod", "abstractmethod", "override", "final"})


def _decorator_name(decorator) -> str:
    return decorator.attr if type(decorator) is ast.Attribute else getattr(decorator, "id", "")


def _binds(cls: ast.ClassDef, name: str):
    """The statement of `cls`'s body that binds `name` (a def, or an assignment: not a method read here)."""
    for stmt in cls.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name == name:
            return stmt
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target] \
            if isinstance(stmt, (ast.AnnAssign, ast.AugAssign)) else []
        if any(type(t) is ast.Name and t.id == name for t in targets):
            return stmt
    return None


def is_generator_def(func) -> bool:
    """A plain `def` whose own body yields: calling it makes a generator object (not an async generator)."""
    return type(func) is ast.FunctionDef and all(_decorator_name(d) in PLAIN for d in func.decorator_list) \
        and any(isinstance(n, (ast.Yield, ast.YieldFrom)) for n in own_nodes(func))


def self_generator_call(value, method, lineage) -> str | None:
    """The name of the generator method `value` calls on `method`'s own object (`self._q_updates()` in a method
    whose first parameter is `self`), found first in `lineage`; else None."""
    if type(value) is not ast.Call or type(value.func) is not ast.Attribute or type(value.func.value) is not ast.Name \
            or not isinstance(method, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return None
    params = [*method.args.posonlyargs, *method.args.args]
    if not params or params[0].arg != value.func.value.id \
            or any(_decorator_name(d) in ("staticmethod", "classmethod") for d in method.decorator_list):
        return None
    name = value.func.attr
    for cls in lineage:
        if isinstance(cls, ast.ClassDef):
            found = _binds(cls, name)
            if found is not None:
                return name if is_generator_def(found) else None
    return None
