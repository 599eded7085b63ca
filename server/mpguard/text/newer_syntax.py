"""Syntax newer than the interpreter mpguard runs on: the version a line needs, so that a file valid in
Python 3.12+ is not reported as a bare SyntaxError when mpguard runs on 3.11."""
from __future__ import annotations

import re
import sys

# (pattern on the line the parser stopped at, the version that accepts it, what it is)
NEWER = (
    (re.compile(r"^\s*type\s+[A-Za-z_]\w*\s*(\[[^\]]*\])?\s*="), (3, 12), "a `type` statement (PEP 695)"),
    (re.compile(r"^\s*(async\s+)?def\s+[A-Za-z_]\w*\s*\["), (3, 12), "type parameters (PEP 695)"),
    (re.compile(r"^\s*class\s+[A-Za-z_]\w*\s*\["), (3, 12), "type parameters (PEP 695)"),
    (re.compile(r"^\s*except\*?\s+[\w.]+\s*,\s*[\w.]+(\s*,\s*[\w.]+)*\s*:"), (3, 14),
     "`except` with several types and no parentheses (PEP 758)"),
    (re.compile(r"(^|[^\w'\"])t(r?|R?)['\"]|(^|[^\w'\"])[rR]t['\"]"), (3, 14), "a template string (PEP 750)"),
)


def newer_syntax(line: str, running: tuple[int, int] | None = None) -> tuple[tuple[int, int], str] | None:
    """(the version that accepts `line`, what it is) when that is newer than `running`, else None."""
    running = running or sys.version_info[:2]
    for pattern, version, what in NEWER:
        if version > running and pattern.search(line):
            return version, what
    return None
