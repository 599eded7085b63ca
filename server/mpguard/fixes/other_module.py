"""A fix whose edits belong to another module of the project: the lambda or nested function a helper module makes
(clip's `_transform()` putting `lambda image: image.convert("RGB")` in the pipeline it returns, a factory returning
its closure) is what pickle refuses, but the finding is in the module that sends the value to a child.

The analysis reads a project module through its summary (`resolve.project`), whose nodes are the ones the pickler
names as the problem's definition. This module finds which summarised module holds such a node, reads that file
again (its bytes must hash as the analysis read them), parses it into a view a builder works on as on its own module
(source, tree, parents, imports), runs the builder there and hands back its edits as a `FileEdits` of the finding's
fix: the shell writes both files or neither. Never a file outside the checked file's project (the first root of its
resolver, no installed package), never a file whose text does not parse after the edits.
"""
from __future__ import annotations

import ast
import os
import re
import sys
from dataclasses import dataclass, field

from mpguard.fixes import _text as T
from mpguard.resolve.project import digest_of
from mpguard.semantic.names import ImportMap, package_name
from mpguard.semantic.pickle_problems import Elsewhere
from mpguard.semantic.pickled_imports import returned_origin
from mpguard.semantic.walker import Walker
from mpguard.text.findings import Applicability, FileEdits, Fix
from mpguard.text.reading import digest as sha256
from mpguard.text.source import SourceText


@dataclass(eq=False)
class ModuleView:
    """What the fix builders read of a module (the attributes of the rule context they use), for a module of the
    project other than the one analysed. Without a `fixes` attribute, the builders called on it build at once."""

    source: SourceText
    tree: ast.Module
    parents: dict
    imports: object
    path: str
    resolver: object = None
    index: object = None
    identifiers: object = None
    memo: dict = field(default_factory=dict)


def is_foreign(ctx, node) -> bool:
    """Is `node` a node of another module's tree (the analysed module's parents do not hold it)?"""
    return isinstance(node, ast.AST) and ctx.parents.get(node) is None and node is not ctx.tree


def in_defining_module(ctx, node, build, message: str = "") -> Fix:
    """The fix `build(view, node_there)` makes in the project module that defines `node` (a node of its tree, or
    an `Elsewhere`), as a fix of the analysed module whose edits are all in that file. CannotFix when the module is
    not found, is not the project's, changed since it was read, or the edited text would not parse. UNSAFE: it
    changes a module other modules may import (the lifted function is a new module-level name there)."""
    return _in_module(ctx, _defining_module(ctx, node), lambda tree: _same_place(tree, node), build, message)


def in_module_file(ctx, path: str, locate, build, message: str = "") -> Fix:
    """As `in_defining_module`, for the project module read from the file at `path` (a finding's `RelatedFile`),
    the node being `locate(tree)` of that module's tree (CannotFix when it finds none)."""
    return _in_module(ctx, _defining_module(ctx, Elsewhere(path, (), "")), locate, build, message)


def _in_module(ctx, found, locate, build, message: str) -> Fix:
    if found is None:
        raise T.CannotFix("not a node of a project module")
    module, path, digest = found
    view, data = _view(ctx, module, path, digest)
    there = locate(view.tree)
    from mpguard.fixes.apply import TOP_LEVEL, apply_edits, parses

    token = TOP_LEVEL.set(None)  # (what the analysis knows of its own module's statements says nothing of this one)
    try:
        fix = build(view, there)
    except AttributeError:  # a builder asking what only the analysed module's rule context knows: no fix
        raise T.CannotFix("the fix needs an analysis of the helper module") from None
    finally:
        TOP_LEVEL.reset(token)
    if fix is None or not fix.edits or fix.others:
        raise T.CannotFix("no fix in the defining module")
    if not parses(apply_edits(view.source.text, fix.edits)):
        raise T.CannotFix("the helper module would not parse")
    shown = os.path.relpath(path, _project_root(ctx)) if _project_root(ctx) else path
    return Fix(f"{fix.message[:1].upper()}{fix.message[1:]}, in {shown}{message} (unsafe: edits another module "
               "of the project, which its other importers share)", Applicability.UNSAFE, (),
               (FileEdits(path, sha256(data), view.source.text, fix.edits),))


_RETURNED = re.compile(r"what ([\w.]+)\(\) returns, ")


def returned_elsewhere(ctx, what: str) -> Elsewhere | None:
    """The `Elsewhere` of the refused value a function of another project module returned, that an object keeps
    (`whose .sigma is what kit.make_interpolant() returns, nested function 'interpolant'`): the last such function
    the description names, when the rest of it is what that function's summary says it returns."""
    found = list(_RETURNED.finditer(what))
    lookup = getattr(getattr(ctx, "resolver", None), "results_summary", None)
    if not found or lookup is None:
        return None
    summary, name = lookup(found[-1].group(1))
    kept = getattr(summary, "results", {}).get(name) if summary is not None else None
    if kept is None or what[found[-1].end():] != kept[0]:
        return None
    return returned_origin(summary, name, kept[0])


def _project_root(ctx) -> str | None:
    roots = getattr(getattr(ctx, "resolver", None), "roots", None)
    return str(roots[0]) if roots else None


def _defining_module(ctx, node):
    """(module, path, digest) of the project module that holds `node` (a node of its tree the analysis met in an
    answer of its resolver, or an `Elsewhere` naming its file), with the digest of the file as this analysis read
    it; None when none does, or when its file lies outside the project (not under the first root of the resolver,
    or in an installed package)."""
    resolver = getattr(ctx, "resolver", None)
    root = _project_root(ctx)
    if root is None or not hasattr(resolver, "holding_module"):
        return None
    if isinstance(node, Elsewhere):
        real = os.path.realpath(node.path)
        found = next(((m, p) for m, p in resolver.answered_modules() if os.path.realpath(p) == real), None)
    else:
        found = resolver.holding_module(node)
    if found is None:
        return None
    module, path = found
    real, root = os.path.realpath(path), os.path.realpath(root)
    if not path.endswith(".py") or os.path.commonpath([root, real]) != root or _installed(real):
        return None
    digest = resolver.index.identity(path)[0]  # (as this analysis read it: once per epoch)
    return (module, path, digest) if digest is not None else None


def _installed(path: str) -> bool:
    parts = path.replace("\\", "/").split("/")
    return "site-packages" in parts or "dist-packages" in parts or any(
        path.startswith(os.path.realpath(p) + os.sep) for p in {sys.prefix, sys.base_prefix} if p)


def _view(ctx, module: str, path: str, digest: str):
    """(the module's view, its bytes): read now, and only when they are those the analysis read (plain UTF-8, no
    BOM: what the shell writes back; no unsaved editor text that differs)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
        text = data.decode("utf-8")
    except (OSError, UnicodeDecodeError):
        raise T.CannotFix("the helper module cannot be read") from None
    if digest_of(data) != digest or text.startswith("\ufeff"):
        raise T.CannotFix("the helper module changed since it was read")
    buffer = ctx.resolver.buffer_text(path) if hasattr(ctx.resolver, "buffer_text") else None
    if buffer is not None and buffer != text:  # (an editor's unsaved text: the analysis read that, not the file)
        raise T.CannotFix("the helper module has unsaved changes")
    try:
        tree = ast.parse(text, path)
        walker = Walker(tree, ImportMap(package_name(module, path)), getattr(ctx, "resolver", None))
        walker.run()
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        raise T.CannotFix("the helper module does not parse") from None
    view = ModuleView(SourceText(text), tree, walker.parents, walker.imports, path, getattr(ctx, "resolver", None),
                      walker.index)
    return view, data


def _same_place(tree, node):
    """The node of `tree` at `node`'s place (an `Elsewhere`'s, or another tree's node of the same text)."""
    if isinstance(node, Elsewhere):
        place, kinds = node.place, (ast.Lambda,) if node.kind == "lambda" else (*T.FUNCS, ast.ClassDef)
    else:
        place, kinds = _place(node), (type(node),)
    there = [n for n in ast.walk(tree) if type(n) in kinds and _place(n) == place]
    if len(there) != 1:
        raise T.CannotFix("the node is not found again")
    return there[0]


def _place(node) -> tuple:
    return (getattr(node, "lineno", None), getattr(node, "col_offset", None), getattr(node, "end_lineno", None),
            getattr(node, "end_col_offset", None))
