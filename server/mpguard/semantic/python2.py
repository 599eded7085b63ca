"""Modules only Python 2 can import. mpguard's facts (start methods, pickle's behaviour, the errors it quotes)
are Python 3's; Python 2's multiprocessing has no start methods at all (it forks on POSIX and spawns only on
Windows). A module whose own top-level code imports, with no fallback, a standard module that Python 3 renamed
or removed (`import cPickle as pickle`: dispy 4.15.2 ships such a py2/ tree next to its py3/ one) fails with
ModuleNotFoundError on every Python 3, so nothing mpguard says about it could happen. The names are data:
`data/python2_modules.json` (PEP 3108)."""
from __future__ import annotations

import ast
import json
import re
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("data") / "python2_modules.json"


@lru_cache(maxsize=1)
def python2_modules() -> frozenset[str]:
    return frozenset(json.loads(DATA.read_text(encoding="utf-8"))["modules"])


def python2_import(tree: ast.Module, is_project_module=None) -> str | None:
    """The Python-2-only standard module that a statement of the module's own body (not one under `try:` or
    `if`, which may be a fallback: `try: import cPickle except ImportError: import pickle`) imports, or None.
    `is_project_module(name)` says whether the project has a module of that name (which would be imported
    instead)."""
    names = python2_modules()
    for stmt in tree.body:
        if type(stmt) is ast.Import:
            found = [a.name.split(".")[0] for a in stmt.names]
        elif type(stmt) is ast.ImportFrom and not stmt.level and stmt.module:
            found = [stmt.module.split(".")[0]]
        else:
            continue
        for name in found:
            if name in names and not (is_project_module and is_project_module(name)):
                return name
    return None


@lru_cache(maxsize=1)
def _words() -> re.Pattern:
    return re.compile(r"\b(?:%s)\b" % "|".join(sorted(python2_modules())))


def mentions_python2_module(text: str) -> bool:
    """Does the text name one of those modules (an edit that may add or drop such an import: the whole module
    is analysed again, not the edited statements alone)?"""
    return _words().search(text) is not None
