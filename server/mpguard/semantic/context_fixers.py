"""Library calls that fix the start method: they make a multiprocessing lock of the default context, as the
catalog's `context_fixers` in data/boundaries.json list them (tqdm's first progress bar makes its write lock, a
`multiprocessing.RLock()`: pytorch/vision #544).

Making any synchronisation object of the default context asks for that context, which fixes the start method
for the rest of the process: a later `set_start_method()` without `force=True` raises `RuntimeError: context has
already been set`. The program's own `multiprocessing.RLock()` is a Creation already; a library that makes one
inside its own code is this module's effect `context-fix` (detail: (catalog name, entry)), judged by MP401 where
a set_start_method() follows. Data, not code: another library that does so is another entry of the catalog."""
from __future__ import annotations

import ast
from functools import lru_cache

from mpguard.semantic.boundaries import section
from mpguard.semantic.facts import Effect

CONTEXT_FIX = "context-fix"


@lru_cache(maxsize=1)
def _fixers() -> dict:
    out = {}
    for qualified, entry in section("context_fixers").items():
        if isinstance(entry, dict):
            for name in (qualified, *entry.get("names", ())):
                out[name] = (qualified, entry)
    return out


def context_fixer(qualified: str | None):
    """(catalog name, entry) of a library call that makes a multiprocessing object of the default context."""
    return _fixers().get(qualified) if qualified else None


def record(walker, call: ast.Call, qualified: str | None, where) -> None:
    """An effect `context-fix` for a call of a cataloged fixer, unless the module calls one of the entry's
    `unless_called` anywhere (`tqdm.set_lock(threading.RLock())` first: the library then makes no lock of its own;
    where in the run that call happens is not judged, so nothing is said)."""
    found = context_fixer(qualified)
    if found is None:
        return
    unless = found[1].get("unless_called", ())
    if unless and any(name in unless or name.startswith("?.") and any(u.endswith(name[1:]) for u in unless)
                      for name in _called_names(walker)):
        return
    walker.facts.effects.append(Effect(CONTEXT_FIX, call, where, found))


@lru_cache(maxsize=1)
def _unless_attributes() -> frozenset:
    return frozenset(name.rpartition(".")[2] for _q, entry in _fixers().values()
                     for name in entry.get("unless_called", ()))


def _called_names(walker) -> frozenset:
    """The qualified names of the module's calls of an attribute some `unless_called` ends with (`tqdm.set_lock(...)`),
    read once per walk; `?.set_lock` for one whose receiver the module's imports do not name (a function's own
    `import tqdm`): it may be the library's, so it counts as one."""
    attributes = _unless_attributes()
    return walker.once("context-fix unless", lambda: frozenset(
        walker.imports.qualify(node.func) or f"?.{node.func.attr}" for node in ast.walk(walker.tree)
        if type(node) is ast.Call and type(node.func) is ast.Attribute and node.func.attr in attributes))


def what_fixes(effect) -> str:
    """How a finding names what the call made (`the first tqdm progress bar makes ...`)."""
    _name, entry = effect.detail
    return entry.get("what") or f"it makes a {entry.get('makes', 'multiprocessing lock')}"
