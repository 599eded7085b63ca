"""IPython syntax in notebook cells: the lines a kernel handles itself, and Python to stand in for
them while the cell is analysed. Row numbers and every other line stay as they are."""
from __future__ import annotations

import re

# `%magic`, `!shell`, `?obj` (no Python statement starts so) and `obj?` / `obj??`.
IPYTHON_LINE = re.compile(r"^([ \t]*)(?:[%!?][^\r\n]*|[\w.]+\?\??[ \t]*)(?=\r|\n|\Z)", re.MULTILINE)
# `result = %timeit -o f()`, `files = !ls`: a magic's or shell's value assigned to names.
IPYTHON_VALUE = re.compile(r"^([ \t]*[\w.]+(?:[ \t]*,[ \t]*[\w.]+)*[ \t]*=[ \t]*)[%!][^\r\n]*(?=\r|\n|\Z)",
                           re.MULTILINE)


def is_notebook(path: str | None) -> bool:
    """The editor names a cell's notebook as its path; `mpguard check` reads .ipynb files."""
    return bool(path) and path.endswith(".ipynb")


def as_python(cell: str) -> str | None:
    """The cell with its IPython lines replaced by `pass` at their indentation (a cell magic such as
    `%%bash` blanks every row of the cell), or None when it has no such line."""
    if cell.lstrip().startswith("%%"):
        return re.sub(r"[^\r\n]+", "", cell)
    replaced = IPYTHON_LINE.sub(lambda match: f"{match.group(1)}pass", cell)
    replaced = IPYTHON_VALUE.sub(lambda match: f"{match.group(1)}None", replaced)
    return None if replaced == cell else replaced
