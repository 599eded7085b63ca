"""Library calls that raise an exception the pickle catalog saw fail to cross a process boundary: an exception
entry's `raised_by` in data/pickle_catalog.json, each call made by the probe that measured the exception.
`xml.sax.parse(...)` raises, on malformed input, a SAXParseException that keeps its parser's source (pickle refuses
it: gwpy PR #419); httpx's `response.raise_for_status()` an HTTPStatusError whose copy the parent cannot rebuild
(httpx PR #3207). Such a call is judged as a `raise` of that class would be: by a task that lets it out, by a handler
that sends what it caught.

A function is matched by its qualified name, as the module's imports spell it. A method (`httpx.<Response>.
raise_for_status`) is matched by its name only in a module that imports the library (the receiver is an object of
the library's the walk does not follow), never on `self` or `cls` (an object of the program's own class)."""
from __future__ import annotations

import ast
import re

from mpguard.semantic.index import module_nodes_of
from mpguard.semantic.pickle_catalog import exception_raisers

METHOD = re.compile(r"(?P<module>[\w.]+)\.<\w+>\.(?P<method>\w+)$")
# Other names of a base class (Python's own aliases): `except IOError:` catches an HTTPError
ALIASES = {"OSError": ("IOError", "EnvironmentError")}


def raising_calls(tree: ast.AST, imports) -> list[tuple[ast.Call, str, str, frozenset, bool]]:
    """(call, the exception class's qualified name, the error it meets crossing, the names a handler may catch it
    by, whether pickle refuses it in the sender) for each call in `tree` of a cataloged raiser."""
    table = exception_raisers()
    if not table:
        return []
    methods: dict[str, list] = {}
    for raiser, found in table.items():
        match = METHOD.match(raiser)
        if match and _imports_package(imports, match.group("module").split(".")[0]):
            methods.setdefault(match.group("method"), []).append(found)
    # (qualifying every call of a module is costly: only a call whose last name can be a raiser's is asked)
    lasts = {raiser.rpartition(".")[2] for raiser in table} | set(methods)
    aliased = {local for local, qualified in imports.names.items() if qualified in table}
    out = []
    calls = module_nodes_of(tree, ast.Call) if type(tree) is ast.Module else \
        [n for n in ast.walk(tree) if type(n) is ast.Call]  # (the module's calls, listed once per tree)
    for node in calls:
        func = node.func
        if not (type(func) is ast.Attribute and func.attr in lasts or type(func) is ast.Name and func.id in aliased):
            continue
        found = table.get(imports.qualify(func)) if isinstance(func, (ast.Name, ast.Attribute)) else None
        if found is None and type(func) is ast.Attribute and func.attr in methods \
                and not (type(func.value) is ast.Name and (func.value.id in ("self", "cls") or func.value.id in imports.names)):
            found = methods[func.attr][0] if len(methods[func.attr]) == 1 else None
        if found is not None:
            qualified, error, bases, refused = found
            names = {*bases, *(alias for base in bases for alias in ALIASES.get(base, ()))}
            out.append((node, qualified, error, frozenset(names), refused))
    return out


def _imports_package(imports, package: str) -> bool:
    return any(qualified.split(".")[0] == package for qualified in imports.names.values())
