"""A module as a sequence of top-level statements: the unit of parsing and of re-analysis.

Top-level statements parse independently. A statement that starts in column 0 after text that
parsed completely (no open bracket, string or backslash continuation) is tokenized and parsed the
same alone as in the whole file, unless it continues the previous compound statement (`else`,
`elif`, `except`, `finally`). Parsing a range of whole statements with the rows before it
replaced by empty lines therefore yields exactly the nodes, positions included, that `ast.parse`
of the whole file yields for them. Two things rest on that:

- `parse_module` parses a large file in batches of statements. The tree is the same; the peak
  memory is not (CPython's parser holds its own copy of the whole file's tree while it builds
  ours: ~75 MiB for 20,000 lines).
- `mpguard.linter.incremental` re-parses only the statements an edit touched.
"""
from __future__ import annotations

import ast
import re
import warnings
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

from mpguard.text.newer_parse import parse_lowered

BATCH_ROWS = 1_500
# Rows that may start a top-level statement: anything in column 0 but a comment, a closing
# bracket, a decorated definition's `def`/`class` line, or a clause of the statement before.
NOT_A_STATEMENT = r"[\s#)\]}]|(?:else|elif|except|finally)\b"
NOT_A_STATEMENT_RE = re.compile(NOT_A_STATEMENT)
_CANDIDATE = re.compile(rf"^(?!{NOT_A_STATEMENT})", re.MULTILINE)
LINE_BREAK = re.compile(r"\r\n|\r|\n")


class NeedsWholeModule(Exception):
    """Raised while only a slice of the module's statements is analysed (linter/incremental) when the answer
    needs the whole module: a whole-module fix, or a fact another statement outside the slice may change.
    The caller analyses the whole module instead."""


def parse_text(text: str, filename: str = "<unknown>", first_row: int = 1) -> ast.Module:
    """`ast.parse` of `text` as if it began on row `first_row` of its file. Syntax of a newer Python
    than the running one is read too (`mpguard.text.newer_parse`), positions kept; a SyntaxError raised
    then carries `needs_python` ((version, what)) when it is the newer syntax that could not be read."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # invalid escape sequences etc. are not our business
        try:
            return ast.parse("\n" * (first_row - 1) + text, filename=filename)
        except SyntaxError as error:
            return parse_lowered(text, lambda lowered: ast.parse("\n" * (first_row - 1) + lowered, filename=filename),
                                 error, first_row)


def row_end(starts: list[int], last_row: int, text: str) -> int:
    """Offset just after row `last_row` (its line break included)."""
    return starts[last_row] if last_row < len(starts) else len(text)


def line_starts(text: str) -> list[int]:
    """Offset of every row's first character (row r starts at starts[r - 1])."""
    if "\r" in text:
        return [0] + [m.end() for m in LINE_BREAK.finditer(text)]
    starts = list(accumulate([len(line) + 1 for line in text.split("\n")], initial=0))  # 3x the regex's speed
    starts.pop()
    return starts


def spliced_starts(starts: list[int], text: str, start: int, old_end: int, new_end: int) -> list[int]:
    """`line_starts(text)`, where `text` replaced the old text's [start, old_end) by its own
    [start, new_end) and `starts` were the old text's row offsets. No \r\n may straddle `start`,
    `old_end` or `new_end` (the callers make sure)."""
    grown = new_end - old_end
    return starts[:bisect_right(starts, start)] + [m.end() for m in LINE_BREAK.finditer(text, start, new_end)] \
        + [s + grown for s in starts[bisect_right(starts, old_end):]]


def parse_module(text: str, filename: str = "<unknown>", starts: list[int] | None = None) -> ast.Module:
    """The tree `ast.parse(text)` gives (and its SyntaxError), built batch by batch.

    A SyntaxError raised here carries `complete_rows` and `complete_body`: the rows before it that
    parsed into whole statements, and those statements (an incremental analysis of a file that has
    never parsed starts from them). `starts`: the text's `line_starts`, when known already."""
    if starts is None:
        if text.count("\n") + text.count("\r") < BATCH_ROWS * 2:  # (at most that many rows: no need to count them)
            return parse_text(text, filename)
        starts = line_starts(text)
    if len(starts) <= BATCH_ROWS * 2:
        return parse_text(text, filename)
    rows = [bisect_right(starts, m.start()) for m in _CANDIDATE.finditer(text)]
    cuts = _batch_cuts(rows)
    body: list[ast.stmt] = []
    begin = 1  # first row of the batch being parsed
    index = 0
    widened = False
    while index <= len(cuts):
        end = cuts[index] if index < len(cuts) else len(starts) + 1  # first row after the batch
        chunk = text[starts[begin - 1]:starts[end - 1] if end <= len(starts) else len(text)]
        try:
            tree = parse_text(chunk, filename, begin)
        except SyntaxError:
            if not widened and index < len(cuts):
                index, widened = index + 1, True  # the cut may fall inside a statement (a column-0 row in a string)
                continue
            # Everything before `begin` parsed into whole statements: the file's first error is the
            # first error of the rest, where parsing the rest stops.
            try:
                tree = parse_text(text[starts[begin - 1]:], filename, begin)
            except SyntaxError as exc:
                exc.complete_rows, exc.complete_body = begin - 1, body
                raise
            body.extend(tree.body)
            break
        body.extend(tree.body)
        begin, widened = end, False
        index += 1
    return ast.Module(body=body, type_ignores=[])


def _batch_cuts(rows: list[int]) -> list[int]:
    cuts, last = [], 1
    for row in rows:
        if row - last >= BATCH_ROWS:
            cuts.append(row)
            last = row
    return cuts


# ---- top-level statements as chunks ---------------------------------------------------------------
_GLOBAL = re.compile(r"^[ \t]+global[ \t]+(\w+(?:[ \t]*,[ \t]*\w+)*)", re.MULTILINE)


@dataclass
class Chunk:
    """Rows `first`..`last` (1-based, inclusive): one or more top-level statements (several only
    when they share a row, `a = 1; b = 2`), with the comments and blank rows after them."""

    first: int
    last: int
    kind: str  # "def" (function or class definition) or "module" (runs at import)
    name: str | None  # the name a definition binds
    defines: frozenset = frozenset()  # module-level names it binds (`global` ones included)
    spawners: frozenset = frozenset()  # explicit start methods of the processes and pools it creates

    def shifted(self, rows: int) -> "Chunk":
        return Chunk(self.first + rows, self.last + rows, self.kind, self.name, self.defines, self.spawners)


def first_row(stmt: ast.stmt) -> int:
    return min([stmt.lineno] + [d.lineno for d in getattr(stmt, "decorator_list", [])])


def global_names(text: str, starts: list[int], first: int = 1, last: int | None = None) -> list[tuple[int, str]]:
    """(row, name) of every name a `global` statement declares in rows first..last."""
    begin = starts[first - 1] if first - 1 < len(starts) else len(text)
    end = starts[last] if last is not None and last < len(starts) else len(text)
    out = []
    for match in _GLOBAL.finditer(text, begin, end):
        row = bisect_right(starts, match.start())
        out.extend((row, name.strip()) for name in match.group(1).split(","))
    return out


def chunks_of(body: list[ast.stmt], first: int, last: int, globals_declared=()) -> list[Chunk]:
    """Chunks of the statements `body`, which span rows `first`..`last` (a module or a region)."""
    groups: list[list[ast.stmt]] = []
    for stmt in body:
        if groups and first_row(stmt) <= groups[-1][-1].end_lineno:
            groups[-1].append(stmt)
        else:
            groups.append([stmt])
    out = []
    for index, group in enumerate(groups):
        start = first if index == 0 else first_row(group[0])
        end = first_row(groups[index + 1][0]) - 1 if index + 1 < len(groups) else last
        only = group[0] if len(group) == 1 else None
        declared = {name for row, name in globals_declared if start <= row <= end}
        if isinstance(only, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out.append(Chunk(start, end, "def", only.name, frozenset({only.name} | declared)))
        else:
            out.append(Chunk(start, end, "module", None, frozenset(defines_of(group) | declared)))
    return out


def defines_of(stmts) -> set[str]:
    """Names the statements bind in the module's namespace (not inside the functions they define)."""
    names: set[str] = set()
    stack = list(stmts)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
            continue
        if isinstance(node, ast.Lambda):
            continue
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            names.add(node.id)
        elif isinstance(node, ast.alias):
            names.add((node.asname or node.name).split(".")[0])
        stack.extend(ast.iter_child_nodes(node))
    return names
