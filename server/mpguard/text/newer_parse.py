"""Parsing through `mpguard.text.lowering`: the tree of a text the running parser rejects, when the
rejection is newer syntax; else the error to report, told apart:

- an error outside every rewritten construct (or in an f-string field that is no expression) is the
  file's own, as on any Python: it is raised as is, marked `lowered` (MP001 at its place);
- an error inside a rewritten construct means the lowering could not make that syntax readable: the
  running parser's original error is raised, with `needs_python` = (version, what) (MP002).

The statements of a tree read this way carry `mpguard_lowered` (`mark_lowered`), for the fixes.
"""
from __future__ import annotations

import ast
import re
import threading
from bisect import bisect_right

from mpguard.text import lowering
from mpguard.text.lowering import Lowered, is_expression
from mpguard.text.lowering_gate import may_lower

# The last texts lowered, and their lowering (None: nothing to rewrite). A version of a document that
# does not parse is parsed several times (the diagnostics, then each code action and hover request on
# it), and each parse would scan the same text again: the scan of a 5,000-line text costs about what
# its `ast.parse` does. `lower` is a function of (text, forced) alone, so a hit is the same answer.
_RECENT: dict = {}
RECENT_TEXTS = 4
_recent_lock = threading.Lock()  # the server parses on several threads


def lower(text: str, forced: frozenset = frozenset()) -> Lowered | None:
    key = (text, forced)
    with _recent_lock:
        if key in _RECENT:
            _RECENT[key] = _RECENT.pop(key)  # most recent last
            return _RECENT[key]
    lowered = lowering.lower(text, forced=forced)
    with _recent_lock:
        _RECENT[key] = lowered
        while len(_RECENT) > RECENT_TEXTS:
            del _RECENT[next(iter(_RECENT))]
    return lowered


def forget() -> None:
    """Drop the texts kept (benchmarks: each measured keystroke is a new version)."""
    with _recent_lock:
        _RECENT.clear()


def offset_of(text: str, lineno: int | None, column: int | None) -> int:
    """The offset in `text` of a SyntaxError's (lineno, 1-based offset in code points)."""
    rows = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    row = max(1, min(lineno or 1, len(rows)))
    return min(rows[row - 1] + max((column or 1) - 1, 0), len(text))



def mark_lowered(tree: ast.Module, lowered: Lowered, text: str, first_row: int = 1) -> ast.Module:
    """Give each top-level statement of `tree` (parsed from `lowered`) that holds a rewritten construct
    `mpguard_lowered`: [(start, end, original text)] of those constructs, (row, code point column) each.
    Its nodes are not the source's there: fixes.apply keeps no fix that would write them back."""
    rows = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]

    def place(offset: int) -> tuple[int, int]:
        row = bisect_right(rows, offset)
        return row + first_row - 1, offset - rows[row - 1]

    regions = [(place(start), place(end), text[start:end]) for start, end, _version, _what in lowered.regions]
    for stmt in tree.body:
        first = min([stmt.lineno] + [d.lineno for d in getattr(stmt, "decorator_list", [])])
        mine = [region for region in regions if first <= region[0][0] <= stmt.end_lineno]
        if mine:
            stmt.mpguard_lowered = mine
    return tree


MAX_FORCED = 20  # f-strings lowered because the parser stopped in them, at most, per text


def parse_lowered(text: str, parse, error: SyntaxError, first_row: int = 1) -> ast.Module:
    """The tree of `text`, which `parse` (the running Python's `ast.parse`, rows shifted to `first_row`)
    rejected with `error`, read through the lowering; or the SyntaxError to report (`unlowered_error`).
    An f-string that looked readable but is where the lowered text stops parsing (`f"{x:{y:{z}}}"`:
    "expressions nested too deeply" on 3.11) is lowered too, and the parse tried again."""
    try:
        if not may_lower(text):
            raise error  # nothing the lowering rewrites can be in it: its scan would leave the error as it is
        lowered = lower(text)
        if lowered is None:
            raise error
        for _ in range(MAX_FORCED):
            try:
                if lowered.text == text:  # nothing rewritten (yet): the running parser's answer stands
                    raise error
                tree = parse(lowered.text)
            except SyntaxError as again:
                start = lowered.kept_at(offset_of(text, (again.lineno or first_row) - first_row + 1, again.offset))
                retry = None if start is None else lower(text, forced=lowered.forced | {start})
                if retry is None:
                    raise unlowered_error(error, again, lowered, text, first_row) from None
                lowered = retry
                continue
            return mark_lowered(tree, lowered, text, first_row)
        raise error
    finally:
        # A frame that raises an exception one of its names holds is a reference cycle (the exception's
        # traceback holds the frame): each error raised here was left, with the frames of the chunked parse
        # that caught it and everything they held, for the garbage collector (issue 16).
        del error


def unlowered_error(original: SyntaxError, again: SyntaxError, lowered: Lowered, text: str,
                    first_row: int = 1) -> SyntaxError:
    """The error to report when the lowered text does not parse either. An error outside every rewritten
    construct is the file's own (it is there on every Python): that one, marked `lowered`. Otherwise the
    lowering could not make the newer syntax readable: the original error, with `needs_python` =
    (version, what) of that construct."""
    where = lowered.region_at(offset_of(text, (again.lineno or first_row) - first_row + 1, again.offset))
    if where is None or not all(is_expression(e) for e in lowered.expressions.get(where[0], ())):
        again.lowered = True  # outside the rewrites, or in an f-string field that is no expression (mid-edit)
        return again
    original.needs_python = where[2:]
    return original


__all__ = ["mark_lowered", "offset_of", "parse_lowered", "unlowered_error"]
