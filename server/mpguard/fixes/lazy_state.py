"""MP101: a Manager or Pool a module makes at import, made on first use instead.

A library module that runs `manager_ = Manager()` (pyannote-metrics #8) or `multiproc_manager = Manager()`
(sfepy #1294) at import starts a process in every program that imports it, also in each spawned child that
re-imports the program while it bootstraps. The main guard cannot hold it (importers read the names), so the
statement, and the module-level statements right after it that derive from it (`_shared = manager_.dict()`),
move into a cached function, and the module's functions read the names through it:

    @functools.lru_cache(maxsize=None)
    def _lazy_manager_():
        manager_ = Manager()
        _shared = manager_.dict()
        return manager_, _shared

`self.totals = _shared` becomes `self.totals = _lazy_manager_()[1]`, and a module `__getattr__` (PEP 562) makes
`module.manager_` and `from module import _shared` work as before, on first use.

UNSAFE: the process starts when the names are first read, in the process that reads them first (a forked child
that reads them before its parent gets its own). No fix when module-level code (a class body, a default, a
decorator, a call at import of a function that reads them) reads the names, when anything else binds them
(`global`, an assignment, a parameter of the same name), when the module defines `__getattr__`, or when a file
of the project imports one of the names in a top-level `from ... import` (read at its import through the module
`__getattr__`, the process would start there all the same: the oracle's guard_helper_pool_at_import).
"""
from __future__ import annotations

import ast
import os
import re
from pathlib import Path

from mpguard.semantic.index import nodes_in
from mpguard.text.findings import Applicability, Edit, Fix
from mpguard.text.reading import regular_text
from mpguard.fixes import _text as T

LAZY_KINDS = ("Manager", "Pool")


@T.fix_builder
def lazy_state_fix(ctx, node):
    """MP101: the Manager()/Pool(...) call `node`, at module level, made on first use (UNSAFE)."""
    creation = next((c for c in ctx.facts.creations if c.node is node), None)
    if creation is None or creation.kind not in LAZY_KINDS or not isinstance(node, ast.Call):
        raise T.CannotFix("not a manager or pool")
    body = ctx.tree.body
    first = T.top_statement(ctx, node)
    if not _binds_one_name(first) or first.value is not node:
        raise T.CannotFix("not `name = Manager(...)`")
    if any(isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)) and s.name == "__getattr__" for s in body):
        raise T.CannotFix("the module has its own __getattr__")
    index = body.index(first)
    group, names = [first], [first.targets[0].id]
    for stmt in body[index + 1:]:  # `_shared = manager_.dict()`: derived from it, made with it
        if not _binds_one_name(stmt) or not (T.loaded_names(stmt.value) & set(names)):
            break
        group.append(stmt)
        names.append(stmt.targets[0].id)
    if len(set(names)) != len(names):
        raise T.CannotFix("a name bound twice")
    for stmt in group:
        if not T.owns_lines(ctx, stmt):
            raise T.CannotFix("statements share lines")
    reads = _deferred_reads(ctx, set(names), group)
    importer = _imported_by_name(ctx, set(names))
    if importer is not None:
        # `from helpers.eager_pool import POOL` at an importer's top level reads it at import (through the module
        # __getattr__): the process would start there, at import, all the same (oracle guard_helper_pool_at_import)
        raise T.CannotFix(f"{importer} imports the names at its top level")
    getter = T.fresh_name(ctx, "_lazy_" + names[0].lstrip("_"))
    functools, import_edit = T.need_module(ctx, "functools")
    nl = T.newline(ctx)

    start_row = T.first_row(first)
    end_row = group[-1].end_lineno
    inner = T.reindent(ctx, start_row, end_row, "", T.INDENT)
    single = len(names) == 1
    returned = names[0] if single else ", ".join(names)
    listed = ", ".join(f'"{n}"' for n in names) + ("," if single else "")
    pick = f"{getter}()" if single else f"{getter}()[made.index(name)]"
    above, row = 0, start_row - 1
    while row >= 1 and T.is_blank(ctx, row) and above < 2:
        above, row = above + 1, row - 1
    lead = nl * (2 - above) if row >= 1 else ""  # two blank lines above a top-level def (PEP 8)
    text = (f"{lead}@{functools}.lru_cache(maxsize=None){nl}"
            f"def {getter}():{nl}"
            f"{T.INDENT}# made on first use: made at import, it would start a process in every program that imports{nl}"
            f"{T.INDENT}# this module, and again in each spawned child while it bootstraps{nl}"
            f"{inner}"
            f"{T.INDENT}return {returned}{nl}{nl}{nl}"
            f"def __getattr__(name):{nl}"
            f"{T.INDENT}# importers that read these names get them made on first use (PEP 562){nl}"
            f"{T.INDENT}made = ({listed}){nl}"
            f"{T.INDENT}if name in made:{nl}"
            f"{T.INDENT * 2}return {pick}{nl}"
            f"{T.INDENT}raise AttributeError(f\"module {{__name__!r}} has no attribute {{name!r}}\"){nl}")
    edits = [import_edit, Edit(T.row_start(ctx, start_row), T.row_start(ctx, end_row + 1), text)]
    for read in reads:
        new = f"{getter}()" if single else f"{getter}()[{names.index(read.id)}]"
        edits.append(Edit(ctx.source.node_start(read), ctx.source.node_end(read), new))
    what = "manager" if creation.kind == "Manager" else "pool"
    return Fix(f"Make the {what} on first use, in `{getter}()`, instead of at import (unsafe: its process starts "
               "when the names are first read, in the process that reads them first)",
               Applicability.UNSAFE, T.merge_edits(edits))


_FROM_IMPORT = re.compile(r"^from[ \t]+([.\w]+)[ \t]+import[ \t]+(\([^)]*\)|[^\n]*)", re.M)
SKIPPED_DIRS = {".git", ".venv", "venv", "node_modules", "__pycache__", "site-packages", ".tox", "build", "dist"}
MAX_FILES = 5000  # a project larger than this is not searched: no fix


def _imported_by_name(ctx, names: set) -> str | None:
    """A file of the project that imports one of `names` from this module in a top-level `from ... import`
    (its path), else None; CannotFix when the project cannot be searched."""
    path = Path(ctx.path) if getattr(ctx, "path", None) else None
    roots = [Path(r) for r in getattr(getattr(ctx, "resolver", None), "roots", ()) or ()]
    if path is None or not roots:
        raise T.CannotFix("the project's files are not known")
    stem = path.stem if path.stem != "__init__" else path.parent.name
    seen = 0
    for root in roots:
        for folder, dirs, files in os.walk(root):
            dirs[:] = [d for d in dirs if d not in SKIPPED_DIRS and not d.startswith(".")]
            for file in files:
                if not file.endswith(".py"):
                    continue
                seen += 1
                if seen > MAX_FILES:
                    raise T.CannotFix("too many files to search")
                candidate = Path(folder) / file
                text = regular_text(candidate)  # (a FIFO or a link to /dev/zero named x.py is skipped)
                if text is None:
                    continue
                if stem not in text:
                    continue
                for match in _FROM_IMPORT.finditer(text):
                    module = match.group(1)
                    if module.rpartition(".")[2] != stem:  # (`from .eager_pool import POOL` too)
                        continue
                    imported = {part.split()[0] for part in match.group(2).strip("()").replace("\\", " ").split(",")
                                if part.split()}
                    if imported & names or "*" in imported:
                        return str(candidate)
    return None


def _binds_one_name(stmt) -> bool:
    return isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)


def _deferred_reads(ctx, names: set, group: list) -> list:
    """The reads of `names` outside `group`, each inside a function body or the main guard (they run after
    the import); CannotFix when one runs at import or when anything else binds one of the names."""
    in_group = {id(n) for stmt in group for n in nodes_in(stmt)}
    guard = T.main_guard(ctx)
    in_guard = {id(n) for n in nodes_in(guard)} if guard is not None else set()
    readers, reads = set(), []
    for node in nodes_in(ctx.tree):
        if id(node) in in_group:
            continue
        if isinstance(node, (ast.Global, ast.Nonlocal)) and names & set(node.names):
            raise T.CannotFix("declared global")
        if isinstance(node, ast.arg) and node.arg in names:
            raise T.CannotFix("a parameter of the same name")
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name in names:
            raise T.CannotFix("a definition of the same name")
        if isinstance(node, ast.alias) and (node.asname or node.name).split(".")[0] in names:
            raise T.CannotFix("an import of the same name")
        if not isinstance(node, ast.Name) or node.id not in names:
            continue
        if not isinstance(node.ctx, ast.Load):
            raise T.CannotFix("bound elsewhere")
        if any(isinstance(p, ast.JoinedStr) for p in _ancestors(ctx, node)):
            raise T.CannotFix("read inside an f-string")
        function = T.enclosing_function(ctx, node)
        if function is None and id(node) not in in_guard:
            raise T.CannotFix("read at import")
        if function is not None and _evaluated_at_definition(ctx, node, function):
            raise T.CannotFix("read by a default, decorator or annotation")
        if function is not None:
            readers.add(_top_level_name(ctx, function))
        reads.append(node)
    readers.discard(None)
    # a call at import of a function that reads the names would make them at import again
    for node in nodes_in(ctx.tree):
        if isinstance(node, ast.Name) and node.id in readers and isinstance(node.ctx, ast.Load) \
                and T.enclosing_function(ctx, node) is None and id(node) not in in_guard:
            raise T.CannotFix(f"{node.id} is used at import")
    return reads


def _ancestors(ctx, node):
    node = ctx.parents.get(node)
    while node is not None:
        yield node
        node = ctx.parents.get(node)


def _evaluated_at_definition(ctx, node, function) -> bool:
    """Is `node` in the header of `function` (defaults, decorators, annotations) rather than its body?"""
    if isinstance(function, ast.Lambda):
        return any(node is n for d in function.args.defaults + function.args.kw_defaults if d is not None
                   for n in nodes_in(d))
    return not any(node is n for stmt in function.body for n in nodes_in(stmt))


def _top_level_name(ctx, function):
    """The name of the top-level def or class that holds `function`."""
    top = T.top_statement(ctx, function)
    return getattr(top, "name", None) if isinstance(top, (*T.DEFS,)) else None
