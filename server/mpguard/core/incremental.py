"""Re-checking only what an edit touched.

An analysis that keeps its state (`analyze(..., keep_state=True)`) leaves a `Snapshot`: the text,
its rows, its top-level statements as chunks (`core.chunks`), and its findings before noqa
comments. `reanalyze(snapshot, new_text, ...)` then:

1. finds the rows the edit changed (common prefix and suffix of the two texts) and re-parses only
   the top-level statements on them (they parse alone, see `core.chunks`);
2. stops there when the statements are the same tree, positions included (an edit to a comment
   or inside a string-free blank run): only noqa comments are applied again;
3. otherwise works out which statements' findings may change (`core.slicing`), analyses those
   statements together with everything their analysis reads, and keeps every other finding,
   moved by the rows the edit added or removed.

It answers None when it cannot do better than a full analysis (a syntax error, a slice that is
most of the module, a changed configuration): the caller then runs `analyze`.
"""
from __future__ import annotations

import ast
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace

from mpguard.core import chunks as C
from mpguard.core.model import Edit, Finding, Fix, Position
from mpguard.core.chunks import defines_of
from mpguard.core.index import name_counts
from mpguard.core.slicing import CHOOSES_METHOD, Slicer, definitions_by_name, rebind
from mpguard.core.source import SourceText

LINE_IN_MESSAGE = re.compile(r"\bline (\d+)\b")
WIDEN = 2  # a region that does not parse alone is widened by a statement on each side this often


@dataclass
class Snapshot:
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
        starts = C.line_starts(source.text)
        chunks = _with_spawners(C.chunks_of(tree.body, 1, len(starts), C.global_names(source.text, starts)),
                                spawners, range(len(tree.body) + 1))
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


def reanalyze(snapshot: Snapshot | None, text: str, settings, path, resolver=None, package=None, fixes: bool = True):
    """The AnalysisResult for `text`, re-checking only what changed since `snapshot`; or None."""
    from mpguard.core.analyze import RELEVANT, AnalysisResult, sort_key, unsuppressed

    if snapshot is None or not snapshot.chunks or text == snapshot.text or "\0" in text \
            or settings != snapshot.settings or path != snapshot.path \
            or package != snapshot.package or fixes != snapshot.fixes or not RELEVANT.search(text):
        return None
    edit = _Edit.between(snapshot, text)
    region = edit.reparse(snapshot, text, path)
    if region is None:
        return _syntax_error(snapshot, edit, text, path)
    first, last, old_stmts, new_stmts, i0, i1 = region
    source = SourceText.with_starts(text, edit.new_starts)
    old_region = snapshot.text[snapshot.starts[first - 1]:_end(snapshot.starts, last, snapshot.text)]
    new_region = text[edit.new_starts[first - 1]:_end(edit.new_starts, last + edit.rows, text)]
    old_names, new_names = name_counts(old_stmts), name_counts(new_stmts)
    fixes_touched = _fix_neighbours(snapshot, i0, i1) | _fresh_name_fixes(snapshot, old_names, new_names)
    if CHOOSES_METHOD.search(old_region) or CHOOSES_METHOD.search(new_region):
        return None  # the start method of the whole program may change
    if edit.rows == 0 and not fixes_touched and _same_tree(old_stmts, new_stmts):
        state = replace(snapshot, text=text, starts=edit.new_starts)
        return _result(AnalysisResult(unsuppressed(snapshot.findings, source), source), state)
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
    recheck = slicer.recheck() | {_new_index(i, i0, i1, len(middle)) for i in fixes_touched}
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
        return None  # whether (and how) the module starts children changed: every import-time finding may
    kept = [_moved(f, last, edit.rows) for f in _outside(snapshot, _old_indices(recheck, i0, i1, len(middle)))]
    merged = kept + findings
    merged.sort(key=sort_key)
    state = Snapshot(text, edit.new_starts, chunks, merged, settings, path, package, identifiers, slicer.found,
                     by_name, fixes)
    return _result(AnalysisResult(unsuppressed(merged, source), source), state)


def _old_indices(new_indices, i0: int, i1: int, replaced_by: int) -> set[int]:
    """Old chunk indices of new ones (the edited chunks i0..i1 stand for the chunks that replaced them)."""
    out = set(range(i0, i1 + 1))
    for index in new_indices:
        if index < i0:
            out.add(index)
        elif index >= i0 + replaced_by:
            out.add(index - replaced_by + i1 - i0 + 1)
    return out


def _outside(snapshot: Snapshot, old_indices: set[int]) -> list[Finding]:
    """The snapshot's findings outside the old chunks `old_indices` (findings are sorted by row)."""
    findings = snapshot.findings
    rows = [f.start.row for f in findings]
    keep = [True] * len(findings)
    for index in old_indices:
        chunk = snapshot.chunks[index]
        for position in range(bisect_left(rows, chunk.first), bisect_right(rows, chunk.last)):
            keep[position] = False
    return [f for f, wanted in zip(findings, keep) if wanted]


def _syntax_error(snapshot: Snapshot, edit: "_Edit", text: str, path):
    """The edited statements do not parse: the file's first syntax error is at or after them (all before
    them parsed), so parsing from them on finds it, and stops there. None if the rest parses after all
    (the edit reaches further than the statements around it: a full analysis sorts that out)."""
    from mpguard.core.analyze import syntax_error

    first = snapshot.chunks[_chunk_at(snapshot.chunks, edit.first_row)].first
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
    None when that is most of the module (the caller analyses it whole, with fixes)."""
    from mpguard.core.analyze import unsuppressed

    if not snapshot.chunks:
        return None
    source = SourceText.with_starts(snapshot.text, snapshot.starts)
    wanted = {_chunk_at(snapshot.chunks, row) for row in rows}
    slicer = Slicer(snapshot.text, snapshot.starts, snapshot.chunks, [], set(), "", by_name=snapshot.by_name)
    context = slicer.context(wanted)
    if context is None:
        return None
    outside = _spawn_methods([c for i, c in enumerate(snapshot.chunks) if c.spawners and i not in wanted])
    analysed = _findings_of(snapshot.text, source, snapshot.chunks, context, wanted, snapshot.settings, snapshot.path,
                            resolver, package, snapshot.identifiers, outside, fixes=True)
    return None if analysed is None else unsuppressed(analysed[0], source)


def _result(result, state):
    result.state = state
    return result


# ---- the edit --------------------------------------------------------------------------------
@dataclass
class _Edit:
    first_row: int  # first and last row the edit touched, in the old text
    last_row: int
    rows: int  # rows added (negative: removed)
    new_starts: list[int]

    @classmethod
    def between(cls, snapshot: Snapshot, text: str) -> "_Edit":
        old, starts = snapshot.text, snapshot.starts
        prefix = _common_prefix(old, text)
        suffix = _common_suffix(old, text, prefix)
        # Never split a \r\n between the changed and the unchanged text: it is one line break.
        if prefix and old[prefix - 1] == "\r":
            prefix -= 1
        if suffix and old[len(old) - suffix] == "\n":
            suffix -= 1
        old_end, new_end = len(old) - suffix, len(text) - suffix
        head = starts[:bisect_right(starts, prefix)]
        tail_index = bisect_right(starts, old_end)
        grown = len(text) - len(old)
        middle = [m.end() for m in C.LINE_BREAK.finditer(text, prefix, new_end)]
        new_starts = head + middle + [s + grown for s in starts[tail_index:]]
        # The row holding the first changed character, through the row holding the first unchanged
        # one: removing a line break joins the next row to the edited one.
        return cls(bisect_right(starts, prefix), max(bisect_right(starts, old_end), 1),
                   len(new_starts) - len(starts), new_starts)

    def reparse(self, snapshot: Snapshot, text: str, path):
        """(first, last, old statements, new statements, i0, i1): the chunks i0..i1 the edit touched,
        widened until their new text parses alone; None if it never does."""
        chunks = snapshot.chunks
        i0, i1 = _chunk_at(chunks, self.first_row), _chunk_at(chunks, self.last_row)
        for attempt in range(WIDEN + 1):
            first, last = chunks[i0].first, chunks[i1].last
            new_last = last + self.rows
            if new_last < first - 1:
                return None
            segment = text[self.new_starts[first - 1]:_end(self.new_starts, new_last, text)]
            try:
                new_stmts = C.parse_text(segment, path or "<unknown>", first).body
            except (SyntaxError, ValueError, RecursionError, MemoryError):
                if attempt == WIDEN or (i0 == 0 and i1 == len(chunks) - 1):
                    return None
                i0, i1 = max(0, i0 - 1), min(len(chunks) - 1, i1 + 1)
                continue
            old_segment = snapshot.text[snapshot.starts[first - 1]:_end(snapshot.starts, last, snapshot.text)]
            try:
                old_stmts = C.parse_text(old_segment, path or "<unknown>", first).body
            except (SyntaxError, ValueError, RecursionError, MemoryError):
                return None
            return first, last, old_stmts, new_stmts, i0, i1
        return None


def _common_prefix(a: str, b: str) -> int:
    """Length of the common prefix, by bisection on slices (C speed on long texts)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        mid = (low + high + 1) // 2
        if a[low:mid] == b[low:mid]:
            low = mid
        else:
            high = mid - 1
    return low


def _common_suffix(a: str, b: str, prefix: int) -> int:
    low, high = 0, min(len(a), len(b)) - prefix
    while low < high:
        mid = (low + high + 1) // 2
        if a[len(a) - mid:len(a) - low] == b[len(b) - mid:len(b) - low]:
            low = mid
        else:
            high = mid - 1
    return low


def _end(starts: list[int], last_row: int, text: str) -> int:
    """Offset just after row `last_row` (its line break included)."""
    return starts[last_row] if last_row < len(starts) else len(text)


def _same_tree(old, new) -> bool:
    try:
        return [ast.dump(s, include_attributes=True) for s in old] == \
            [ast.dump(s, include_attributes=True) for s in new]
    except RecursionError:
        return False


# ---- chunks and findings ---------------------------------------------------------------------------
def _chunk_at(chunks, row: int) -> int:
    return max(0, bisect_right([c.first for c in chunks], row) - 1)


def _new_index(old_index: int, i0: int, i1: int, replaced_by: int) -> int:
    """Where an old chunk index lands among the new chunks (-1: it was re-parsed)."""
    if old_index < i0:
        return old_index
    if old_index > i1:
        return old_index - (i1 - i0 + 1) + replaced_by
    return -1 if replaced_by == 0 else i0


def _fix_neighbours(snapshot, i0: int, i1: int) -> set[int]:
    """Old chunks whose findings carry fix edits on or next to the edited chunks i0..i1: their fixes
    must be rebuilt (a fix also reads the blank and comment rows around the place it edits)."""
    chunks = snapshot.chunks
    low, high = chunks[max(0, i0 - 1)].first, chunks[min(len(chunks) - 1, i1 + 1)].last
    rows = set()
    for finding in snapshot.findings:
        fix = finding.fix
        if fix is not None:
            for e in fix.edits:
                if e.start.row <= high and e.end.row >= low:
                    rows.add(finding.start.row)
                    break
    return _old_chunks(snapshot, rows)


def _fresh_name_fixes(snapshot, old_names, new_names) -> set[int]:
    """Old chunks whose fixes hold a name the edit added or removed (or a numbered variant of it,
    `main_2`): fix builders pick names no identifier of the module has, so the pick may change."""
    changed = set(old_names) ^ set(new_names)
    if not changed:
        return set()
    bases = {re.sub(r"_\d+$", "", name) for name in changed}
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(bases))) + r")(?:_\d+)?(?!\w)")
    rows = {f.start.row for f in snapshot.findings
            if f.fix is not None and any(pattern.search(e.content) for e in f.fix.edits)}
    return _old_chunks(snapshot, rows)


def _old_chunks(snapshot, rows) -> set[int]:
    firsts = [c.first for c in snapshot.chunks] if rows else []
    return {max(0, bisect_right(firsts, row) - 1) for row in rows}


def _moved(finding: Finding, last: int, rows: int) -> Finding:
    """A kept finding, moved down by `rows` when it lies after the edited rows (old row > last).
    Built field by field: `dataclasses.replace` costs more than the whole slice on a large module."""
    if rows == 0:
        return finding

    def move(pos: Position) -> Position:
        return Position(pos.row + rows, pos.column) if pos.row > last else pos

    fix = finding.fix
    if fix is not None and any(e.end.row > last for e in fix.edits):
        fix = Fix(fix.message, fix.applicability, tuple(Edit(move(e.start), move(e.end), e.content) for e in fix.edits))
    related = tuple((move(pos), note) for pos, note in finding.related) if finding.related else ()
    message = finding.message
    if "line " in message:  # messages name the line of a related statement ("writes to a file (line 16)")
        message = LINE_IN_MESSAGE.sub(lambda m: f"line {int(m.group(1)) + rows if int(m.group(1)) > last else m.group(1)}",
                                      message)
    if finding.end.row <= last and fix is finding.fix and related == finding.related and message == finding.message:
        return finding
    return Finding(finding.code, message, move(finding.start), move(finding.end), finding.start_methods,
                   finding.extra_platforms, fix, finding.severity, finding.error, related)


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
    from mpguard.core.analyze import STRICT, _run_rules, checked_findings
    from mpguard.fixes._text import NeedsWholeModule
    from mpguard.rules.guard import spawners

    starts = source.line_starts
    body = []
    for index in sorted(context):
        chunk = chunks[index]
        segment = text[starts[chunk.first - 1]:_end(starts, chunk.last, text)]
        try:
            body.extend(C.parse_text(segment, path or "<unknown>", chunk.first).body)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return None
    tree = ast.Module(body=body, type_ignores=[])
    firsts = [c.first for c in chunks]

    def keeps(node) -> bool:
        return bisect_right(firsts, getattr(node, "lineno", 0)) - 1 in recheck

    try:
        ctx = _run_rules(tree, source, path, resolver, package, settings, top_level_starts=firsts, keeps=keeps,
                         identifiers=identifiers, outside_spawners=outside_spawners, fixes=fixes)
    except NeedsWholeModule:
        return None
    except Exception:
        if STRICT:
            raise
        return None
    findings = [f for f in checked_findings(ctx.findings, settings) if bisect_right(firsts, f.start.row) - 1 in recheck]
    return findings, spawners(ctx)
