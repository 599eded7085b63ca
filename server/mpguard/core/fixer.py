"""Applying fixes: non-overlapping edits, re-check, repeat (ruff's fix loop)."""
from __future__ import annotations

import ast
import warnings

from mpguard.core.model import Applicability, Edit, Fix
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
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def validated(text: str, fix: Fix | None) -> Fix | None:
    """Drop a fix whose result would not parse."""
    if fix is None or not fix.edits:
        return None
    return fix if parses(apply_edits(text, fix.edits)) else None


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


def as_edit(source: SourceText, start: int, end: int, content: str) -> Edit:
    return Edit(source.position(start), source.position(end), content)
