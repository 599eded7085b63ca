"""Modules the program builds at run time from a file (`importlib.util.module_from_spec(spec)`, the plugin
loader of Arelle #961; `imp.load_source`): data/runtime_modules.json lists the factories.

A function or class read off such a module (`module.validate`, `getattr(module, name)`) pickles by reference:
the module's name and the object's qualified name. A forked child inherits the parent's `sys.modules` and
finds it; a child that starts a fresh interpreter (spawn, forkserver) imports the name from its own
`sys.path`, where a module built from a file in some folder is not (ModuleNotFoundError while unpickling).
A module that changes `sys.path` itself may have put that folder there (spawn hands `sys.path` to the
child): then nothing is said."""
from __future__ import annotations

import ast
from functools import lru_cache

from mpguard.semantic import values as V
from mpguard.semantic.catalog_files import catalog_file

RUNTIME_MODULE = "runtime-module"  # the V.Library type of such a module
RUNTIME_MEMBER = "runtime"  # the V.Callable kind of what is read off it
# the V.Element attr of `getattr(obj, name)` with `name` not known, on an object known later: answered only by a
# built module (any member of it pickles by the module's name)
ANY_MEMBER = "<getattr>"
# Python's words for a name its own sys.path does not have (the same on 3.6 to 3.14)
NOT_FOUND = "ModuleNotFoundError: No module named '...'"
PATH_CHANGES = frozenset({"insert", "append", "extend", "__setitem__", "__iadd__"})


@lru_cache(maxsize=1)
def factories() -> dict:
    """Read once per process: built_module asks it at every call of a qualified function."""
    found = catalog_file("runtime_modules.json").get("factories")
    return found if isinstance(found, dict) else {}


def built_module(e: ast.Call, qualified: str, walker):
    """The value of a call of `qualified` when it builds a module at run time, else None (also when the
    module changes sys.path, which may make the module importable by name in any child)."""
    if qualified not in factories():
        return None
    if walker.once("changes_sys_path", lambda: changes_sys_path(walker.tree)):
        return None
    return V.Library(e, RUNTIME_MODULE, qualified=qualified)


def is_built_module(value) -> bool:
    return type(value) is V.Library and value.type == RUNTIME_MODULE


def member(e: ast.AST, module: V.Library, name: str) -> V.Callable:
    """A function or class read off a module built at run time: pickled by the module's name."""
    return V.Callable(e, RUNTIME_MEMBER, name or "<member>", None, module.qualified)


def member_what(value: V.Callable) -> str:
    """How a finding names a member of a built module."""
    named = f"'{value.name}'" if value.name != "<member>" else "a function"
    return f"{named} read off a module that {value.detail}() built from a file at run time"


def changes_sys_path(tree: ast.Module) -> bool:
    """Does the module change `sys.path` anywhere (`sys.path.insert(0, d)`, `sys.path += [d]`, `sys.path = ...`,
    `sys.path[:0] = ...`), or call `site.addsitedir`? Read from the text."""
    for node in ast.walk(tree):
        kind = type(node)
        if kind is ast.Attribute and (node.attr in PATH_CHANGES and _is_sys_path(node.value)
                                      or type(node.ctx) is not ast.Load and _is_sys_path(node)
                                      or node.attr == "addsitedir"):
            return True
        if kind is ast.Subscript and type(node.ctx) is not ast.Load and _is_sys_path(node.value):
            return True
        if kind is ast.AugAssign and _is_sys_path(node.target):
            return True
    return False


def _is_sys_path(node) -> bool:
    return type(node) is ast.Attribute and node.attr == "path" and type(node.value) is ast.Name \
        and node.value.id == "sys"
