"""IPython syntax in notebook cells: the lines a kernel handles itself, and Python to stand in for
them while the cell is analysed. Row numbers and every other line stay as they are."""
from __future__ import annotations

import re

# A magic's or shell command's line, with the lines it continues onto: IPython joins the lines of an
# escaped command that end with a backslash (`%time df["a"] = df.apply( \` then its argument's rest).
_ESCAPED = r"(?:[^\r\n]*\\(?:\r\n|\r|\n))*[^\r\n]*"
# `%magic`, `!shell`, `?obj` (no Python statement starts so) and `obj?` / `obj??`.
IPYTHON_LINE = re.compile(r"^([ \t]*)(?:[%!?]" + _ESCAPED + r"|[\w.]+\?\??[ \t]*)(?=\r|\n|\Z)", re.MULTILINE)
# `result = %timeit -o f()`, `files = !ls`: a magic's or shell's value assigned to names.
IPYTHON_VALUE = re.compile(r"^([ \t]*[\w.]+(?:[ \t]*,[ \t]*[\w.]+)*[ \t]*=[ \t]*)[%!]" + _ESCAPED
                           + r"(?=\r|\n|\Z)", re.MULTILINE)
_BREAK = re.compile(r"\r\n|\r|\n")


def is_notebook(path: str | None) -> bool:
    """The editor names a cell's notebook as its path; `mpguard check` reads .ipynb files."""
    return bool(path) and path.endswith(".ipynb")


def as_python(cell: str) -> str | None:
    """The cell with its IPython lines replaced by `pass` at their indentation (a cell magic such as
    `%%bash` blanks every row of the cell), or None when it has no such line."""
    if cell.lstrip().startswith("%%"):
        return re.sub(r"[^\r\n]+", "", cell)
    replaced = IPYTHON_LINE.sub(lambda match: f"{match.group(1)}pass" + _rows_after(match), cell)
    replaced = IPYTHON_VALUE.sub(lambda match: f"{match.group(1)}None" + _rows_after(match), replaced)
    return None if replaced == cell else replaced


def without_leading_indent(rows: list[str]) -> list[str]:
    """IPython's cleanup before it runs a cell (IPython.core.inputtransformer2: leading_empty_lines, then
    leading_indent): when the first line that is not blank starts with spaces or tabs, that same whitespace
    is taken off every line that starts with it (`    ap = f(x)` pasted from a function body runs as a
    cell). Rows stay where they are; the dedented lines' columns move left."""
    first = next((row for row in rows if row and not row.isspace()), None)
    indent = re.match(r"[ \t]+", first) if first is not None else None
    if indent is None:
        return rows
    space = indent.group(0)
    return [row[len(space):] if row.startswith(space) else row for row in rows]


def _rows_after(match) -> str:
    """The line breaks of a command's continued lines: they stay, empty, so that rows keep their numbers."""
    return "".join(_BREAK.findall(match.group(0)))
