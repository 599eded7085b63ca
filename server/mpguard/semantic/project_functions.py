"""The definition of a project function named by its qualified name, with its module's imports, as the resolver's
project index keeps them: what the models that read a helper's own syntax tree (semantic/returned_pools,
semantic/returned_children) start from, and key their answers by (the same objects while the index keeps them)."""
from __future__ import annotations

from mpguard.semantic.local_values import FUNCS


def function_with_imports(resolver, qualified: str) -> tuple | None:
    """(the def, the resolver's `module_names` answer for its module, the module's name) of the project function
    `qualified`, else None (not a function of a project module, or its module's imports unknown)."""
    definition = resolver.definition(qualified) if hasattr(resolver, "definition") else None
    if not isinstance(definition, FUNCS) or definition.name != qualified.rpartition(".")[2]:
        return None
    module = qualified.rpartition(".")[0]
    names = resolver.module_names(module) if hasattr(resolver, "module_names") else None
    if names is None or names[1] is None:
        return None
    return definition, names, module
