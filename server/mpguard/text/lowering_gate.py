"""A cheap test before `mpguard.text.lowering`: can the lowering rewrite anything in this text at all?

Mid-edit, every keystroke that leaves a large file unparsable parses it again from the edited statement
on, and the lowering's scan of that text costs about what its `ast.parse` does. Most such errors are
typos in code with no newer syntax anywhere. `may_lower(text)` is False only when no construct the
lowering rewrites on the running Python can be in the text; then `lower` would have rewritten nothing
and the running parser's error stands, so skipping it changes no answer. When unsure it says True.

Each test below is a superset of what the scanner (`lowering._Scanner`) rewrites, found by regular
expressions and a look at one line or one bracket at most. Before Python 3.11 (PEP 646 stars anywhere
in a subscript) the gate always says True.
"""
from __future__ import annotations

import re
import sys

# `def f[T]`, `class C[T]` (PEP 695/696), `type X = ...` (PEP 695), `lazy import` (PEP 810)
# (`lazy` only in column 0, as the scanner wants it)
_STATEMENTS = re.compile(r"\b(?:def|class)[ \t]+\w+[ \t]*\[|\btype[ \t]+[^\W\d]|(?<![^\r\n])lazy[ \t]+(?:import|from)\b")
_EXCEPT = re.compile(r"\bexcept\b")
# a star (or two) just inside an open bracket, as in `[*xs for xs in xss]` (PEP 798): the scanner's
# tokens skip blanks, comments and the operators it does not follow (`+`, `.`, ...), so anything but a
# word, a quote, a bracket or a star may come between
_STAR_INSIDE = re.compile(r"""[(\[{](?:[^\w'"()\[\]{}*#]|#[^\r\n]*)*\*""")
_FOR = re.compile(r"\bfor\b")
# a string prefix with an f or a t, then its quote
_FT_STRING = re.compile(r"""\b(?:[rR]?[fFtT]|[fFtT][rR])('''|\"\"\"|'|")""")
_LINE_END = re.compile(r"\r|\n")
_OPEN, _CLOSE = "([{", ")]}"


def may_lower(text: str, running: tuple | None = None) -> bool:
    """False when `lowering.lower(text, running)` is sure to rewrite nothing; True when it may."""
    running = tuple(running or sys.version_info[:2])
    if running < (3, 11):
        return True
    if _STATEMENTS.search(text):
        return True
    if running < (3, 14) and any(_except_may_list(text, m.end()) for m in _EXCEPT.finditer(text)):
        return True
    if any(_bracket_has_for(text, m.start()) for m in _STAR_INSIDE.finditer(text)):
        return True
    for m in _FT_STRING.finditer(text):
        prefix = text[m.start():m.start(1)].lower()
        if "t" in prefix and running < (3, 14):
            return True
        if "f" in prefix and running < (3, 12) and _fstring_may_need_312(text, m.end(1), m.group(1)):
            return True
    return False


def _except_may_list(text: str, pos: int) -> bool:
    """Whether the `except` clause from `pos` may hold a comma before its `:` (PEP 758): unless the rest
    of its row is plain code with no comma and a `:` outside brackets, it may."""
    end = _LINE_END.search(text, pos)
    rest = text[pos:end.start() if end else len(text)]
    if any(c in rest for c in ",\\#'\""):
        return True
    depth = 0
    for char in rest:
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth -= 1
        elif char == ":" and depth <= 0:
            return False
    return True  # the clause goes on past this row: the scanner reads on


def _bracket_has_for(text: str, open_at: int) -> bool:
    """Whether the bracket opening at `open_at` may hold a `for` (a comprehension): its text up to the
    bracket that closes it, counted naively; a string or a comment on the way makes it unsure (True)."""
    depth = 0
    for index in range(open_at, len(text)):
        char = text[index]
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth -= 1
            if depth == 0:
                return _FOR.search(text, open_at, index) is not None
        elif char in "'\"#":
            return True
    return True


def _fstring_may_need_312(text: str, body: int, quote: str) -> bool:
    """Whether the f-string whose body starts at `body` may be one only Python 3.12 reads (PEP 701: a
    quote, a backslash, a comment or a line break in a replacement field, or fields nested three deep).
    Its body is read naively, to the first `quote` (a single-quoted one stops at a line break too):
    an f-string of 3.12 either shows a backslash, a `#` or a quote there, or ends there inside a field,
    which leaves the braces uneven (literal braces come in pairs: `{{`, `}}`)."""
    end = text.find(quote, body)
    if len(quote) == 1:
        line_end = _LINE_END.search(text, body)
        if line_end is not None and (end < 0 or line_end.start() < end):
            return True  # a line break before the quote
    if end < 0:
        return True
    inside = text[body:end]
    if any(c in inside for c in "\\#'\""):
        return True
    depth = deepest = 0
    for char in inside:
        if char == "{":
            depth += 1
            deepest = max(deepest, depth)
        elif char == "}":
            depth -= 1
    return depth != 0 or deepest >= 3


__all__ = ["may_lower"]
