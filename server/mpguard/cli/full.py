"""ruff's `full` text output: the finding's line, the source around it with a caret under the finding,
where it breaks and what the fix does; coloured on a terminal.

    pool.py:7:15: MP201 [*] `map` task is a lambda, which pickle cannot find by name: ...
      |
    6 |     with Pool(2) as pool:
    7 |         print(pool.map(lambda x: x * 2, range(4)))
      |                        ^^^^^^^^^^^^^^^^ MP201
      |
      = breaks on: windows, macos, linux<=3.13, linux>=3.14
      = help: Turn the lambda into a named function
"""
from __future__ import annotations

import os
from dataclasses import dataclass

CONTEXT = 2  # rows shown before and after the finding, as ruff shows
TAB = 4  # a tab is shown as this many spaces, so that the caret stays under what it points at
MAX_ROWS = 8  # a finding spanning more rows shows its first rows, then "..."

BOLD, RED, BLUE, CYAN, RESET = "\x1b[1m", "\x1b[31m", "\x1b[34m", "\x1b[36m", "\x1b[0m"


@dataclass(frozen=True)
class Snippet:
    """The rows shown for a finding: (number shown, text) pairs, and the finding's span within them
    (0-based code-point columns on the first and last row of the finding)."""

    rows: tuple[tuple[int, str], ...]
    start_row: int
    start_column: int
    end_row: int
    end_column: int


def snippet_of(source, start, end, shown_row=None) -> Snippet | None:
    """The snippet for a finding from `start` to `end` (text.findings.Position) in `source`
    (text.source.SourceText). `shown_row(row)` gives the number to print for a row (a notebook's row
    within its cell); rows of another cell are left out."""
    if source is None:
        return None
    count = source.row_count
    if not 1 <= start.row <= count:
        return None
    end_row = min(max(end.row, start.row), count)
    number = shown_row or (lambda row: (None, row))
    cell = number(start.row)[0]
    first = max(1, start.row - CONTEXT)
    last = min(count, end_row + CONTEXT)
    rows = []
    for row in range(first, last + 1):
        row_cell, shown = number(row)
        if row_cell != cell:
            continue
        if start.row + MAX_ROWS <= row <= end_row - 1:
            continue
        rows.append((row, shown, source.line_text(row)))
    while rows and not rows[-1][2].strip() and rows[-1][0] > end_row:  # no blank tail
        rows.pop()
    index = {row: shown for row, shown, _ in rows}
    end_column = end.column if end.row == end_row else len(source.line_text(end_row))
    return Snippet(tuple((shown, text) for _, shown, text in rows), index[start.row], start.column,
                   index.get(end_row, index[start.row]), end_column)


def use_colour(stream) -> bool:
    """Colour on a terminal, unless NO_COLOR is set (no-color.org); FORCE_COLOR asks for it anyway."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"


def _display(text: str, column: int) -> tuple[str, int]:
    """`text` with its tabs expanded, and where code-point `column` lands in it."""
    before = text[:column].expandtabs(TAB)
    return text.expandtabs(TAB), len(before)


def render_full(item: dict, snippet: Snippet | None, location: str, fixable: str, colour: bool) -> str:
    paint = (lambda style, text: f"{style}{text}{RESET}") if colour else (lambda style, text: text)
    code = item["code"]
    header = (f"{paint(BOLD, location)}: {paint(BOLD + RED, code)}"
              f"{' ' + paint(CYAN, '[*]') if fixable else ''} {item['message']}")
    lines = [header]
    if snippet is not None and snippet.rows:
        width = len(str(max(shown for shown, _ in snippet.rows)))
        gutter = paint(BLUE + BOLD, " " * width + " |")
        lines.append(gutter)
        for shown, text in snippet.rows:
            displayed, _ = _display(text, 0)
            lines.append(f"{paint(BLUE + BOLD, f'{shown:>{width}} |')} {displayed}".rstrip())
            if shown == snippet.end_row:
                lines.append(f"{gutter} {_marker(snippet, text, paint, code)}")
        lines.append(gutter)
    pad = " " * (len(str(max((s for s, _ in snippet.rows), default=1))) + 1) if snippet and snippet.rows else "  "
    if item["platforms"]:  # none for MP0xx: about the file, not a hazard
        lines.append(f"{pad}{paint(BLUE + BOLD, '=')} breaks on: {', '.join(item['platforms'])}")
    if item.get("fix"):
        lines.append(f"{pad}{paint(BLUE + BOLD, '=')} help: {item['fix']['message']}")
    return "\n".join(lines)


def _marker(snippet: Snippet, end_text: str, paint, code: str) -> str:
    """The carets under the finding's last row (from its start column on a one-row finding)."""
    start = snippet.start_column if snippet.start_row == snippet.end_row else len(end_text) - len(end_text.lstrip())
    _, begin = _display(end_text, start)
    _, finish = _display(end_text, max(snippet.end_column, start))
    carets = "^" * max(1, finish - begin)
    return " " * begin + paint(RED + BOLD, f"{carets} {code}")
