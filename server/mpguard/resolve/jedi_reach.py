"""Can jedi find a module at all? Asked before jedi is (issue 16): a check run starts jedi (its import, its
grammar, its helper process: 0.15-0.3 s) for a question or two whose answer is nothing because the module
they name is not there: a library that is not installed (`dask.config.get` asked in distributed's source),
or a name below a module that is not a package (`joblib.parallel.mp.Manager.list`: `mp` is an attribute of
joblib/parallel.py, and `from joblib.parallel.mp.Manager import list` imports nothing).

`JediResolver` asks jedi `from {module} import {name}` and keeps an answer only where jedi lands on a
definition in a file; jedi can land nowhere if it cannot import `module`. How jedi imports (jedi 0.19-0.20:
`inference.imports.import_module`, `gradual.typeshed`, the helper's `functions._find_module`): the first
name through the helper's `sys.meta_path` (built-in and frozen modules, and any finder a `.pth` file
installs) and its search path (the project's folder, then the helper's `sys.path`: the interpreter's, and
the helper's own folder first), then jedi's bundled typeshed stubs and `-stubs` folders; every later name
inside the folders of the package before it (a module that is not a package has none), through the same
meta path finders, which are asked the bare name. `may_find` answers False only when none of these can
give the module: every folder is listed as it is (a superset of where jedi looks: a folder counts whether
or not it holds an `__init__`, a file whatever its suffix); anything it cannot tell (a zip on the path, a
finder it does not know, a package that extends its `__path__`, Flask's `flask.ext` plugin) is a True.
"""
from __future__ import annotations

import importlib.machinery
import os
import site
import sys
import time

from mpguard.resolve.project import RACY_NS, STDLIB
from mpguard.text.reading import regular_text

# jedi's flask plugin reads `flask.ext.foo` as `flask_foo` or `flaskext.foo`.
UNSURE_TOPS = frozenset({"flask"})
KNOWN_FINDERS = (importlib.machinery.BuiltinImporter, importlib.machinery.FrozenImporter,
                 importlib.machinery.PathFinder)
# Finders a running program installs, never the interpreter's start-up: not in jedi's helper (a fresh one).
STARTED_LATER = frozenset({"_pytest.assertion.rewrite"})
NAMESPACE_MARKS = ("declare_namespace(__name__)", "extend_path(__path__")  # jedi's test for a namespace package


def may_find(module: str, project_root: str, added: list[str]) -> bool:
    """May jedi import `module` (dotted) from a project at `project_root`, with `added` on its path?"""
    parts = module.split(".")
    top = parts[0]
    if not all(part.isidentifier() for part in parts):
        return True  # (not a name jedi is asked about: left to jedi)
    if top in UNSURE_TOPS or top in sys.modules or top in ("jedi", "parso") or _found_by_finders(top):
        return True
    folders = _search_folders(project_root, tuple(added))
    if folders is None:
        return True
    for at, part in enumerate(parts):
        if at and (_found_by_finders(part)):
            return True
        key = part.casefold()
        if at == len(parts) - 1:
            return any(key in _listing(folder)[1] or key in _listing(folder)[0] for folder in folders)
        folders = [inner for folder in folders for inner in _listing(folder)[0].get(key, ())]
        if not folders:
            return False
        if any(_extends_path(folder) for folder in folders):
            return True
    return True


def _found_by_finders(name: str) -> bool:
    """Might a meta path finder other than the path's find `name` (asked bare, as jedi's helper asks it)?
    Built-in and frozen modules are the standard library's (and its `__hello__` test modules)."""
    if name in sys.builtin_module_names or name in STDLIB or name.startswith("__"):
        return True
    for finder in sys.meta_path:
        if finder in KNOWN_FINDERS:
            continue
        if type(finder).__module__ in STARTED_LATER:
            continue
        if type(finder).__module__ == "_distutils_hack":  # (setuptools' shim: one method per name it serves)
            if hasattr(finder, f"spec_for_{name}"):
                return True
            continue
        return True  # (an editable install's finder, or another: what it maps is not read here)
    return False


_FOLDERS: dict = {}


def _search_folders(project_root: str, added: tuple) -> list[str] | None:
    """Every folder jedi may look for a first name in, or None if one of them cannot be listed (a zip)."""
    key = (project_root, added, os.getcwd(), tuple(sys.path))
    if key not in _FOLDERS:
        _FOLDERS[key] = _folders(project_root, added)
    return _FOLDERS[key]


def _folders(project_root: str, added: tuple) -> list[str] | None:
    candidates = [project_root, os.getcwd(), *sys.path, *added, *_jedi_folders()]
    candidates += os.environ.get("PYTHONPATH", "").split(os.pathsep)
    try:
        candidates += site.getsitepackages() + [site.getusersitepackages()]
    except AttributeError:  # (an old virtualenv's site module)
        return None
    out = []
    for folder in dict.fromkeys(candidates):
        folder = folder or os.getcwd()
        if os.path.isdir(folder):
            out.append(folder)
        elif os.path.exists(folder):
            return None  # a zip (or another file) on the path: not listed here
    return out


def _jedi_folders() -> list[str]:
    """The helper process's own folder (its `sys.path[0]`), jedi's bundled typeshed and django stubs (of the
    jedi first on the path, as `import jedi` finds it)."""
    jedi = next((os.path.join(folder, "jedi") for folder in sys.path
                 if os.path.isfile(os.path.join(folder or ".", "jedi", "__init__.py"))), None)
    if jedi is None:
        return []
    global _BUNDLED
    _BUNDLED = os.path.join(jedi, "")
    typeshed = os.path.join(jedi, "third_party", "typeshed")
    stubs = os.path.join(typeshed, "stubs")
    try:
        distributions = [os.path.join(stubs, name) for name in sorted(os.listdir(stubs))]
    except OSError:
        distributions = []
    return [os.path.join(jedi, "inference", "compiled", "subprocess"), os.path.join(typeshed, "stdlib"), stubs,
            *distributions, os.path.join(jedi, "third_party", "django-stubs")]


_LISTINGS: dict = {}  # folder -> (its mtime, when it was listed, its `_listing`)
_BUNDLED = ""  # jedi's folder (`_jedi_folders`), with a separator at its end


def _listing(folder: str) -> tuple[dict, set]:
    """({folder name: [its paths]}, {module names}) of a folder's entries, case folded (a case-insensitive
    file system finds either); a `-stubs` folder counts under its module's name too. Listed again when the
    folder's mtime moved, or was too recent to be sure (the language server runs while files come and go)."""
    known = _LISTINGS.get(folder)
    if known is not None and _BUNDLED and folder.startswith(_BUNDLED):
        return known[2]  # (jedi's own folders, its typeshed: they do not change while it runs)
    try:
        mtime = os.stat(folder).st_mtime_ns
    except OSError:
        return {}, set()
    if known is not None and known[0] == mtime and mtime < known[1] - RACY_NS:
        return known[2]
    listed_at = time.time_ns()
    folders: dict = {}
    modules: set = set()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        entries = []
    for entry in entries:
        name = entry.name.casefold()
        try:
            is_dir = entry.is_dir()
        except OSError:  # (either, then)
            is_dir = True
            modules.add(name.split(".")[0])
        if is_dir:
            folders.setdefault(name, []).append(entry.path)
            if name.endswith("-stubs"):
                folders.setdefault(name[:-6], []).append(entry.path)
        else:
            modules.add(name.split(".")[0])
    if len(_LISTINGS) > 4096:
        _LISTINGS.clear()
    _LISTINGS[folder] = (mtime, listed_at, (folders, modules))
    return folders, modules


def _extends_path(folder: str) -> bool:
    """Does the package's `__init__` make it a namespace package in jedi's eyes (its first 50 lines)?"""
    for name in ("__init__.py", "__init__.pyi"):
        text = regular_text(os.path.join(folder, name))  # (never a FIFO or a device: they would block or run on)
        if text is None:
            continue
        head = "".join(text.splitlines(keepends=True)[:50])
        if any(mark in head for mark in NAMESPACE_MARKS):
            return True
    return False
