"""Re-checking only what an edit touched.

An analysis that keeps its state (`analyze(..., keep_state=True)`) leaves a `Snapshot`: the text,
its rows, its top-level statements as chunks (`core.chunks`), and its findings before noqa
comments. `reanalyze(snapshot, new_text, ...)` then:

1. finds the rows the edit changed (common prefix and suffix of the two texts) and re-parses only
   the top-level statements on them (they parse alone, see `core.chunks`);
2. stops there when the statements are the same tree, positions included (an edit to a comment):
   only noqa comments are applied again;
3. otherwise works out which statements' findings may change (`core.slicing`), analyses those
   statements together with everything their analysis reads, and keeps every other finding,
   moved by the rows the edit added or removed.

It answers None when it cannot be sure to give what a full analysis gives (a slice that is most of
the module, a change of the start method or of the processes the module creates, a whole-module
fix, a changed configuration): the caller then runs `analyze`. A text that does not parse leaves a
`BrokenSnapshot` instead, whose error an edit before it does not move but by rows.
"""
from __future__ import annotations

import ast
from bisect import bisect_right
from dataclasses import dataclass, field, replace

from mpguard.linter import carry
from mpguard.text import chunks as C
from mpguard.text.change import TextChange, chunk_at
from mpguard.text.chunks import defines_of
from mpguard.semantic.index import name_counts
from mpguard.semantic.python2 import mentions_python2_module
from mpguard.text.ipython import is_notebook
from mpguard.text.findings import Finding
from mpguard.linter.slicing import CHOOSES_METHOD, Slicer, definitions_by_name, rebind
from mpguard.text.source import SourceText


@dataclass
class Snapshot:
    """What an analysis leaves for re-checking the next edit (no tree: rows, chunks and findings)."""

    text: str
    starts: list[int]  # offset of each row's first character
    chunks: list[C.Chunk]
    findings: list[Finding]  # checked findings, before noqa comments
    settings: object
    path: str | None
    package: str | None
    identifiers: dict  # identifier the module binds or reads -> occurrences (core.index.TreeIndex.names)
    name_index: dict = field(default_factory=dict)  # what the last edit's slicing found (core.slicing)
    by_name: dict | None = None  # core.slicing.definitions_by_name of the chunks, once an edit needed it
    fixes: bool = True  # the findings carry their fixes

    @classmethod
    def of(cls, tree: ast.Module, source: SourceText, findings, settings, path, package, spawners,
           identifiers, fixes: bool = True) -> "Snapshot":
        starts = source.line_starts
        chunks = C.chunks_of(tree.body, 1, len(starts), C.global_names(source.text, starts))
        chunks = _with_spawners(chunks, spawners, range(len(chunks)))
        return cls(source.text, starts, chunks, findings, settings, path, package, identifiers, fixes=fixes)


def _with_spawners(chunks: list, spawners, indices) -> list:
    """`chunks` with the start methods of the creations in chunks `indices` recorded."""
    firsts = [c.first for c in chunks]
    methods: dict[int, set] = {}
    for row, method in spawners:
        methods.setdefault(bisect_right(firsts, row) - 1, set()).add(method)
    indices = set(indices)
    return [replace(c, spawners=frozenset(methods.get(i, ()))) if i in indices else c for i, c in enumerate(chunks)]


def _spawn_methods(chunks) -> frozenset:
    return frozenset().union(*[c.spawners for c in chunks if c.spawners])


@dataclass
class BrokenSnapshot:
    """A text that does not parse: its rows before the first error, as whole statements (chunks), and
    that error. An edit among those statements that leaves them parsing leaves the error as it was
    (the rest of the text is unchanged and starts at a statement boundary), moved by the edit's rows."""

    text: str
    starts: list[int]
    chunks: list[C.Chunk]  # rows 1..complete_rows
    complete_rows: int
    error: tuple  # (lineno, offset, msg) of the first SyntaxError
    settings: object
    path: str | None
    package: str | None
    fixes: bool = True
    needs_python: tuple | None = None  # the error's (version, what) when it is newer syntax (text.lowering)

    @classmethod
    def of(cls, exc: SyntaxError, source: SourceText, settings, path, package, fixes) -> "BrokenSnapshot":
        starts = source.line_starts
        chunks = C.chunks_of(exc.complete_body, 1, exc.complete_rows)
        return cls(source.text, starts, chunks, exc.complete_rows, (exc.lineno, exc.offset, exc.msg), settings, path,
                   package, fixes, getattr(exc, "needs_python", None))


def _still_broken(snapshot: BrokenSnapshot, text: str, path):
    """The result for an edit of a text that did not parse, without parsing all of it; or None."""
    from mpguard.linter.analyze import syntax_error

    change = TextChange.between(snapshot, text)
    if not snapshot.chunks or change.last_row > snapshot.complete_rows:
        return None  # the edit reaches the rows that do not parse
    region = change.reparse(snapshot, text, path)
    if region is None:
        return _syntax_error(snapshot, change, text, path)
    first, last, _old, new_stmts, i0, i1 = region
    middle = C.chunks_of(new_stmts, first, last + change.rows)
    chunks = snapshot.chunks[:i0] + middle + [c.shifted(change.rows) for c in snapshot.chunks[i1 + 1:]]
    lineno, offset, msg = snapshot.error
    msg = carry.renumbered_lines(msg, change.last_row, change.rows)  # "... after 'if' statement on line 9"
    error = SyntaxError(msg)
    error.lineno, error.offset = lineno + change.rows, offset
    if snapshot.needs_python is not None:
        error.needs_python = snapshot.needs_python
    source = SourceText.with_starts(text, change.new_starts)
    result = syntax_error(source, error)
    if chunks:
        result.state = BrokenSnapshot(text, change.new_starts, chunks, snapshot.complete_rows + change.rows,
                                      (error.lineno, offset, msg), snapshot.settings, path, snapshot.package,
                                      snapshot.fixes, snapshot.needs_python)
    return result


def reanalyze(snapshot: Snapshot | None, text: str, settings, path, resolver=None, package=None, fixes: bool = True):
    """The AnalysisResult for `text`, re-checking only what changed since `snapshot`; or None (the
    caller then analyses the whole text). Never raises: a bug here costs a full analysis, not the
    diagnostics."""
    from mpguard.linter.analyze import STRICT

    try:
        return _reanalyze(snapshot, text, settings, path, resolver, package, fixes)
    except Exception:
        if STRICT:
            raise
        return None


def _reanalyze(snapshot, text: str, settings, path, resolver, package, fixes: bool):
    from mpguard.linter.analyze import RELEVANT, AnalysisResult, sort_key, unsuppressed
    from mpguard.linter.exec_main import may_exec

    if snapshot is None or text == snapshot.text or "\0" in text or (settings, path, package, fixes) != \
            (snapshot.settings, snapshot.path, snapshot.package, snapshot.fixes) or is_notebook(path) \
            or may_exec(text):
        return None  # (a notebook cell is small, and may hold IPython lines: analysed whole)
    if isinstance(snapshot, BrokenSnapshot):
        return _still_broken(snapshot, text, path)
    if not snapshot.chunks or not RELEVANT.search(text):
        return None
    edit = TextChange.between(snapshot, text)
    region = edit.reparse(snapshot, text, path)
    if region is None:
        return _syntax_error(snapshot, edit, text, path)
    first, last, old_stmts, new_stmts, i0, i1 = region
    source = SourceText.with_starts(text, edit.new_starts)
    old_region = snapshot.text[snapshot.starts[first - 1]:C.row_end(snapshot.starts, last, snapshot.text)]
    new_region = text[edit.new_starts[first - 1]:C.row_end(edit.new_starts, last + edit.rows, text)]
    old_names, new_names = name_counts(old_stmts), name_counts(new_stmts)
    fixes_touched = carry.fix_neighbours(snapshot, i0, i1) | carry.fresh_name_fixes(snapshot, old_names, new_names) \
        | carry.import_fixes(snapshot, i0)
    if CHOOSES_METHOD.search(old_region) or CHOOSES_METHOD.search(new_region):
        return None  # the start method of the whole program may change
    if mentions_python2_module(old_region) or mentions_python2_module(new_region):
        return None  # whether Python 3 can import the module at all may change (semantic/python2.py)
    if edit.rows == 0 and not fixes_touched and _same_tree(old_stmts, new_stmts):
        state = replace(snapshot, text=text, starts=edit.new_starts)
        return _result(AnalysisResult(unsuppressed(snapshot.findings, source, settings), source), state)
    middle = C.chunks_of(new_stmts, first, last + edit.rows, C.global_names(text, edit.new_starts, first,
                                                                            last + edit.rows))
    if not middle and len(snapshot.chunks) == i1 - i0 + 1:
        return None
    after = snapshot.chunks[i1 + 1:]
    chunks = snapshot.chunks[:i0] + middle + ([c.shifted(edit.rows) for c in after] if edit.rows else after)
    if not middle:  # the region holds no statement any more: its rows join a neighbour
        if i0 > 0:
            chunks[i0 - 1] = replace(chunks[i0 - 1], last=last + edit.rows)
        else:
            chunks[0] = replace(chunks[0], first=1)
    edited = list(range(i0, i0 + len(middle)))
    replaced_by = len(middle)

    def renumber(index: int) -> int | None:
        return index if index < i0 else None if index <= i1 else index - (i1 - i0 + 1) + replaced_by

    if snapshot.by_name is not None and replaced_by == i1 - i0 + 1:  # the chunks keep their numbers
        by_name = rebind(snapshot.by_name, snapshot.chunks[i0:i1 + 1], middle, i0)
    else:
        by_name = definitions_by_name(chunks)
    slicer = Slicer(text, edit.new_starts, chunks, edited, defines_of(old_stmts), old_region,
                    snapshot.name_index, renumber, by_name)
    recheck = slicer.recheck() | {carry.new_index(i, i0, i1, len(middle)) for i in fixes_touched}
    context = slicer.context(recheck)
    if context is None:
        return None
    identifiers = _identifiers(snapshot.identifiers, old_names, new_names)
    outside = _spawn_methods([c for i, c in enumerate(chunks) if c.spawners and i not in recheck])
    analysed = _findings_of(text, source, chunks, context, recheck, settings, path, resolver, package, identifiers,
                            outside, fixes)
    if analysed is None:
        return None
    findings, spawners = analysed
    chunks = _with_spawners(chunks, spawners, recheck)
    if _spawn_methods(chunks) != _spawn_methods(snapshot.chunks):
        return None  # whether (and how) the module starts children changed: any import-time finding may too
    dropped = carry.old_indices(recheck, i0, i1, len(middle))
    kept = [carry.moved(f, last, edit.rows) for f in carry.outside(snapshot, dropped)]
    merged = kept + findings
    merged.sort(key=sort_key)
    state = Snapshot(text, edit.new_starts, chunks, merged, settings, path, package, identifiers, slicer.found,
                     by_name, fixes)
    return _result(AnalysisResult(unsuppressed(merged, source, settings), source), state)


def _syntax_error(snapshot: Snapshot, edit: "TextChange", text: str, path):
    """The edited statements do not parse: the file's first syntax error is at or after them (all before
    them parsed), so parsing from them on finds it, and stops there. None if the rest parses after all
    (the edit reaches further than the statements around it: a full analysis sorts that out)."""
    from mpguard.linter.analyze import syntax_error

    index = chunk_at(snapshot.chunks, edit.first_row)
    # An edit that indents a statement's first row (or makes it an `else:`) joins it to the statement
    # before: the parse must start at a row that still starts a statement.
    while index > 0 and C.NOT_A_STATEMENT_RE.match(text, edit.new_starts[snapshot.chunks[index].first - 1]):
        index -= 1
    first = snapshot.chunks[index].first
    try:
        C.parse_text(text[edit.new_starts[first - 1]:], path or "<unknown>", first)
    except SyntaxError as exc:
        return syntax_error(SourceText.with_starts(text, edit.new_starts), exc)
    except (ValueError, RecursionError, MemoryError):
        return None
    return None


def fixes_for(snapshot: Snapshot, rows, resolver=None, package=None) -> list[Finding] | None:
    """The findings, with their fixes, of the top-level statements holding `rows`, for a snapshot
    analysed without fixes: only those statements and what their analysis reads are analysed again.
    None when that is most of the module, or on an internal error (the caller analyses it whole)."""
    from mpguard.linter.analyze import STRICT

    try:
        return _fixes_for(snapshot, rows, resolver, package)
    except Exception:
        if STRICT:
            raise
        return None


def _fixes_for(snapshot: Snapshot, rows, resolver, package) -> list[Finding] | None:
    from mpguard.linter.analyze import unsuppressed

    if not snapshot.chunks:
        return None
    source = SourceText.with_starts(snapshot.text, snapshot.starts)
    wanted = {chunk_at(snapshot.chunks, row) for row in rows}
    slicer = Slicer(snapshot.text, snapshot.starts, snapshot.chunks, [], set(), "", by_name=snapshot.by_name)
    context = slicer.context(wanted)
    if context is None:
        return None
    outside = _spawn_methods([c for i, c in enumerate(snapshot.chunks) if c.spawners and i not in wanted])
    analysed = _findings_of(snapshot.text, source, snapshot.chunks, context, wanted, snapshot.settings, snapshot.path,
                            resolver, package, snapshot.identifiers, outside, fixes=True)
    return None if analysed is None else unsuppressed(analysed[0], source, snapshot.settings)


def _result(result, state):
    result.state = state
    return result


_POSITION = ("lineno", "col_offset", "end_lineno", "end_col_offset")


def _same_tree(old, new) -> bool:
    """The same nodes, positions included (what `ast.dump(..., include_attributes=True)` would say,
    stopping at the first difference instead of printing both trees)."""
    if len(old) != len(new):
        return False
    pairs = list(zip(old, new))
    while pairs:
        a, b = pairs.pop()
        if type(a) is not type(b):
            return False
        if not isinstance(a, ast.AST):
            if a != b:
                return False
            continue
        for attribute in _POSITION:
            if getattr(a, attribute, None) != getattr(b, attribute, None):
                return False
        for name in a._fields:
            x, y = getattr(a, name, None), getattr(b, name, None)
            if type(x) is list:
                if type(y) is not list or len(x) != len(y):
                    return False
                pairs.extend(zip(x, y))
            else:
                pairs.append((x, y))
    return True


def _identifiers(counts: dict, old_names: dict, new_names: dict) -> dict:
    counts = dict(counts)
    for name, count in old_names.items():
        counts[name] -= count
        if counts[name] <= 0:
            del counts[name]
    for name, count in new_names.items():
        counts[name] = counts.get(name, 0) + count
    return counts


def _findings_of(text, source, chunks, context, recheck, settings, path, resolver, package, identifiers,
                 outside_spawners, fixes=True):
    """Analyse the statements of the `context` chunks as one module: the checked findings that lie in
    the `recheck` chunks, and the creations there. None on an internal error (the full analysis
    reports it) or when a finding there needs a whole-module fix."""
    from mpguard.linter.analyze import STRICT, run_rules, checked_findings
    from mpguard.text.chunks import NeedsWholeModule
    from mpguard.rules.guard import spawners

    starts = source.line_starts
    body = []
    for index in sorted(context):
        chunk = chunks[index]
        segment = text[starts[chunk.first - 1]:C.row_end(starts, chunk.last, text)]
        try:
            body.extend(C.parse_text(segment, path or "<unknown>", chunk.first).body)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return None
    tree = ast.Module(body=body, type_ignores=[])
    firsts = [c.first for c in chunks]

    def keeps(node) -> bool:
        return bisect_right(firsts, getattr(node, "lineno", 0)) - 1 in recheck

    try:
        ctx = run_rules(tree, source, path, resolver, package, settings, top_level_starts=firsts, keeps=keeps,
                         identifiers=identifiers, outside_spawners=outside_spawners, fixes=fixes)
    except NeedsWholeModule:
        return None
    except Exception:
        if STRICT:
            raise
        return None
    findings = [f for f in checked_findings(ctx.findings, settings) if bisect_right(firsts, f.start.row) - 1 in recheck]
    return findings, spawners(ctx)
