"""Jupyter notebooks for `mpguard check`: the code cells joined into one module, as the kernel runs
them one after the other, and the way back from a row of that module to a cell.

IPython syntax is not Python: a cell that does not parse as it is has its IPython lines set aside
(`mpguard.text.ipython`). A cell that still does not parse is left blank and its syntax error is
kept, so that the other cells are checked. Rows keep their numbers.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from mpguard.text.chunks import LINE_BREAK, parse_text
from mpguard.text.ipython import as_python, without_leading_indent


@dataclass
class NotebookSource:
    text: str
    cells: list[tuple[int, int]]  # row r of `text` comes from cells[r - 1] = (cell number, row in that cell)
    errors: list[tuple[int, int, str]]  # (row of `text`, column, message) of cells left out: they do not parse


def read_notebook(data: bytes) -> NotebookSource:
    """The code of a .ipynb file. Raises ValueError when it is not a notebook."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
        cells, key = _document_cells(document)
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as exc:
        raise ValueError(f"not a Jupyter notebook ({type(exc).__name__}: {exc})") from None
    except RecursionError:  # json recurses once per level: `[[[[...` 100,000 deep
        raise ValueError("not a Jupyter notebook (its JSON is nested too deeply to read)") from None
    if not isinstance(cells, list):
        raise ValueError("not a Jupyter notebook (its cells are not a list)")
    code = []
    for number, cell in enumerate(cells, start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        code.append((number, _cell_text(cell.get(key, ""), number)))
    return join_cells(code)


def _document_cells(document) -> tuple[list, str]:
    """The cells and the key of a code cell's text: nbformat 4's `cells` and `source`, or nbformat 3's
    (IPython 1-2, still opened by Jupyter): the cells of each of its `worksheets`, their code in `input`."""
    if "cells" in document or "worksheets" not in document:
        return document["cells"], "source"
    worksheets = document["worksheets"]
    if not isinstance(worksheets, list) or not all(isinstance(w, dict) for w in worksheets):
        raise TypeError("its worksheets are not a list of objects")
    cells = []
    for worksheet in worksheets:
        found = worksheet.get("cells", [])
        if not isinstance(found, list):
            raise TypeError("a worksheet's cells are not a list")
        cells.extend(found)
    return cells, "input"


def join_cells(cells) -> NotebookSource:
    """Code cells, as (cell number or key, source) in the order the kernel runs them, joined into one
    module (the editor's notebook sync hands its cells to this too)."""
    lines: list[str] = []
    where: list[tuple] = []
    errors: list[tuple[int, int, str]] = []
    for number, source in cells:
        rows = LINE_BREAK.split(source)  # the breaks the parser counts (`splitlines` knows many more)
        if len(rows) > 1 and rows[-1] == "":
            rows.pop()
        if _syntax_error(source) is not None:
            rows = without_leading_indent(rows)  # (what the kernel takes off an indented cell first)
            python = as_python("\n".join(rows))
            rows = python.split("\n") if python is not None else rows
            error = _syntax_error("\n".join(rows))
            if error is not None:
                errors.append((len(lines) + min(max(error.lineno or 1, 1), len(rows)),
                               max((error.offset or 1) - 1, 0), f"SyntaxError: {error.msg}"))
                rows = [""] * len(rows)
        lines.extend(rows)
        where.extend((number, row) for row in range(1, len(rows) + 1))
    return NotebookSource("".join(line + "\n" for line in lines), where, errors)


def _cell_text(source, number: int) -> str:
    """A cell's `source`: a string, or a list of strings (one per line). Anything else means the file is
    not a notebook mpguard can read, rather than a cell to guess at."""
    if isinstance(source, str):
        return source
    if isinstance(source, list) and all(isinstance(line, str) for line in source):
        return "".join(source)
    bad = source if not isinstance(source, list) else next(line for line in source if not isinstance(line, str))
    raise ValueError(f"not a Jupyter notebook (cell {number}: its source holds {type(bad).__name__}, not text)")


def _syntax_error(source: str) -> SyntaxError | None:
    try:
        parse_text(source)
    except SyntaxError as error:
        return error
    except ValueError as error:  # a null byte
        return SyntaxError(str(error))
    return None
