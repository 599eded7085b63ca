"""Text shown inside Markdown (hovers, the explain report): escaped so that it reads as written.

A message quotes code: `'test_closure.<locals>.test_b'` loses `<locals>` to the HTML filter of a
Markdown renderer, `*args` starts emphasis, `__main__` turns bold. Escaping only the characters
Markdown acts on keeps a plain-text client's view readable too.
"""
from __future__ import annotations

import re

# The characters that can start Markdown or HTML inline syntax mid-line (CommonMark lets any ASCII
# punctuation be backslash-escaped; these are the ones that change what is shown).
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~!&])")


def escape(text: str) -> str:
    """`text` as literal Markdown: every character that could start syntax is backslash-escaped."""
    return _SPECIAL.sub(r"\\\1", text)


def code(text: str, in_table: bool = False) -> str:
    """`text` as an inline code span, however many backticks it holds; in a table cell, `|` is escaped
    (GFM splits cells before it reads code spans) and line breaks become spaces."""
    text = " ".join(text.splitlines()) if in_table else text
    run = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * (run + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""  # CommonMark strips one space each side
    body = f"{fence}{pad}{text}{pad}{fence}"
    return body.replace("|", "\\|") if in_table else body
