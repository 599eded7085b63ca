"""One change between two versions of a text: the rows it touched, the new row offsets, and the
top-level statements (core.chunks) around it parsed again."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from mpguard.text import chunks as C

WIDEN = 2  # a region that does not parse alone is widened by a statement on each side this often


@dataclass
class TextChange:
    first_row: int  # first and last row the edit touched, in the old text
    last_row: int
    rows: int  # rows added (negative: removed)
    new_starts: list[int]

    @classmethod
    def between(cls, snapshot, text: str) -> "TextChange":
        old, starts = snapshot.text, snapshot.starts
        prefix, suffix = changed_span(old, text)
        old_end, new_end = len(old) - suffix, len(text) - suffix
        new_starts = C.spliced_starts(starts, text, prefix, old_end, new_end)
        # The row holding the first changed character, through the row holding the first unchanged
        # one: removing a line break joins the next row to the edited one.
        return cls(bisect_right(starts, prefix), max(bisect_right(starts, old_end), 1),
                   len(new_starts) - len(starts), new_starts)

    def reparse(self, snapshot, text: str, path):
        """(first, last, old statements, new statements, i0, i1): the chunks i0..i1 the edit touched,
        widened until their new text parses alone; None if it never does."""
        chunks = snapshot.chunks
        i0, i1 = chunk_at(chunks, self.first_row), chunk_at(chunks, self.last_row)
        for attempt in range(WIDEN + 1):
            first, last = chunks[i0].first, chunks[i1].last
            new_last = last + self.rows
            if new_last < first - 1:
                return None
            segment = text[self.new_starts[first - 1]:C.row_end(self.new_starts, new_last, text)]
            try:
                new_stmts = C.parse_text(segment, path or "<unknown>", first).body
            except (SyntaxError, ValueError, RecursionError, MemoryError):
                if attempt == WIDEN or (i0 == 0 and i1 == len(chunks) - 1):
                    return None
                i0, i1 = max(0, i0 - 1), min(len(chunks) - 1, i1 + 1)
                continue
            old_segment = snapshot.text[snapshot.starts[first - 1]:C.row_end(snapshot.starts, last, snapshot.text)]
            try:
                old_stmts = C.parse_text(old_segment, path or "<unknown>", first).body
            except (SyntaxError, ValueError, RecursionError, MemoryError):
                return None
            return first, last, old_stmts, new_stmts, i0, i1
        return None


def changed_span(old: str, new: str) -> tuple[int, int]:
    """(prefix, suffix): the lengths of what the two texts share at their start and at their end,
    never splitting a \r\n (there is no position between its two characters)."""
    prefix = common_prefix(old, new)
    suffix = common_suffix(old, new, prefix)
    if prefix and old[prefix - 1] == "\r":
        prefix -= 1
    if suffix and old[len(old) - suffix] == "\n":
        suffix -= 1
    return prefix, suffix


def common_prefix(a: str, b: str) -> int:
    """Length of the common prefix, by bisection on slices (C speed on long texts)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        mid = (low + high + 1) // 2
        if a[low:mid] == b[low:mid]:
            low = mid
        else:
            high = mid - 1
    return low


def common_suffix(a: str, b: str, prefix: int) -> int:
    low, high = 0, min(len(a), len(b)) - prefix
    while low < high:
        mid = (low + high + 1) // 2
        if a[len(a) - mid:len(a) - low] == b[len(b) - mid:len(b) - low]:
            low = mid
        else:
            high = mid - 1
    return low


def chunk_at(chunks, row: int) -> int:
    """The index of the chunk holding `row`."""
    return max(0, bisect_right([c.first for c in chunks], row) - 1)
