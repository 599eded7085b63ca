"""Findings carried over an edit (core.incremental): which old statements' findings must be
re-checked because of their fixes, which findings are kept, and where they move.

Chunks are numbered in order; the edit replaced old chunks i0..i1 by `replaced_by` new ones.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from dataclasses import replace

from mpguard.text.findings import Edit, Finding, Fix, Position

LINE_IN_MESSAGE = re.compile(r"\bline (\d+)\b")


def new_index(old_index: int, i0: int, i1: int, replaced_by: int) -> int:
    """Where an old chunk index lands among the new chunks (-1: it was re-parsed)."""
    if old_index < i0:
        return old_index
    if old_index > i1:
        return old_index - (i1 - i0 + 1) + replaced_by
    return -1 if replaced_by == 0 else i0


def fix_neighbours(snapshot, i0: int, i1: int) -> set[int]:
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
    return old_chunks(snapshot, rows)


def fresh_name_fixes(snapshot, old_names, new_names) -> set[int]:
    """Old chunks whose fixes hold a name the edit added or removed (or a numbered variant of it,
    `main_2`): fix builders pick names no identifier of the module has, so the pick may change."""
    changed = set(old_names) ^ set(new_names)
    if not changed:
        return set()
    bases = {re.sub(r"_\d+$", "", name) for name in changed}
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(bases))) + r")(?:_\d+)?(?!\w)")
    rows = {f.start.row for f in snapshot.findings
            if f.fix is not None and any(pattern.search(e.content) for e in f.fix.edits)}
    return old_chunks(snapshot, rows)


# An `import x` line a fix adds (fixes._text.need_module), and the statements it goes after.
_ADDED_IMPORT = re.compile(r"(?:\r\n|\r|\n)?import [\w.]+(?:\r\n|\r|\n)\Z")
_LEADING_STATEMENT = re.compile(r"(?:import|from)\b")
_DOCSTRING = re.compile(r"[rRbBuUfF]{0,2}['\"]")


def import_fixes(snapshot, i0: int) -> set[int]:
    """Old chunks whose fixes add an import line, when the edit (from chunk i0 on) may move where
    import lines go: after the module's docstring and leading imports."""
    if i0 > _leading_block_end(snapshot):
        return set()
    rows = {f.start.row for f in snapshot.findings if f.fix is not None
            and any(e.start == e.end and _ADDED_IMPORT.match(e.content) for e in f.fix.edits)}
    return old_chunks(snapshot, rows)


def _leading_block_end(snapshot) -> int:
    """The index of the first chunk that starts with neither the docstring nor an import."""
    for index, chunk in enumerate(snapshot.chunks):
        start = snapshot.starts[chunk.first - 1]
        if not (_LEADING_STATEMENT.match(snapshot.text, start) or (index == 0 and _DOCSTRING.match(snapshot.text, start))):
            return index
    return len(snapshot.chunks)


def old_chunks(snapshot, rows) -> set[int]:
    firsts = [c.first for c in snapshot.chunks] if rows else []
    return {max(0, bisect_right(firsts, row) - 1) for row in rows}


def moved(finding: Finding, last: int, rows: int) -> Finding:
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
    # Messages name the line of a related statement ("writes to a file (line 16)").
    message = renumbered_lines(finding.message, last, rows)
    if finding.end.row <= last and fix is finding.fix and related == finding.related and message == finding.message:
        return finding
    return replace(finding, message=message, start=move(finding.start), end=move(finding.end), fix=fix,
                   related=related)


def renumbered_lines(message: str, last: int, rows: int) -> str:
    """`message` with every "line N" after row `last` moved down by `rows`."""
    if "line " not in message:
        return message

    def renumbered(match) -> str:
        line = int(match.group(1))
        return f"line {line + rows if line > last else line}"
    return LINE_IN_MESSAGE.sub(renumbered, message)


def old_indices(new_indices, i0: int, i1: int, replaced_by: int) -> set[int]:
    """Old chunk indices of new ones (the edited chunks i0..i1 stand for the chunks that replaced them)."""
    out = set(range(i0, i1 + 1))
    for index in new_indices:
        if index < i0:
            out.add(index)
        elif index >= i0 + replaced_by:
            out.add(index - replaced_by + i1 - i0 + 1)
    return out


def outside(snapshot, old_indices: set[int]) -> list[Finding]:
    """The snapshot's findings outside the old chunks `old_indices` (findings are sorted by row)."""
    findings = snapshot.findings
    rows = [f.start.row for f in findings]
    keep = [True] * len(findings)
    for index in old_indices:
        chunk = snapshot.chunks[index]
        for position in range(bisect_left(rows, chunk.first), bisect_right(rows, chunk.last)):
            keep[position] = False
    return [f for f, wanted in zip(findings, keep) if wanted]
