"""Text and positions: the one place where columns change units.

`ast` reports UTF-8 *byte* columns, mpguard's model uses code points, and LSP clients count
UTF-16 code units by default (or UTF-8 bytes / code points when negotiated). Every conversion
between those lives here.
"""
from __future__ import annotations

import codecs
import io
import re
import tokenize
from bisect import bisect_right
from functools import cached_property

from mpguard.text.chunks import line_starts
from mpguard.text.findings import Position


class SourceDecodeError(ValueError):
    """The bytes are not text in the encoding they declare."""


def decode_source(data: bytes) -> str:
    """Decode like the interpreter does: BOM, PEP 263 cookie, else UTF-8."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:
        raise SourceDecodeError(str(exc)) from None
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise SourceDecodeError(f"cannot decode as {encoding}: {exc}") from None
    return text[1:] if text.startswith(codecs.BOM_UTF8.decode("utf-8")) else text


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


class SourceText:
    """Source with a line index. Rows are 1-based; columns are 0-based code points."""

    def __init__(self, text: str):
        self.text = text

    @classmethod
    def with_starts(cls, text: str, starts: list[int]) -> "SourceText":
        """A SourceText whose row offsets are known already (`mpguard.text.chunks.line_starts`):
        rows are then sliced out of the text on demand instead of splitting all of it."""
        source = cls(text)
        source.__dict__["line_starts"] = starts
        source._sliced = True
        return source

    @classmethod
    def sliced(cls, text: str) -> "SourceText":
        """`with_starts`, the row offsets found when first asked for: most files of a large run are only
        parsed, and nothing of theirs is ever placed by row."""
        source = cls(text)
        source._sliced = True
        return source

    @cached_property
    def lines(self) -> list[str]:
        # Only \n, \r\n and \r break lines for the tokenizer and for LSP; str.splitlines
        # would also break on \f, \x1c, \u2028 and others and shift every row after them.
        lines = _LINE.findall(self.text)
        if lines and lines[-1] == "":
            lines.pop()
        return lines or [""]

    @property
    def row_count(self) -> int:
        """len(self.lines), without splitting the text when the row offsets are known."""
        if "lines" in self.__dict__ or not self._sliced:
            return len(self.lines)
        starts = self.line_starts
        return len(starts) - 1 if len(starts) > 1 and starts[-1] == len(self.text) else len(starts)

    @cached_property
    def line_starts(self) -> list[int]:
        return line_starts(self.text)

    _sliced = False

    def line(self, row: int) -> str:
        if self._sliced and "lines" not in self.__dict__:
            starts = self.line_starts
            if not 1 <= row <= len(starts):
                return ""
            return self.text[starts[row - 1]:starts[row] if row < len(starts) else len(self.text)]
        if 1 <= row <= len(self.lines):
            return self.lines[row - 1]
        return ""

    def line_text(self, row: int) -> str:
        return self.line(row).rstrip("\r\n")

    # --- ast byte columns -> code points -------------------------------------------------
    def char_column(self, row: int, byte_col: int) -> int:
        line = self.line(row)
        if line.isascii():
            return min(byte_col, len(line))
        return len(line.encode("utf-8")[:byte_col].decode("utf-8", errors="ignore"))

    def node_start(self, node) -> Position:
        return Position(node.lineno, self.char_column(node.lineno, node.col_offset))

    def node_end(self, node) -> Position:
        row = getattr(node, "end_lineno", None) or node.lineno
        col = getattr(node, "end_col_offset", None)
        if col is None:
            return Position(row, len(self.line_text(row)))
        return Position(row, self.char_column(row, col))

    # --- offsets ---------------------------------------------------------------------------
    def offset(self, pos: Position) -> int:
        starts, text, row = self.line_starts, self.text, pos.row
        if row < 1:
            return 0
        if row > len(starts):
            return len(text)
        start = starts[row - 1]
        if pos.column <= 0:
            return start
        end = starts[row] if row < len(starts) else len(text)  # the row's end, found without slicing it out
        if end > start and text[end - 1] == "\n":
            end -= 1
        if end > start and text[end - 1] == "\r":
            end -= 1
        return start + min(pos.column, end - start)

    def position(self, offset: int) -> Position:
        offset = max(0, min(offset, len(self.text)))
        row = bisect_right(self.line_starts, offset)
        return Position(row, offset - self.line_starts[row - 1])

    def end_position(self) -> Position:
        return self.position(len(self.text))

    def clamp(self, pos: Position) -> Position:
        return self.position(self.offset(pos))

    # --- client units ----------------------------------------------------------------------
    def to_client_column(self, pos: Position, encoding: str = "utf-16") -> int:
        """Code-point column -> column in the client's units ("utf-8", "utf-16", "utf-32")."""
        prefix = self.line_text(pos.row)[: pos.column]
        return units(prefix, encoding)

    def from_client_column(self, row: int, column: int, encoding: str = "utf-16") -> int:
        """Column in the client's units -> code-point column, clamped to the line."""
        line = self.line_text(row)
        if encoding == "utf-32" or line.isascii():
            return max(0, min(column, len(line)))
        count = 0
        for index, char in enumerate(line):
            if count >= column:
                return index
            count += units(char, encoding)
        return len(line)


def units(text: str, encoding: str) -> int:
    if encoding == "utf-32" or text.isascii():
        return len(text)
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    return len(text.encode("utf-16-le")) // 2
