"""The smallest statements a fix touches, so that checking the fix parses only those.

A fix is validated by parsing the text it produces. Parsing the whole module per fix, or even the
whole top-level statement, is quadratic on a `__main__` block of a thousand `pool.map(lambda ...)`
lines: each of the thousand fixes re-parsed the thousand-line block. Here an edit is placed in the
innermost statement that contains it and owns its lines (nothing else starts or ends on them), and
only those lines are parsed, wrapped in `if 1:` when they are indented. An insertion at the start of
a statement's first row (a function lifted above it) is parsed alone, at that statement's indentation.

Why that is enough: the module parsed before the fix, and a run of whole lines that forms complete
statements at the block's indentation can be swapped for another such run without changing how the
rest tokenizes. Anything this module cannot place (a statement sharing its lines, a backslash
continuation, an edit between statements) is left to the caller's wider check, never guessed.
"""
from __future__ import annotations

import ast
import bisect

from mpguard.text.chunks import first_row

_BLOCKS = ("body", "orelse", "finalbody")


class Statements:
    """Finds statements by row in one module's tree; the row lists of the blocks it descends are kept."""

    def __init__(self, tree: ast.Module, source, whole: bool = True):
        self.tree = tree
        self.source = source
        self.whole = whole  # the tree is the whole module, not a slice of its statements (incremental)
        self._firsts: dict[int, tuple[list, list[int]]] = {}

    def regions(self, edit) -> tuple | None:
        """(start offset, end offset, indentation, insertion alone, (block, index) of the statement) of
        the lines to re-parse for `edit`, or None when no statement owns the lines the edit touches."""
        source = self.source
        start, end = source.offset(edit.start), source.offset(edit.end)
        r1, r2 = edit.start.row, edit.end.row
        if edit.end.column == 0 and r2 > r1:
            r2 -= 1  # whole rows: the edit ends where the next row starts
        insertion = (start == end and edit.start.column == 0 and edit.content.endswith(("\n", "\r"))
                     and (start == 0 or source.text[start - 1] in "\r\n"))  # not glued to a last line
        best = None
        if insertion and self.whole and self._between_top_level_statements(r1):
            # an import or a function added at the top level, or statements added to the end of the
            # block above (at the indentation of one of the blocks still open there)
            first = _first_code_line(edit.content)
            indent = "" if first is None else first[:len(first) - len(first.lstrip(" \t"))]
            return (start, start, indent, True, None) if indent in self._open_levels(r1) else None
        blocks = [self.tree.body]
        while blocks:
            found = self._containing(blocks, r1, r2)
            if found is None:
                break
            stmt = found[0][found[1]]
            first = first_row(stmt)
            indent = self._starts_line(stmt, first)
            if insertion and first == r1 and indent is not None:
                return start, start, indent, True, None  # new statements just above this one
            if indent is not None and self._ends_line(stmt):
                region_start, region_end = self.span(stmt)
                if region_start <= start and end <= region_end:
                    best = (region_start, region_end, indent, False, found)
            blocks = _blocks_of(stmt)
        return best

    def span(self, stmt) -> tuple[int, int]:
        """Offsets of the statement's whole rows, line break included."""
        return self.source.line_starts[first_row(stmt) - 1], self._row_end(stmt.end_lineno)

    def _between_top_level_statements(self, row: int) -> bool:
        """Is `row` outside every top-level statement (a blank or comment line between them, or the
        end of the module), and not the continuation of the line above?"""
        stmts, firsts = self._rows(self.tree.body)
        i = bisect.bisect_right(firsts, row) - 1
        if i >= 0 and stmts[i].end_lineno >= row:
            return False
        return row == 1 or not self.source.line_text(row - 1).endswith("\\")

    def _open_levels(self, row: int) -> set[str]:
        """The indentations a statement may take at `row`, just after a top-level statement: the top
        level, and the body of each last statement nested in that statement."""
        levels = {""}
        stmts, firsts = self._rows(self.tree.body)
        i = bisect.bisect_right(firsts, row) - 1
        node = stmts[i] if i >= 0 else None
        while node is not None:
            blocks = _blocks_of(node)
            if not blocks:
                break
            last = max((block[-1] for block in blocks), key=lambda s: s.end_lineno)
            indent = self._starts_line(last, first_row(last))
            if indent is None:  # `if x: y`: no block of its own indentation
                break
            levels.add(indent)
            node = last
        return levels

    def _containing(self, blocks, r1: int, r2: int):
        for block in blocks:
            stmts, firsts = self._rows(block)
            i = bisect.bisect_right(firsts, r1) - 1
            if i >= 0 and stmts[i].end_lineno >= r2:
                return stmts, i
        return None

    def _rows(self, block: list) -> tuple[list, list[int]]:
        key = id(block)
        if key not in self._firsts:
            self._firsts[key] = (block, [first_row(s) for s in block])  # the list is kept alive with its id
        return self._firsts[key]

    def _starts_line(self, stmt, row: int) -> str | None:
        """The indentation of `row` when the statement is the first thing on it, and that row is not
        the continuation of the one above (a trailing backslash); else None."""
        line = self.source.line_text(row)
        body = line.lstrip(" \t")
        indent = line[:len(line) - len(body)]
        if isinstance(stmt, ast.If) and body.startswith("elif") and not body[4:5].isidentifier():
            return None  # an `elif` is part of the `if` above it, not a statement of its own
        if getattr(stmt, "decorator_list", None) and first_row(stmt) < stmt.lineno:
            if not body.startswith("@"):
                return None
        elif stmt.col_offset != len(indent):
            return None
        if row > 1 and self.source.line_text(row - 1).endswith("\\"):
            return None
        return indent

    def _ends_line(self, stmt) -> bool:
        """Nothing but blanks or a comment follows the statement on its last row (no `; other`, no
        continuation). Once the statement has ended, a `#` can only start a comment."""
        end = self.source.node_end(stmt)
        rest = self.source.line_text(end.row)[end.column:].strip()
        return not rest or rest.startswith("#")

    def _row_end(self, row: int) -> int:
        starts = self.source.line_starts
        return starts[row] if row < len(starts) else len(self.source.text)


def _blocks_of(stmt) -> list[list]:
    blocks = [getattr(stmt, name) for name in _BLOCKS if getattr(stmt, name, None)]
    for handler in getattr(stmt, "handlers", ()):
        blocks.append(handler.body)
    for case in getattr(stmt, "cases", ()):
        blocks.append(case.body)
    return [b for b in blocks if isinstance(b, list) and b and isinstance(b[0], ast.stmt)]


def parses_at(text: str, indent: str, tree_of) -> bool:
    """Does `text` surely parse as complete statements at `indent` (the indentation of the block it
    sits in)? False means "not sure": the caller checks more widely. `tree_of(text)` is the parser
    (None on a syntax error)."""
    if not indent:
        return tree_of(text) is not None
    first = _first_code_line(text)
    if first is None or first[:len(first) - len(first.lstrip(" \t"))] != indent:
        return False
    newline = "\r\n" if "\r\n" in text else "\r" if "\r" in text and "\n" not in text else "\n"
    tree = tree_of("if 1:" + newline + text)
    return tree is not None and len(tree.body) == 1  # nothing dedented out of the block


def has_code(text: str) -> bool:
    """Anything but blank and comment lines?"""
    return _first_code_line(text) is not None


def _first_code_line(text: str) -> str | None:
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            return line
    return None
