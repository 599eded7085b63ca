"""Jupyter notebooks for `mpguard check`: the code cells joined into one module, as the kernel runs
them one after the other, and the way back from a row of that module to a cell.

IPython syntax is not Python. A cell that does not parse as it is has its line magics (`%time f()`)
and shell escapes (`!pip install x`) turned into `pass` at their indentation, so the block around
them still parses; a cell magic (`%%bash`) makes the whole cell blank. Rows keep their numbers.
"""
from __future__ import annotations

import ast
import json
import re
import warnings
from dataclasses import dataclass

LINE_BREAK = re.compile(r"\r\n|\r|\n")
IPYTHON_LINE = re.compile(r"^([ \t]*)[%!?]")  # `%magic`, `!shell`, `?obj`: no Python statement starts so


@dataclass
class NotebookSource:
    text: str
    cells: list[tuple[int, int]]  # row r of `text` comes from cells[r - 1] = (cell number, row in that cell)


def read_notebook(data: bytes) -> NotebookSource:
    """The code of a .ipynb file. Raises ValueError when it is not a notebook."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
        cells = document["cells"]
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as exc:
        raise ValueError(f"not a Jupyter notebook ({type(exc).__name__}: {exc})") from None
    if not isinstance(cells, list):
        raise ValueError("not a Jupyter notebook (its cells are not a list)")
    lines: list[str] = []
    where: list[tuple[int, int]] = []
    for number, cell in enumerate(cells, start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        rows = LINE_BREAK.split(source)  # the breaks the parser counts (`splitlines` knows many more)
        if len(rows) > 1 and rows[-1] == "":
            rows.pop()
        if not _parses(source):
            cell_magic = rows[0].lstrip().startswith("%%")
            rows = ["" if cell_magic else _python(line) for line in rows]
        lines.extend(rows)
        where.extend((number, row) for row in range(1, len(rows) + 1))
    return NotebookSource("".join(line + "\n" for line in lines), where)


def _python(line: str) -> str:
    match = IPYTHON_LINE.match(line)
    return line if match is None else f"{match.group(1)}pass"


def _parses(source: str) -> bool:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ast.parse(source)
    except (SyntaxError, ValueError):
        return False
    return True
