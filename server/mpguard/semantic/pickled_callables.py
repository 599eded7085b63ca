"""The Pickler's judging of functions and classes pickled by reference: nested and local definitions, lambdas, those
under the main guard or in an unimported __main__, decorator wrappers, and module globals another module replaced."""
from __future__ import annotations

import ast

from mpguard.semantic import errors
from mpguard.semantic import values as V
from mpguard.semantic.names import is_main_guard
from mpguard.semantic.returns import as_decorator
from mpguard.semantic.runtime_modules import NOT_FOUND, RUNTIME_MEMBER, member_what
from mpguard.semantic.refusing_state import REFUSES
from mpguard.semantic.made_classes import SELF_REFERENCE
from mpguard.semantic.module_setattr import own_replacements, replacements
from mpguard.semantic.pickle_problems import (FUNCS, local_error, wrapper_qualname, lambda_error, Problem, qualname,
                                              replaced_error)


def _import_time_names(body: list) -> set:
    """Names a module's statements bind when it is imported (not under `if __name__ == "__main__":`;
    its `else:` does run in a child)."""
    names: set = set()
    for stmt in body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(stmt.name)
        elif isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            for target in (stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]):
                names.update(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
        elif isinstance(stmt, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in stmt.names)
        elif isinstance(stmt, ast.If):
            names |= _import_time_names(stmt.orelse if is_main_guard(stmt.test) else stmt.body + stmt.orelse)
        elif isinstance(stmt, ast.Try):
            names |= _import_time_names(stmt.body + stmt.orelse + stmt.finalbody
                                        + [s for h in stmt.handlers for s in h.body])
        elif isinstance(stmt, (ast.With, ast.AsyncWith)):
            names |= _import_time_names(stmt.body)
    return names


def _returned_wrapper(definition, parents) -> bool:
    """A nested function decorated with `functools.wraps(...)` that the function defining it returns (a decorator's
    wrapper): it takes the wrapped function's module and qualified name, and the module's name for the decorated
    function is bound to this very wrapper, so pickle finds it by reference (rajatkb/Conference-Notify #26's hook
    registry; fresh_realistic5). A wrapper kept only in a registry while the decorator returns `fn` is not one."""
    if type(definition) is not ast.FunctionDef or not any(
            type(d) is ast.Call and (getattr(d.func, "attr", None) == "wraps" or getattr(d.func, "id", None) == "wraps")
            for d in definition.decorator_list):
        return False
    outer = parents.get(definition)  # (the decorator, or the inner one of a factory: `hook(name)` -> `decorate(fn)`)
    if type(outer) is not ast.FunctionDef:
        return False
    return any(type(n) is ast.Return and type(n.value) is ast.Name and n.value.id == definition.name
               for n in outer.body if type(n) is ast.Return)


class CallablePickling:
    """What pickle meets in a function or class, which it saves by its module and qualified name."""

    def _replaced_global(self, value: V.ModuleRef) -> Problem | None:
        """`geometry.area` after this module called another project module's function that replaced it with an
        object of a class (semantic/module_setattr: `instrument(geometry, ["area"])` doing `setattr(module, name,
        FunctionWrapper(...))`): pickled as that object. Not when the read comes first in the function making
        the call (it still reads the function the module defines)."""
        if "replaced globals" not in self._memo:
            self._memo["replaced globals"] = (None, replacements(self.project_calls, self.resolver))
        found = self._memo["replaced globals"][1].get(value.qualified)
        tree = self._module_of(value.node) if found is None and value.node is not None else None
        if tree is not None:  # written by this module's own code: `setattr(geometry, "area", Proxy(...))`
            key = ("own replaced globals", id(tree))
            if key not in self._memo:
                self._memo[key] = (tree, own_replacements(tree, self.imports, self.resolver))
            own = self._memo[key][1].get(value.qualified)
            found = (own[0], own[1], "this module") if own is not None else None
        if found is None:
            return None
        made, call, function = found
        if value.node is not None and self._function_of(value.node) is self._function_of(call) \
                and (value.node.lineno, value.node.col_offset) < (call.lineno, call.col_offset):
            return None
        if "." in made:
            inner = self._imported_instance(V.Returned(call, made), "an instance of ")
        else:  # a class of this module whose own pickling method only raises
            cls = next((c for c in tree.body if type(c) is ast.ClassDef and c.name == made), None)
            refusal = self._refusal(cls) if cls is not None else None
            inner = Problem("state", f"an instance of {made}, whose {refusal[0]}.{refusal[1]} {REFUSES}", refusal[2],
                            cls) if refusal is not None else None
        if inner is None:
            return None
        module, _, name = value.qualified.rpartition(".")
        who = f"{function}()" if function != "this module" else "this module"
        return Problem(inner.kind, f"`{module.rpartition('.')[2]}.{name}`, which {who} (line {call.lineno}) "
                       f"replaces at run time with {inner.what}", inner.error, inner.definition)

    def _module_of(self, node):
        """The ast.Module `node` belongs to (None when its parents are not known)."""
        while node in self.parents:
            node = self.parents[node]
        return node if isinstance(node, ast.Module) else None

    def _function_of(self, node):
        """The def or lambda around `node` (None at module level)."""
        node = self.parents.get(node)
        while node is not None and not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            node = self.parents.get(node)
        return node

    def _callable(self, value: V.Callable) -> Problem | None:
        definition = value.definition
        decorator = None  # the decorator's def in another project module, where a fix can add functools.wraps
        if value.decorators and self.resolver is not None and value.kind in ("module", "method"):
            for qualified, shown, call in value.decorators:
                decoration = getattr(self.resolver, "decoration", None)  # (jedi alone: what a bare one returns)
                summary = decoration(qualified, call) if decoration is not None \
                    else as_decorator(self.resolver.returns(qualified)) if call is None else None
                if summary is not None and summary.kind == "closure":
                    value = V.Callable(value.node, "closure", value.name, definition,
                                       f"decorated by {shown}, which returns its nested {summary.local_name} "
                                       "without functools.wraps")
                    found = self.resolver.definition(qualified) if call is None \
                        and hasattr(self.resolver, "definition") else None
                    decorator = found if isinstance(found, FUNCS) and found not in self.parents else None
                    break
                if summary is not None and summary.kind == "holder" and value.kind == "module":
                    value = V.Callable(value.node, "closure", value.name, definition,
                                       f"replaced by a {summary.local_name} object that keeps it (`@{shown}`)")
                    break
        if value.kind == RUNTIME_MEMBER:  # found by its module's name, which only the parent's sys.modules has
            return Problem(RUNTIME_MEMBER, member_what(value), NOT_FOUND)
        if value.kind == "lambda":
            name = qualname(definition, self.parents, "<lambda>")
            error = local_error(name) if "<locals>" in name else lambda_error(qualname_=name)
            return Problem("lambda", "a lambda", error, definition)
        if value.kind == "local_class" and isinstance(definition, ast.Call):
            # namedtuple("P", ...) / make_dataclass("P", ...) in a function: the class is named plain "P",
            # so pickle looks for __main__.P (not a local object) and does not find it
            maker = definition.func.attr if isinstance(definition.func, ast.Attribute) \
                else getattr(definition.func, "id", "namedtuple")
            key = "made_dataclass_class" if maker == "make_dataclass" else "unfindable_class"  # (3.11: types.P)
            refers = f", {SELF_REFERENCE}" if value.detail == SELF_REFERENCE else ""  # (dill refuses it too)
            return Problem("local", f"class '{value.name}' made by {maker}() inside a function{refers}",
                           errors.text(key, module="__main__", qualname=value.name), definition)
        if value.kind == "nested" and _returned_wrapper(definition, self.parents):
            return None  # `@functools.wraps(fn)` and returned by the decorator: pickled as the module's decorated name
        if value.kind in ("nested", "local_class"):
            name = getattr(definition, "name", value.name)
            # `namedtuple(...)` / `NamedTuple(...)` / `Enum(...)` in a function make a local class too
            label = "local class" if isinstance(definition, (ast.ClassDef, ast.Call)) else "nested function"
            return Problem("local", f"{label} '{name}'",
                           local_error(qualname(definition, self.parents, name), definition), definition)
        if value.kind == "closure":
            if isinstance(definition, (ast.FunctionDef, ast.AsyncFunctionDef)) and value.detail.startswith("replaced"):
                return Problem("local", f"'{definition.name}', {value.detail}", replaced_error(definition.name),
                               definition)
            if isinstance(definition, (ast.FunctionDef, ast.AsyncFunctionDef)) and value.detail.startswith("decorated"):
                label = f"'{definition.name}', {value.detail}"
                error = local_error(wrapper_qualname(value.detail))
                return Problem("local", label, error, definition, origin=decorator)
            else:
                label = f"the closure {value.detail}"
                factory = qualname(definition, self.parents, definition.name) \
                    if isinstance(definition, (ast.FunctionDef, ast.AsyncFunctionDef)) else "factory"
                error = local_error(f"{factory}.<locals>.{value.name}")
            return Problem("local", label, error, definition)
        if self.unimported_main and value.kind in ("module", "guard"):
            name = value.name.split(".")[0]
            what = "class" if isinstance(definition, ast.ClassDef) else "function"
            return Problem("unimported-main", f"{what} '{name}' defined in {self.unimported_main}",
                           errors.text(self.unimported_error, name=name), definition)
        if value.kind == "guard":
            name = value.name.split(".")[0]
            if self._bound_at_import(definition, name):
                return None  # the re-imported __mp_main__ has a `name` of its own: pickle finds it by name
            what = "class" if isinstance(definition, ast.ClassDef) else "function"
            return Problem("guard", f"{what} '{name}' defined under `if __name__ == \"__main__\":`",
                           errors.text("main_attr_mp_main", name=name), definition)
        return None

    def _bound_at_import(self, definition, name: str) -> bool:
        """Does the module also bind `name` outside its main guard (`def load(...)` at the top and
        another `def load(...)` under the guard)? A child that re-imports the module then finds it."""
        module = definition
        while module is not None and not isinstance(module, ast.Module):
            module = self.parents.get(module)
        if module is None:
            return False
        key = (id(module), "bound at import")
        if key not in self._memo:
            self._memo[key] = (module, _import_time_names(module.body))
        return name in self._memo[key][1]
