"""Applying fixes: non-overlapping edits, re-check, repeat (ruff's fix loop)."""
from __future__ import annotations

import bisect
import contextvars

from mpguard.core.chunks import first_row, parse_text
from mpguard.core.model import Applicability, Fix, Position
from mpguard.core.source import SourceText

MAX_ROUNDS = 10


def apply_edits(text: str, edits) -> str:
    source = SourceText(text)
    spans = sorted(((source.offset(e.start), source.offset(e.end), e.content) for e in edits), reverse=True)
    for start, end, content in spans:
        text = text[:start] + content + text[end:]
    return text


def parses(text: str) -> bool:
    try:
        parse_text(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


# (SourceText, first lines of the module's top-level statements), set by the analysis while rules run, so
# that checking a fix re-parses only the statements it touches instead of the whole module.
TOP_LEVEL: contextvars.ContextVar = contextvars.ContextVar("mpguard_top_level", default=None)


def validated(text: str, fix: Fix | None) -> Fix | None:
    """Drop a fix whose result would not parse."""
    if fix is None or not fix.edits:
        return None
    region = _region(text, fix)
    if region is None:
        return fix if parses(apply_edits(text, fix.edits)) else None
    start, end, source = region
    local = text[start:end]
    spans = sorted(((source.offset(e.start) - start, source.offset(e.end) - start, e.content) for e in fix.edits),
                   reverse=True)
    for a, b, content in spans:
        local = local[:a] + content + local[b:]
    return fix if parses(local) else None


def _region(text: str, fix: Fix):
    """Offsets of the whole top-level statements the fix touches (top-level statements parse alone)."""
    known = TOP_LEVEL.get()
    if known is None or known[0].text is not text:
        return None
    source, starts = known
    first = min(e.start.row for e in fix.edits)
    last = max(e.end.row for e in fix.edits)
    i = bisect.bisect_right(starts, first)
    begin = starts[i - 1] if i else 1
    j = bisect.bisect_right(starts, last)
    after = starts[j] if j < len(starts) else None
    start = source.offset(Position(begin, 0))
    end = len(text) if after is None else source.offset(Position(after, 0))
    if any(not (start <= source.offset(e.start) <= source.offset(e.end) <= end) for e in fix.edits):
        return None
    return start, end, source


def top_level_starts(tree) -> list[int]:
    return sorted(first_row(s) for s in tree.body)


def allowed(fix: Fix | None, unsafe: bool) -> bool:
    if fix is None:
        return False
    return fix.applicability == Applicability.SAFE or (unsafe and fix.applicability == Applicability.UNSAFE)


def apply_round(text: str, findings, unsafe: bool = False) -> tuple[str, list]:
    """Apply every allowed fix that does not overlap one already taken. Returns (text, applied)."""
    source = SourceText(text)
    taken: list[tuple[int, int]] = []
    applied, edits = [], []
    for finding in sorted(findings, key=lambda f: (f.start, f.code)):
        fix = finding.fix
        if not allowed(fix, unsafe):
            continue
        spans = [(source.offset(e.start), source.offset(e.end)) for e in fix.edits]
        if any(_overlaps(a, b) for a in spans for b in taken):
            continue
        taken.extend(spans)
        edits.extend(fix.edits)
        applied.append(finding)
    if not edits:
        return text, []
    new_text = apply_edits(text, edits)
    if not parses(new_text):
        return text, []
    return new_text, applied


def _overlaps(a, b) -> bool:
    # Touching spans overlap too when either is an insertion at the shared point.
    return a[0] < b[1] and b[0] < a[1] or a[0] == b[0] or (a[0] == a[1] and b[0] <= a[0] <= b[1]) \
        or (b[0] == b[1] and a[0] <= b[0] <= a[1])


def fix_all(text: str, check, unsafe: bool = False, max_rounds: int = MAX_ROUNDS) -> tuple[str, list]:
    """Fix, re-check, repeat until nothing changes. `check(text)` returns findings."""
    applied_all = []
    for _ in range(max_rounds):
        new_text, applied = apply_round(text, check(text), unsafe)
        if not applied or new_text == text:
            break
        applied_all.extend(applied)
        text = new_text
    return text, applied_all

